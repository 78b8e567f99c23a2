package lago

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is Lago Cloud's rate-limit state as one response reported it, from
// its X-RateLimit-* headers. A self-hosted Lago sends none.
type RateLimit struct {
	// Limit is how many requests the window allows.
	Limit int
	// Remaining is how many requests are left in the window.
	Remaining int
	// Reset is how long until the window resets, as of At.
	Reset time.Duration
	// At is when the response arrived.
	At time.Time
}

// RateLimit returns the rate-limit headers of the last response that carried
// them, to any call of the Client, and false when no response has yet. With
// calls running concurrently, use WithResponse to read those of one call.
func (c *Client) RateLimit() (RateLimit, bool) {
	rl := c.rate.Load()
	if rl == nil {
		return RateLimit{}, false
	}
	return *rl, true
}

// parseRateLimit reads the X-RateLimit-* headers; ok is false when the
// response carries none of them.
func parseRateLimit(h http.Header, now time.Time) (rl RateLimit, ok bool) {
	// Header names are written in canonical form so that Get does not
	// allocate to canonicalize them on every response.
	limit, okLimit := headerInt(h, "X-Ratelimit-Limit")
	remaining, okRemaining := headerInt(h, "X-Ratelimit-Remaining")
	reset, okReset := resetAfter(h, now)
	if !okLimit && !okRemaining && !okReset {
		return RateLimit{}, false
	}
	return RateLimit{Limit: limit, Remaining: remaining, Reset: reset, At: now}, true
}

// serverHint is how long the server asked the client to wait: Retry-After
// (seconds or an HTTP date) first, then X-RateLimit-Reset.
func serverHint(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
			return seconds(secs), true
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(now), 0), true
		}
	}
	return resetAfter(h, now)
}

// resetAfter reads X-RateLimit-Reset. Lago documents it as seconds until
// the window resets; a value that can only be a Unix time is read as one.
func resetAfter(h http.Header, now time.Time) (time.Duration, bool) {
	n, ok := headerInt(h, "X-Ratelimit-Reset")
	if !ok || n < 0 {
		return 0, false
	}
	const unixTimeFloor = 1_000_000_000 // 2001-09-09; no window is that long
	if n >= unixTimeFloor {
		return max(time.Unix(int64(n), 0).Sub(now), 0), true
	}
	return seconds(int64(n)), true
}

func headerInt(h http.Header, name string) (int, bool) {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// seconds converts without overflowing: a hint of years is as good as
// "longer than any wait we accept".
func seconds(n int64) time.Duration {
	const maxSeconds = int64(1<<63-1) / int64(time.Second)
	return time.Duration(min(n, maxSeconds)) * time.Second
}
