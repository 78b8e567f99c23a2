package lago

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"syscall"
	"time"
)

// RetryPolicy says when and how long a Client waits before sending a
// request again. Almost every operation is safe to repeat: customer
// creation is an upsert on external_id, reads change nothing, updates and
// terminations set the same state again, and a repeated delete answers
// ErrNotFound once the first one went through (so a retried DeleteCustomer,
// DeleteAppliedCoupon or DeleteWalletAlert can report ErrNotFound for a
// delete that happened). CreateWallet, CreateWalletAlert and
// CreateWalletAlerts are not: a second delivery would create a second
// wallet, or fail with alert_already_exists after the first succeeded. They
// are retried only when the attempt surely did not reach Lago: a refused
// connection, or a 429 or 503 response.
//
// A Client retries on 429, 502, 503 and 504 responses, and when no response
// came: the connection was refused or reset, or closed before a response
// (as a keep-alive connection that the server or a load balancer has just
// timed out is). Waits grow exponentially from BaseDelay
// with random jitter; a Retry-After or X-RateLimit-Reset header replaces the
// computed wait. No single wait exceeds MaxDelay: when the server asks for
// more, the Client stops and returns the error, whose RetryAfter tells how
// long the server asked for. A wait ends at once when the call's context is
// done, and no wait starts that would outlast the context's deadline.
//
// A zero field means its default, from DefaultRetryPolicy; so
// RetryPolicy{MaxAttempts: 5} keeps the default delays.
type RetryPolicy struct {
	// MaxAttempts counts every attempt, the first included; 1 switches
	// retries off. Zero means 3.
	MaxAttempts int
	// BaseDelay is the wait before the first retry, before jitter. Zero
	// means 500ms.
	BaseDelay time.Duration
	// MaxDelay caps any single wait, server hints included. Zero means
	// 30s.
	MaxDelay time.Duration
}

// DefaultRetryPolicy is what a Client uses unless WithRetry says otherwise:
// 3 attempts, waits from 500ms, none longer than 30s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second}
}

// NoRetry sends every request once.
var NoRetry = RetryPolicy{MaxAttempts: 1}

// WithRetry replaces DefaultRetryPolicy; its zero fields keep their
// defaults. Use NoRetry to switch retries off. Negative fields, or a
// BaseDelay above MaxDelay, are refused.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 0 {
			return fmt.Errorf("WithRetry: MaxAttempts is %d, want at least 1 (or 0 for the default)", p.MaxAttempts)
		}
		if p.BaseDelay < 0 || p.MaxDelay < 0 {
			return errors.New("WithRetry: delays must not be negative")
		}
		if p = p.withDefaults(); p.BaseDelay > p.MaxDelay {
			return fmt.Errorf("WithRetry: BaseDelay %v is above MaxDelay %v", p.BaseDelay, p.MaxDelay)
		}
		c.retry = p
		return nil
	}
}

// withDefaults fills the zero fields of p from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts == 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = d.MaxDelay
	}
	return p
}

// retryableStatus lists the responses that say "try again later".
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a transport error means that no response
// came, and sending again may get one: the connection was refused, reset,
// or closed before the response (io.EOF; net/http reports a keep-alive
// connection the server closed as it was reused as "server closed idle
// connection", which it does not export). Every operation of this client is
// safe to repeat, so a request that may have reached Lago can be sent again.
func retryableError(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "server closed idle connection")
}

// notSent reports whether a transport error means the request never
// reached the server: the connection was refused.
func notSent(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED)
}

// unprocessedStatus lists the responses that say the request was not
// processed: Lago's rate limiter refused it, or no server took it. A 502
// or 504 comes from a gateway that may have passed the request on.
func unprocessedStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable
}

// backoff is the computed wait before retry number n (1 for the first
// retry): exponential from BaseDelay, with "equal jitter" so that clients
// failing together do not retry together, capped by MaxDelay.
func (p RetryPolicy) backoff(n int, random func() float64) time.Duration {
	d := p.BaseDelay << (n - 1)
	if d <= 0 || d > p.MaxDelay || d>>(n-1) != p.BaseDelay { // on overflow
		d = p.MaxDelay
	}
	half := d / 2
	return half + time.Duration(random()*float64(d-half))
}

func defaultRandom() float64 { return rand.Float64() }

// retryAfter decides whether attempt n deserves another, and after how long.
//
// The notRepeatable flag is set for an operation that must not reach Lago
// twice: it is sent again only when the first attempt surely was not processed (the
// connection was refused, or Lago answered 429 or 503), never after a lost
// response or a gateway's 502 or 504, which may follow a request Lago did
// process.
func (c *Client) retryAfter(req *http.Request, n int, rsp *http.Response, err error, notRepeatable bool) (time.Duration, bool) {
	p := c.retry
	if n >= p.MaxAttempts || (req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
		return 0, false
	}
	var wait time.Duration
	switch {
	case err != nil:
		if !retryableError(err) || req.Context().Err() != nil || (notRepeatable && !notSent(err)) {
			return 0, false
		}
		wait = p.backoff(n, c.random)
	case notRepeatable && !unprocessedStatus(rsp.StatusCode):
		return 0, false
	case retryableStatus(rsp.StatusCode):
		if hint, ok := serverHint(rsp.Header, c.now()); ok {
			if hint > p.MaxDelay {
				return 0, false // the caller learns the hint from Error.RetryAfter
			}
			wait = hint
		} else {
			wait = p.backoff(n, c.random)
		}
	default:
		return 0, false
	}
	// A wait that would end after the deadline only delays the same failure.
	if deadline, ok := req.Context().Deadline(); ok && c.now().Add(wait).After(deadline) {
		return 0, false
	}
	return wait, true
}
