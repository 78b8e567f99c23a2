package lago

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// emptyBodyLimit is how much of a body callEmptyResponse reads to tell whether it
// holds anything: enough for the whitespace a server or proxy may add, and
// no more, however long the body.
const emptyBodyLimit = 512

// callEmptyResponse runs an operation whose success response has no body,
// such as DELETE .../alerts, which Lago answers 200 with nothing in it.
// Errors are those of call. Only a 200 or 204 with nothing in it is
// success: a body with anything but JSON whitespace (space, tab, CR, LF) in
// it is ErrBadResponse, for it is not Lago's response (Lago's error body
// under a 200, a page of alerts, a proxy's page) and taking it for success would
// hide that the delete may not have happened. Whitespace alone carries
// nothing a caller could miss, and some servers end every body with a
// newline, so it counts as nothing, up to emptyBodyLimit bytes of it. Another
// 2xx status is not one Lago sends, so it is ErrBadResponse too.
func callEmptyResponse(ctx context.Context, c *Client, op *operation, send sender, pathArgs ...string) error {
	_, err := exchange(ctx, c, op, send, pathArgs, func(_ *operation, rsp *http.Response) (*struct{}, error) {
		if rsp.StatusCode != http.StatusOK && rsp.StatusCode != http.StatusNoContent {
			return nil, errUnexpectedStatus(rsp.StatusCode)
		}
		body, err := io.ReadAll(io.LimitReader(rsp.Body, emptyBodyLimit+1))
		if err != nil {
			return nil, err
		}
		if len(body) > emptyBodyLimit || strings.Trim(string(body), " \t\r\n") != "" {
			return nil, errUnexpectedBody(rsp.StatusCode)
		}
		return &struct{}{}, nil
	})
	return err
}

// errUnexpectedStatus is a 2xx status an operation never answers.
type errUnexpectedStatus int

func (e errUnexpectedStatus) Error() string {
	return "status " + strconv.Itoa(int(e)) + ", want 200 with an empty body"
}

// errUnexpectedBody is a body under a status that should have none. It
// never quotes the body, which may echo the call's ids.
type errUnexpectedBody int

func (e errUnexpectedBody) Error() string {
	return "status " + strconv.Itoa(int(e)) + " with a body, want an empty body"
}
