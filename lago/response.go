package lago

import (
	"context"
	"net/http"
)

// Response is what Lago's HTTP response to one call said besides its
// body: its status, headers, request id and rate-limit state. Ask for it
// with WithResponse. Unlike Client.RateLimit, which reports the last
// response the Client got from any call, a Response belongs to one call,
// so it stays right when calls run concurrently.
type Response struct {
	// StatusCode is the HTTP status of the last response; 0 when none
	// came.
	StatusCode int
	// RequestID is the response's X-Request-Id header, which Lago support
	// asks for; empty when there was none.
	RequestID string
	// Header holds the response's headers.
	Header http.Header
	// RateLimit is Lago Cloud's rate-limit state as the response reported
	// it; nil when it carried no X-RateLimit-* header.
	RateLimit *RateLimit
	// Attempts counts the requests the call sent, retries included.
	Attempts int
}

type responseKey struct{}

// WithResponse returns a context that makes the call it is passed to fill
// in r with the last response it got (a retried call keeps the one it
// ended with). Use one Response per call: calls running at once with the
// same Response would race to fill it. An iterator such as AllCustomers
// fills it in again for every page.
func WithResponse(ctx context.Context, r *Response) context.Context {
	return context.WithValue(ctx, responseKey{}, r)
}

// recordResponse fills in the call's Response, if it asked for one, after
// attempt n.
func recordResponse(req *http.Request, n int, rsp *http.Response, rl *RateLimit) {
	r, ok := req.Context().Value(responseKey{}).(*Response)
	if !ok || r == nil {
		return
	}
	*r = Response{Attempts: n, RateLimit: rl}
	if rsp != nil {
		r.StatusCode = rsp.StatusCode
		r.Header = rsp.Header
		r.RequestID = rsp.Header.Get("X-Request-Id")
	}
}
