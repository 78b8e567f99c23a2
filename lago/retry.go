package lago

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"syscall"
	"time"
)

// RetryPolicy says when and how long a Client waits before sending a
// request again. Every customer operation is safe to repeat: creation is an
// upsert on external_id, reads change nothing, and a repeated delete answers
// ErrNotFound once the first one went through (so a retried DeleteCustomer
// or DeleteAppliedCoupon can report ErrNotFound for a delete that happened).
//
// A Client retries on 429, 502, 503 and 504 answers, and when the
// connection was refused or reset. Waits grow exponentially from BaseDelay
// with random jitter; a Retry-After or X-RateLimit-Reset header replaces the
// computed wait. No single wait exceeds MaxDelay: when the server asks for
// more, the Client stops and returns the error, whose RetryAfter tells how
// long the server asked for. A wait ends at once when the call's context is
// done, and no wait starts that would outlast the context's deadline.
type RetryPolicy struct {
	// MaxAttempts counts every attempt, the first included; 1 switches
	// retries off.
	MaxAttempts int
	// BaseDelay is the wait before the first retry, before jitter.
	BaseDelay time.Duration
	// MaxDelay caps any single wait, server hints included.
	MaxDelay time.Duration
}

// DefaultRetryPolicy is what a Client uses unless WithRetry says otherwise:
// 3 attempts, waits from 500ms, none longer than 30s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second}
}

// NoRetry sends every request once.
var NoRetry = RetryPolicy{MaxAttempts: 1}

// WithRetry replaces DefaultRetryPolicy. Use NoRetry to switch retries off.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 1 {
			return fmt.Errorf("WithRetry: MaxAttempts is %d, want at least 1", p.MaxAttempts)
		}
		if p.BaseDelay < 0 || p.MaxDelay < 0 {
			return errors.New("WithRetry: delays must not be negative")
		}
		c.retry = p
		return nil
	}
}

// retryableStatus lists the answers that say "try again later".
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a transport error means the request may
// not have reached Lago: the connection was refused, or reset under it.
func retryableError(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET)
}

// backoff is the computed wait before retry number n (1 for the first
// retry): exponential from BaseDelay, with "equal jitter" so that clients
// failing together do not retry together, capped by MaxDelay.
func (p RetryPolicy) backoff(n int, random func() float64) time.Duration {
	d := p.BaseDelay << (n - 1)
	if d <= 0 || (p.MaxDelay > 0 && d > p.MaxDelay) { // d <= 0 on overflow
		d = p.MaxDelay
	}
	half := d / 2
	return half + time.Duration(random()*float64(d-half))
}

func defaultRandom() float64 { return rand.Float64() }
