package lago

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// errorBodyLimit caps how much of an error body is read and kept: enough
// for any Lago error, small enough that a proxy's page costs little.
const errorBodyLimit = 64 << 10

// sender is a bound method of the generated client for one operation, its
// arguments already applied.
type sender func(ctx context.Context) (*http.Response, error)

// call runs one operation through the generated client and returns the
// decoded 200 body, or an error: every non-2xx answer becomes an *Error and
// a 2xx answer that does not decode keeps its status in one too.
//
// The pathArgs are the operation's path parameters in template order, checked
// before anything is sent; the generated client escapes each as exactly
// one path segment.
func call[T any](ctx context.Context, c *Client, op *operation, send sender, pathArgs ...string) (*T, error) {
	return exchange(ctx, c, op, send, pathArgs, decodeJSON[T])
}

// exchange sends one operation's request and hands a 2xx answer, its body
// capped at the Client's limit, to decode. It turns everything else into
// the error call describes.
func exchange[T any](ctx context.Context, c *Client, op *operation, send sender, pathArgs []string, decode func(*operation, *http.Response) (*T, error)) (*T, error) {
	for i, name := range op.params {
		if err := checkPathParam(op, name, pathArgs[i]); err != nil {
			return nil, err
		}
	}
	rsp, err := send(c.doer.withCall(ctx, op, pathArgs))
	if err != nil {
		return nil, c.requestError(op, newScrubber(c.key, pathArgs, sentQuery(err)), err)
	}
	defer closeBody(rsp.Body)

	if rsp.StatusCode < 200 || rsp.StatusCode > 299 {
		return nil, c.statusError(op, c.scrubber(pathArgs, rsp), rsp)
	}

	if rsp.ContentLength > c.maxBody {
		return nil, c.badResponse(op, c.scrubber(pathArgs, rsp), rsp, fmt.Errorf("%w: %d bytes announced, %d allowed", errBodyTooLarge, rsp.ContentLength, c.maxBody))
	}
	rsp.Body = &limitedBody{ReadCloser: rsp.Body, left: c.maxBody}
	out, err := decode(op, rsp)
	if err != nil {
		sc := c.scrubber(pathArgs, rsp)
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return nil, c.requestError(op, sc, err)
		}
		return nil, c.badResponse(op, sc, rsp, err)
	}
	return out, nil
}

// statusError reads the start of a non-2xx answer's body and builds the
// *Error for it. It reads a little past errorBodyLimit and scrubs before
// it cuts, so that a key or id straddling the cut is scrubbed whole rather
// than kept minus its last characters.
func (c *Client) statusError(op *operation, sc scrubber, rsp *http.Response) error {
	if rsp.StatusCode >= 300 && rsp.StatusCode <= 399 {
		// A redirect's body repeats its Location, path and all.
		return c.apiError(op, sc, rsp, nil)
	}
	margin := int64(len(c.key.value))
	for _, v := range sc.values {
		margin = max(margin, int64(len(v)))
	}
	body, err := io.ReadAll(io.LimitReader(rsp.Body, errorBodyLimit+margin))
	if err != nil && len(body) == 0 {
		return c.requestError(op, sc, err)
	}
	return c.apiError(op, sc, rsp, body)
}

// rawQuery is the query the answered request carried, for scrubbing; ""
// when there was no answer.
func rawQuery(rsp *http.Response) string {
	if rsp == nil || rsp.Request == nil || rsp.Request.URL == nil {
		return ""
	}
	return rsp.Request.URL.RawQuery
}

// checkJSON200 refuses a 2xx answer that is not a JSON 200, the only one
// the decoders can use.
func checkJSON200(rsp *http.Response) error {
	ct := rsp.Header.Get("Content-Type")
	if rsp.StatusCode != http.StatusOK || !strings.Contains(ct, "json") {
		return fmt.Errorf("status %d with Content-Type %q, want 200 application/json", rsp.StatusCode, ct)
	}
	return nil
}

// requestError wraps a failure to get an answer at all: the request could
// not be built or sent, or the context ended. Both errors.Is and errors.As
// still see the cause (context.DeadlineExceeded, a *net.OpError,
// syscall.ECONNREFUSED, ...), but not the *url.Error around it, whose text
// quotes the URL with its ids and query; the message is scrubbed of the
// key and of the call's values too.
//
// Only what net/http or the server said is scrubbed: the operation is
// named after, since its template is ours and an id that happens to be one
// of its words ("code", "customers") must not mangle it.
func (c *Client) requestError(op *operation, sc scrubber, err error) error {
	err = unwrapURLError(err)
	return &wrapped{msg: "lago: " + op.String() + ": " + sc.text(err.Error()), err: err}
}

// wrapped is an error with its own message around a cause.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// closeBody drains what is left of a body, within reason, so the
// connection can be reused, then closes it.
func closeBody(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, errorBodyLimit))
	_ = body.Close()
}
