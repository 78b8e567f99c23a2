package lago

import (
	"context"
	"net/http"
)

// Answer is what Lago's answer to one call said besides its body: its
// status, headers, request id and rate-limit state. Ask for it with
// WithAnswer. Unlike Client.RateLimit, which reports the last answer the
// Client got from any call, an Answer belongs to one call, so it stays
// right when calls run concurrently.
type Answer struct {
	// StatusCode is the HTTP status of the last answer; 0 when none came.
	StatusCode int
	// RequestID is the answer's X-Request-Id header, which Lago support
	// asks for; empty when there was none.
	RequestID string
	// Header holds the answer's headers.
	Header http.Header
	// RateLimit is Lago Cloud's rate-limit state as the answer reported it;
	// nil when it carried no X-RateLimit-* header.
	RateLimit *RateLimit
	// Attempts counts the requests the call sent, retries included.
	Attempts int
}

type answerKey struct{}

// WithAnswer returns a context that makes the call it is passed to fill in
// a with the last answer it got (a retried call keeps the one it ended
// with). Use one Answer per call: calls running at once with the same
// Answer would race to fill it. An iterator such as AllCustomers fills it
// in again for every page.
func WithAnswer(ctx context.Context, a *Answer) context.Context {
	return context.WithValue(ctx, answerKey{}, a)
}

// recordAnswer fills in the call's Answer, if it asked for one, after
// attempt n.
func recordAnswer(req *http.Request, n int, rsp *http.Response, rl *RateLimit) {
	a, ok := req.Context().Value(answerKey{}).(*Answer)
	if !ok || a == nil {
		return
	}
	*a = Answer{Attempts: n, RateLimit: rl}
	if rsp != nil {
		a.StatusCode = rsp.StatusCode
		a.Header = rsp.Header
		a.RequestID = rsp.Header.Get("X-Request-Id")
	}
}
