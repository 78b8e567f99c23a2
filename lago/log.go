package lago

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// logAttempt records one attempt: what was called (as a path template),
// how it ended, how long it took, and whether it will be retried. Headers
// appear only at debug level, with Authorization redacted. The error and
// the headers go through the same scrubber as the call's errors: a
// transport error may quote the request's path and query (an unparsable
// Location, a malformed status line).
func (c *Client) logAttempt(ctx context.Context, op *operation, pathArgs []string, req *http.Request, n int, rsp *http.Response, err error, elapsed, wait time.Duration, again bool) {
	if c.log == nil {
		return
	}
	level := slog.LevelDebug
	attrs := make([]slog.Attr, 0, 9)
	if op != nil {
		attrs = append(attrs, slog.String("operation", op.id), slog.String("method", op.method), slog.String("path", op.path))
	} else {
		// A call through Client.Generated: nothing tells the ids in its
		// path from the words of a template, so the path is left out.
		attrs = append(attrs, slog.String("method", req.Method))
	}
	debug := c.log.Enabled(ctx, slog.LevelDebug)
	var sc scrubber
	if err != nil || debug {
		sc = newScrubber(c.key, pathArgs, req.URL.RawQuery, rawQuery(rsp), sentQuery(err))
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
	c.log.LogAttrs(ctx, level, "lago request", attrs...)
}

// statusLevel is how loud a response is logged: what needs someone's
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
