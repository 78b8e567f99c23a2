package lagotest

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// AllOperations stands for every operation in FailNext, RateLimitNext and
// SetLatency.
const AllOperations = "*"

// Fault is a response the server gives in place of the real one, to test
// how code copes with errors. It is sent as is: the server does not check
// it against the spec, so it may be anything a proxy or an outage produces.
type Fault struct {
	// Status is the HTTP status, e.g. 503.
	Status int
	// Body is sent verbatim. When empty, the body is Lago's error shape
	// for Status, e.g. {"status":503,"error":"Service Unavailable"}.
	Body string
	// Header is added to the response; it may replace the Content-Type,
	// which is Lago's JSON one otherwise.
	Header http.Header
}

// faults is the injected behaviour, guarded by Server.mu.
type faults struct {
	queue   map[string][]pendingFault
	latency map[string]time.Duration
}

type pendingFault struct {
	response response
	left     int
}

// FailNext makes the next n calls of the operation op (one of the Op
// constants, or AllOperations) answer f instead of their real response.
// Faults queue up: a second FailNext applies once the first is used up,
// and those of the operation itself come before those of AllOperations.
// Only requests that reach an operation, with the right key, count.
func (s *Server) FailNext(op string, n int, f Fault) error {
	if err := checkOp(op); err != nil {
		return err
	}
	if n < 1 || f.Status < 100 || f.Status > 999 {
		return fmt.Errorf("lagotest: FailNext(%q, %d, status %d): want n >= 1 and a valid status", op, n, f.Status)
	}
	rep := response{status: f.Status, body: []byte(f.Body), extra: f.Header.Clone()}
	if f.Body == "" {
		rep.body = errorResponse(f.Status, "", "").body
	}
	s.queueFault(op, pendingFault{response: rep, left: n})
	return nil
}

// RateLimitNext makes the next n calls of op answer 429 the way Lago
// Cloud's rate limiter does, with X-RateLimit-Limit, X-RateLimit-Remaining
// (0) and X-RateLimit-Reset, and with Retry-After, both in whole seconds
// rounded up from retryAfter.
func (s *Server) RateLimitNext(op string, n int, retryAfter time.Duration) error {
	if err := checkOp(op); err != nil {
		return err
	}
	if n < 1 || retryAfter < 0 {
		return fmt.Errorf("lagotest: RateLimitNext(%q, %d, %v): want n >= 1 and a non-negative wait", op, n, retryAfter)
	}
	// Lago Cloud allows more calls to current usage than to the rest.
	limit := "50"
	if op == OpGetCurrentUsage {
		limit = "200"
	}
	seconds := strconv.Itoa(int(math.Ceil(retryAfter.Seconds())))
	rep := errorResponse(http.StatusTooManyRequests, "", "")
	rep.extra = http.Header{}
	rep.extra.Set("Retry-After", seconds)
	rep.extra.Set("X-RateLimit-Limit", limit)
	rep.extra.Set("X-RateLimit-Remaining", "0")
	rep.extra.Set("X-RateLimit-Reset", seconds)
	s.queueFault(op, pendingFault{response: rep, left: n})
	return nil
}

// SetLatency delays every response of op by d, or of every operation with
// AllOperations; a latency set for the operation itself wins over the one
// for all. Zero removes it. The wait ends early when the client gives up.
func (s *Server) SetLatency(op string, d time.Duration) error {
	if err := checkOp(op); err != nil {
		return err
	}
	if d < 0 {
		return fmt.Errorf("lagotest: SetLatency(%q, %v): negative latency", op, d)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.latency == nil {
		s.faults.latency = map[string]time.Duration{}
	}
	if d == 0 {
		delete(s.faults.latency, op)
	} else {
		s.faults.latency[op] = d
	}
	return nil
}

// ClearFaults removes every queued fault and latency.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = faults{}
}

func checkOp(op string) error {
	if _, ok := handlers[op]; ok || op == AllOperations {
		return nil
	}
	return fmt.Errorf("lagotest: unknown operation %q; use one of the Op constants or AllOperations", op)
}

func (s *Server) queueFault(op string, f pendingFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.queue == nil {
		s.faults.queue = map[string][]pendingFault{}
	}
	s.faults.queue[op] = append(s.faults.queue[op], f)
}

// nextFault takes one use of the first fault queued for op, or for all
// operations. The caller holds the lock.
func (s *Server) nextFault(op string) (response, bool) {
	if op == "" {
		return response{}, false
	}
	for _, key := range []string{op, AllOperations} {
		q := s.faults.queue[key]
		if len(q) == 0 {
			continue
		}
		rep := q[0].response
		if q[0].left--; q[0].left == 0 {
			s.faults.queue[key] = q[1:]
		}
		return rep, true
	}
	return response{}, false
}

// latency is the latency set for op. The caller holds the lock.
func (s *Server) latency(op string) time.Duration {
	d, ok := s.faults.latency[op]
	if !ok {
		d = s.faults.latency[AllOperations]
	}
	return d
}

// sleep waits out an injected latency d. It reports false when the client
// went away or the server closed meanwhile, and no response should be sent.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d == 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
