package lago

import (
	"context"
	"net/http"
	"strconv"
)

// callNoBody runs an operation whose success answer has no body, such as
// DELETE .../alerts, which Lago answers 200 with nothing in it. Errors are
// those of call. Any body a 200 or 204 does carry is ignored; another 2xx
// status is not one Lago sends, so it is ErrBadResponse.
func callNoBody(ctx context.Context, c *Client, op *operation, send sender, pathArgs ...string) error {
	_, err := exchange(ctx, c, op, send, pathArgs, func(_ *operation, rsp *http.Response) (*struct{}, error) {
		if rsp.StatusCode != http.StatusOK && rsp.StatusCode != http.StatusNoContent {
			return nil, errUnexpectedStatus(rsp.StatusCode)
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
