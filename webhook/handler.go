package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
)

// DefaultMaxBodySize is the largest body [Handler] reads unless
// [WithMaxBodySize] says otherwise. Lago's events are a few KiB; an invoice
// with many fees stays far below this.
const DefaultMaxBodySize = 4 << 20

// HandlerOption configures [Handler].
type HandlerOption func(*handler)

// WithMaxBodySize sets the largest body the handler reads; a larger one is
// answered with 413 and not verified. Zero or less keeps the default.
func WithMaxBodySize(n int64) HandlerOption {
	return func(h *handler) {
		if n > 0 {
			h.maxBody = n
		}
	}
}

// WithDeduplicator makes the handler drop events whose unique key d has
// already seen. See [Deduplicator] for why you want one.
func WithDeduplicator(d Deduplicator) HandlerOption {
	return func(h *handler) { h.dedup = d }
}

// WithErrorLog gives the handler a function to report the errors it
// answers with a 5xx: those of your event function, a panic in it
// (matching [ErrPanic], with its stack), a failed public key fetch, and
// those of the Deduplicator. Refused requests are never reported: what an
// attacker sends is not worth a log line, and must not be able to forge
// one.
func WithErrorLog(fn func(ctx context.Context, err error)) HandlerOption {
	return func(h *handler) { h.report = fn }
}

type handler struct {
	v       *Verifier
	fn      func(ctx context.Context, ev *Event) error
	maxBody int64
	dedup   Deduplicator
	report  func(ctx context.Context, err error)
}

// Handler returns an http.Handler that verifies each delivery with v and
// calls fn with its event. Mount it at the URL you register in Lago:
//
//	http.Handle("POST /webhooks/lago", webhook.Handler(v, handle))
//
// It answers as Lago expects, so that Lago retries exactly what was not
// handled:
//   - 204 when fn returned nil, or the Deduplicator had seen the event;
//   - 405 (with Allow: POST) for a method other than POST;
//   - 413 for a body over the size limit (see [WithMaxBodySize]);
//   - 401 for a refused signature ([ErrInvalidSignature]);
//   - 400 for a signed body that is not an event ([ErrNotEvent]);
//   - 503 when Lago's public key could not be fetched;
//   - 500 when fn returned an error or panicked, or the Deduplicator
//     failed: Lago then delivers the event again, up to three attempts
//     in all.
//
// A panic in fn is recovered, so that Lago gets an answer and retries,
// and reported to [WithErrorLog]'s function. The bodies of error answers
// are fixed short texts: nothing the request carried is echoed or logged.
func Handler(v *Verifier, fn func(ctx context.Context, ev *Event) error, opts ...HandlerOption) http.Handler {
	h := &handler{v: v, fn: fn, maxBody: DefaultMaxBodySize}
	for _, opt := range opts {
		opt(h)
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.ContentLength > h.maxBody {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "body cannot be read", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	ev, err := h.v.verify(ctx, body, r.Header)
	switch {
	case errors.Is(err, ErrInvalidSignature):
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	case errors.Is(err, ErrNotEvent):
		http.Error(w, "not a Lago event", http.StatusBadRequest)
		return
	case err != nil:
		h.log(ctx, err)
		http.Error(w, "signature cannot be checked now", http.StatusServiceUnavailable)
		return
	}
	if h.dedup != nil && ev.UniqueKey != "" {
		seen, err := h.dedup.Seen(ctx, ev.UniqueKey)
		if err != nil {
			h.log(ctx, fmt.Errorf("webhook: deduplicator: %w", err))
			http.Error(w, "event not handled", http.StatusInternalServerError)
			return
		}
		if seen {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	if err := h.call(ctx, ev); err != nil {
		h.log(ctx, err)
		http.Error(w, "event not handled", http.StatusInternalServerError)
		return
	}
	if h.dedup != nil && ev.UniqueKey != "" {
		if err := h.dedup.Handled(ctx, ev.UniqueKey); err != nil {
			// The event was handled: answering 500 would have Lago send it
			// again and fn run twice for certain.
			h.log(ctx, fmt.Errorf("webhook: deduplicator: %w", err))
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// call runs fn, turning a panic into an error. A panic with
// http.ErrAbortHandler is passed on: it is how a handler asks net/http to
// drop the connection.
func (h *handler) call(ctx context.Context, ev *Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler { //nolint:errorlint // the sentinel is panicked as is
				panic(p)
			}
			err = fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())
		}
	}()
	return h.fn(ctx, ev)
}

func (h *handler) log(ctx context.Context, err error) {
	if h.report != nil {
		h.report(ctx, err)
	}
}
