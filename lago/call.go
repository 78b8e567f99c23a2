package lago

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// One call of an operation, top to bottom: exchange checks the path
// parameters, builds the request through the generated client and sends
// it; do sends it again while the response is worth retrying, recording
// rate limits and logging each attempt; exchange then maps a non-2xx
// status to an *Error, caps the body and decodes it, checking its
// envelope. The operation travels as an argument all the way.

// sender builds and sends one operation's request through the generated
// client g, its arguments already applied: a bound method such as
// g.FindCustomer.
type sender func(ctx context.Context, g *gen.Client) (*http.Response, error)

// call runs one operation and returns the decoded 200 body, or an error:
// every non-2xx response becomes an *Error and a 2xx response that does
// not decode keeps its status in one too.
//
// The pathArgs are the operation's path parameters in template order, checked
// before anything is sent; the generated client escapes each as exactly
// one path segment.
func call[T any](ctx context.Context, c *Client, op *operation, send sender, pathArgs ...string) (*T, error) {
	return exchange(ctx, c, op, send, pathArgs, decodeJSON[T])
}

// exchange runs one operation and hands a 2xx response, its body capped at
// the Client's limit, to decode. It turns everything else into the error
// call describes.
func exchange[T any](ctx context.Context, c *Client, op *operation, send sender, pathArgs []string, decode func(*operation, *http.Response) (*T, error)) (*T, error) {
	// 1. The path parameters: nothing is sent for one that would name
	// another endpoint.
	for i, name := range op.params {
		if err := checkPathParam(op, name, pathArgs[i]); err != nil {
			return nil, err
		}
	}

	// 2. The request, built by the generated client and sent through this
	// call's attempts, which know the operation.
	a := &attempts{c: c, op: op, pathArgs: pathArgs}
	a.generated = gen.Client{Server: c.server, Client: a}
	rsp, err := send(ctx, &a.generated)
	if err != nil {
		return nil, c.requestError(op, newScrubber(c.key, pathArgs, sentQuery(err)), err)
	}
	defer closeBody(rsp.Body)

	// 3. A status that is not a success is an *Error.
	if rsp.StatusCode < 200 || rsp.StatusCode > 299 {
		return nil, c.statusError(op, c.scrubber(pathArgs, rsp), rsp)
	}

	// 4. The body, within the size limit, decoded and its envelope checked.
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

// checkPathParam refuses the ids that would name another endpoint: ""
// leaves the parent collection, and "." and "..", which the generated client
// sends as %2E and %2E%2E, are dot segments to any server or proxy that
// decodes them first (RFC 3986 makes %2E and "." equivalent).
func checkPathParam(op *operation, name, value string) error {
	switch value {
	case "", ".", "..":
		return fmt.Errorf("lago: %s: %w: %s must not be %q", op, ErrInvalidArgument, name, value)
	}
	return nil
}

// attempts is the HTTP doer under the generated client for one call: it
// hands each request the generated client builds to do, with the call's
// operation and path parameters. One allocation holds it and the
// generated client that uses it.
type attempts struct {
	generated gen.Client
	c         *Client
	op        *operation
	pathArgs  []string // in template order, as exchange got them
}

// Do authorizes req and sends it as do does.
func (a *attempts) Do(req *http.Request) (*http.Response, error) {
	a.c.authorize(req, a.op)
	return a.c.do(req, a.op, a.pathArgs)
}

// authorize adds the headers every request carries. The value slices are
// built once and shared by every request: net/http never writes to a
// request's header values, and Header.Set or Add on a request replaces a
// slice of length and capacity one rather than writing into it. The op is
// nil for a request of Client.Generated.
func (c *Client) authorize(req *http.Request, op *operation) {
	req.Header["Authorization"] = c.key.header
	req.Header["User-Agent"] = c.userAgent
	req.Header["Accept"] = acceptJSON
	if c.replayable && (op == nil || !op.notRepeatable) {
		// net/http resends a request lost on a reused connection only if
		// it is idempotent; an Idempotency-Key entry with no value marks
		// it so without sending any header.
		req.Header[idempotencyKey] = nil
	}
}

const idempotencyKey = "Idempotency-Key"

var acceptJSON = []string{"application/json"}

// do sends req, and sends it again while the response is worth retrying
// and the policy and the context allow. Every attempt of every request
// passes here: those of this package's calls with their operation and path
// parameters, those of Client.Generated with a nil op, whose logs then
// leave the path out.
func (c *Client) do(req *http.Request, op *operation, pathArgs []string) (*http.Response, error) {
	ctx := req.Context()
	notRepeatable := op != nil && op.notRepeatable
	attempt := req
	for n := 1; ; n++ {
		start := c.now()
		rsp, err := c.hc.Do(attempt)
		elapsed := c.now().Sub(start)
		var rate *RateLimit
		if rsp != nil {
			if rl, ok := parseRateLimit(rsp.Header, c.now()); ok {
				rate = &rl
				c.rate.Store(rate)
			}
		}
		recordResponse(req, n, rsp, rate)
		wait, again := c.retryAfter(req, n, rsp, err, notRepeatable)
		c.logAttempt(ctx, op, pathArgs, attempt, n, rsp, err, elapsed, wait, again)
		if !again {
			return rsp, err
		}
		if rsp != nil {
			closeBody(rsp.Body)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
		attempt = rewind(req)
	}
}

// rewind prepares req to be sent again, with its body replayed from the
// start (the generated client builds bodies that can be).
func rewind(req *http.Request) *http.Request {
	again := req.Clone(req.Context())
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			again.Body = body
		}
	}
	return again
}

// sleepContext waits for d, or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errorBodyLimit caps how much of an error body is read and kept: enough
// for any Lago error, small enough that a proxy's page costs little.
const errorBodyLimit = 64 << 10

// statusError reads the start of a non-2xx response's body and builds the
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

// requestError wraps a failure to get a response at all: the request could
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

// unwrapURLError drops the *url.Error that http.Client wraps every failure
// in: its text quotes the whole URL, customer id and query included. What
// it wraps (a *net.OpError, context.DeadlineExceeded or another cause)
// stays.
func unwrapURLError(err error) error {
	// Only the outermost error is http.Client's wrapper. errors.As would
	// also find a *url.Error deeper down and drop what wraps it.
	if ue, ok := err.(*url.Error); ok { //nolint:errorlint // Only the outermost *url.Error, the one http.Client adds, is dropped.
		return ue.Err
	}
	return err
}

// rawQuery is the query the request carried, for scrubbing; "" when there
// was no response.
func rawQuery(rsp *http.Response) string {
	if rsp == nil || rsp.Request == nil || rsp.Request.URL == nil {
		return ""
	}
	return rsp.Request.URL.RawQuery
}

// checkJSON200 refuses a 2xx response that is not a JSON 200, the only
// one the decoders can use.
func checkJSON200(rsp *http.Response) error {
	ct := rsp.Header.Get("Content-Type")
	if rsp.StatusCode != http.StatusOK || !strings.Contains(ct, "json") {
		return fmt.Errorf("status %d with Content-Type %q, want 200 application/json", rsp.StatusCode, ct)
	}
	return nil
}

// limitedBody fails a read that goes past its limit, so a runaway response
// is an error rather than an out-of-memory.
type limitedBody struct {
	io.ReadCloser
	left int64
}

var errBodyTooLarge = errors.New("response body exceeds the size limit")

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var probe [1]byte
		n, err := b.ReadCloser.Read(probe[:])
		if n > 0 {
			return 0, errBodyTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// closeBody drains what is left of a body, within reason, so the
// connection can be reused, then closes it.
func closeBody(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, errorBodyLimit))
	_ = body.Close()
}
