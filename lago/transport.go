package lago

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"
)

// transport is the HTTP layer under the generated client: every attempt of
// every operation passes through its Do, which retries, records rate
// limits and logs.
type transport struct {
	client *http.Client
	retry  RetryPolicy
	log    *slog.Logger // nil: no logging
	key    *secret
	rate   atomic.Pointer[RateLimit]

	// Seams for tests; real time and randomness otherwise.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	random func() float64
}

func newTransport(hc *http.Client, retry RetryPolicy, log *slog.Logger, key *secret) *transport {
	return &transport{
		client: hc, retry: retry, log: log, key: key,
		now: time.Now, sleep: sleepContext, random: defaultRandom,
	}
}

// The operation travels with one call in its context, so that logs name
// the path template rather than a URL full of customer ids, and scrub the
// call's ids from what net/http said.
type callKey struct{}

// callInfo is what the transport knows of the call an attempt belongs to.
type callInfo struct {
	op       *operation
	pathArgs []string // in template order, as exchange got them
}

// withCall attaches the call's operation and path parameters to ctx, when
// anything needs them: the logger, or the retry rules of an operation that
// must not be repeated.
func (t *transport) withCall(ctx context.Context, op *operation, pathArgs []string) context.Context {
	if t.log == nil && !op.once {
		return ctx
	}
	return context.WithValue(ctx, callKey{}, &callInfo{op: op, pathArgs: pathArgs})
}

// callOf is the call ctx carries, if any.
func callOf(ctx context.Context) *callInfo {
	call, _ := ctx.Value(callKey{}).(*callInfo)
	return call
}

// operationOf is the operation ctx carries, if any.
func operationOf(ctx context.Context) *operation {
	if call := callOf(ctx); call != nil {
		return call.op
	}
	return nil
}

// Do sends req, and sends it again while the answer is worth retrying and
// the policy and the context allow.
func (t *transport) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	call := callOf(ctx)
	once := call != nil && call.op.once
	attempt := req
	for n := 1; ; n++ {
		start := t.now()
		rsp, err := t.client.Do(attempt)
		elapsed := t.now().Sub(start)
		var rate *RateLimit
		if rsp != nil {
			if rl, ok := parseRateLimit(rsp.Header, t.now()); ok {
				rate = &rl
				t.rate.Store(rate)
			}
		}
		recordAnswer(req, n, rsp, rate)
		wait, again := t.retryAfter(req, n, rsp, err, once)
		t.logAttempt(ctx, call, attempt, n, rsp, err, elapsed, wait, again)
		if !again {
			return rsp, err
		}
		if rsp != nil {
			closeBody(rsp.Body)
		}
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
		attempt = rewind(req)
	}
}

// retryAfter decides whether attempt n deserves another, and after how long.
//
// The once flag is set for an operation that must not reach Lago twice: it
// is sent again only when the first attempt surely was not processed (the
// connection was refused, or Lago answered 429 or 503), never after a lost
// answer or a gateway's 502 or 504, which may follow a request Lago did
// process.
func (t *transport) retryAfter(req *http.Request, n int, rsp *http.Response, err error, once bool) (time.Duration, bool) {
	p := t.retry
	if n >= p.MaxAttempts || (req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
		return 0, false
	}
	var wait time.Duration
	switch {
	case err != nil:
		if !retryableError(err) || req.Context().Err() != nil || (once && !notSent(err)) {
			return 0, false
		}
		wait = p.backoff(n, t.random)
	case once && !unprocessedStatus(rsp.StatusCode):
		return 0, false
	case retryableStatus(rsp.StatusCode):
		if hint, ok := serverHint(rsp.Header, t.now()); ok {
			if hint > p.MaxDelay {
				return 0, false // the caller learns the hint from Error.RetryAfter
			}
			wait = hint
		} else {
			wait = p.backoff(n, t.random)
		}
	default:
		return 0, false
	}
	// A wait that would end after the deadline only delays the same failure.
	if deadline, ok := req.Context().Deadline(); ok && t.now().Add(wait).After(deadline) {
		return 0, false
	}
	return wait, true
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

// logAttempt records one attempt: what was called (as a path template),
// how it ended, how long it took, and whether it will be retried. Headers
// appear only at debug level, with Authorization redacted. The error and
// the headers go through the same scrubber as the call's errors: a
// transport error may quote the request's path and query (an unparsable
// Location, a malformed status line).
func (t *transport) logAttempt(ctx context.Context, call *callInfo, req *http.Request, n int, rsp *http.Response, err error, elapsed, wait time.Duration, again bool) {
	if t.log == nil {
		return
	}
	level := slog.LevelDebug
	attrs := make([]slog.Attr, 0, 9)
	var pathArgs []string
	if call != nil {
		op := call.op
		pathArgs = call.pathArgs
		attrs = append(attrs, slog.String("operation", op.id), slog.String("method", op.method), slog.String("path", op.path))
	} else {
		// A call through Client.Generated: nothing tells the ids in its
		// path from the words of a template, so the path is left out.
		attrs = append(attrs, slog.String("method", req.Method))
	}
	debug := t.log.Enabled(ctx, slog.LevelDebug)
	var sc scrubber
	if err != nil || debug {
		sc = newScrubber(t.key, pathArgs, req.URL.RawQuery, rawQuery(rsp), sentQuery(err))
	}
	attrs = append(attrs, slog.Int("attempt", n), slog.Duration("duration", elapsed))
	if rsp != nil {
		attrs = append(attrs, slog.Int("status", rsp.StatusCode))
		level = statusLevel(rsp.StatusCode)
	}
	if err != nil {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("error", sc.text(unwrapURLError(err).Error())))
	}
	if again {
		attrs = append(attrs, slog.Duration("retry_in", wait))
	}
	if debug {
		attrs = append(attrs, slog.Any("request_headers", scrubHeader(sc, redactHeaders(req.Header))))
	}
	t.log.LogAttrs(ctx, level, "lago request", attrs...)
}

// statusLevel is how loud an answer is logged: what needs someone's
// attention (5xx, 429, a redirect that is not followed) at warn; other
// 4xx, which callers often ask for (a lookup of a customer that does not
// exist), at info; successes at debug.
func statusLevel(status int) slog.Level {
	switch {
	case status >= 500, status == http.StatusTooManyRequests, status >= 300 && status <= 399, status < 200:
		return slog.LevelWarn
	case status >= 400:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}

func redactHeaders(h http.Header) http.Header {
	out := h.Clone()
	if out.Get("Authorization") != "" {
		out.Set("Authorization", "Bearer "+redacted)
	}
	delete(out, idempotencyKey) // a marker for net/http, never sent
	return out
}

// limitedBody fails a read that goes past its limit, so a runaway answer is
// an error rather than an out-of-memory.
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
