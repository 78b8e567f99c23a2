package lagotest_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestFailNext(t *testing.T) {
	h := newHarness(t)
	h.allowOffSpec(http.StatusServiceUnavailable)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, h.srv.FailNext(lagotest.OpGetCustomer, 2, lagotest.Fault{Status: http.StatusServiceUnavailable}))

	for i := range 2 {
		_, err := h.client.GetCustomer(h.ctx(), "acme")
		require.ErrorIs(t, err, lago.ErrServer, "call %d", i+1)
		requireLagoError(t, err, http.StatusServiceUnavailable, `{"status":503,"error":"Service Unavailable"}`)
	}
	_, err := h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err, "the third call succeeds")
}

func TestFailNextThenRetrySucceeds(t *testing.T) {
	h := newHarness(t)
	h.allowOffSpec(http.StatusServiceUnavailable)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, h.srv.FailNext(lagotest.OpGetCustomer, 2, lagotest.Fault{Status: http.StatusServiceUnavailable}))

	got, err := h.retryingClient(time.Second).GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	assert.Equal(t, "acme", got.ExternalID)

	var attempts int
	for _, r := range h.srv.Requests() {
		if r.OperationID == lagotest.OpGetCustomer {
			attempts++
		}
	}
	assert.Equal(t, 3, attempts, "two failures, then the answer")
}

func TestFailNextOnlyHitsItsOperation(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, h.srv.FailNext(lagotest.OpDeleteCustomer, 1, lagotest.Fault{Status: http.StatusForbidden,
		Body: `{"status":403,"error":"Forbidden","code":"write_action_not_allowed_for_customer"}`}))

	_, err := h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	_, err = h.client.DeleteCustomer(h.ctx(), "acme")
	lerr := lagoErrorOf(t, err, http.StatusForbidden, `{"status":403,"error":"Forbidden","code":"write_action_not_allowed_for_customer"}`)
	assert.Equal(t, "write_action_not_allowed_for_customer", lerr.Code)
	_, err = h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err, "the failed delete changed nothing")
}

func TestFailNextQueuesAndCoversAllOperations(t *testing.T) {
	h := newHarness(t)
	h.allowOffSpec(http.StatusBadGateway)
	h.allowOffSpec(http.StatusInternalServerError)
	proxyPage := "<html><body>502 Bad Gateway</body></html>"
	require.NoError(t, h.srv.FailNext(lagotest.AllOperations, 1, lagotest.Fault{
		Status: http.StatusBadGateway, Body: proxyPage, Header: http.Header{"Content-Type": {"text/html"}, "Via": {"1.1 proxy"}},
	}))
	require.NoError(t, h.srv.FailNext(lagotest.AllOperations, 1, lagotest.Fault{Status: http.StatusInternalServerError}))

	got := h.raw(http.MethodGet, "/customers", "", nil)
	assert.Equal(t, http.StatusBadGateway, got.status)
	assert.Equal(t, proxyPage, got.body)
	assert.Equal(t, "text/html", got.header.Get("Content-Type"))
	assert.Equal(t, "1.1 proxy", got.header.Get("Via"))

	_, err := h.client.GetPortalURL(h.ctx(), "acme")
	requireLagoError(t, err, http.StatusInternalServerError, `{"status":500,"error":"Internal Server Error"}`)

	_, err = h.client.GetPortalURL(h.ctx(), "acme")
	requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
}

func TestFaultsSkipRequestsThatReachNoOperation(t *testing.T) {
	h := newHarness(t)
	require.NoError(t, h.srv.FailNext(lagotest.AllOperations, 1, lagotest.Fault{Status: http.StatusTeapot}))
	requireAnswer(t, h.raw(http.MethodGet, "/customers", "", http.Header{}), http.StatusUnauthorized, `{"status":401,"error":"Unauthorized"}`)
	requireAnswer(t, h.raw(http.MethodGet, "/plans", "", nil), http.StatusNotFound, `{"status":404,"error":"Not Found"}`)

	h.allowOffSpec(http.StatusTeapot)
	assert.Equal(t, http.StatusTeapot, h.raw(http.MethodGet, "/customers", "", nil).status, "the fault is still there")
}

func TestRateLimitNext(t *testing.T) {
	tests := []struct {
		name       string
		op         string
		retryAfter time.Duration
		wantWait   string
		wantLimit  string
	}{
		{name: "whole seconds", op: lagotest.OpListCustomers, retryAfter: 2 * time.Second, wantWait: "2", wantLimit: "50"},
		{name: "rounded up", op: lagotest.OpListCustomers, retryAfter: 1500 * time.Millisecond, wantWait: "2", wantLimit: "50"},
		{name: "current usage has its own limit", op: lagotest.OpGetCurrentUsage, retryAfter: time.Second, wantWait: "1", wantLimit: "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			require.NoError(t, h.srv.RateLimitNext(tt.op, 1, tt.retryAfter))
			target := "/customers"
			if tt.op == lagotest.OpGetCurrentUsage {
				target = "/customers/acme/current_usage?external_subscription_id=s"
			}
			got := h.raw(http.MethodGet, target, "", nil)
			requireAnswer(t, got, http.StatusTooManyRequests, `{"status":429,"error":"Too Many Requests"}`)
			assert.Equal(t, tt.wantWait, got.header.Get("Retry-After"))
			assert.Equal(t, tt.wantWait, got.header.Get("X-RateLimit-Reset"))
			assert.Equal(t, tt.wantLimit, got.header.Get("X-RateLimit-Limit"))
			assert.Equal(t, "0", got.header.Get("X-RateLimit-Remaining"))
			assert.NotEqual(t, http.StatusTooManyRequests, h.raw(http.MethodGet, target, "", nil).status, "only the next call")
		})
	}

	t.Run("a retrying client waits and succeeds", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.srv.RateLimitNext(lagotest.OpListCustomers, 2, 0))
		_, err := h.retryingClient(time.Second).ListCustomers(h.ctx(), nil)
		require.NoError(t, err)
		assert.Len(t, h.srv.Requests(), 3)
	})
	t.Run("a client gives up on a wait longer than it allows", func(t *testing.T) {
		h := newHarness(t)
		require.NoError(t, h.srv.RateLimitNext(lagotest.OpListCustomers, 1, 2*time.Second))
		_, err := h.retryingClient(100*time.Millisecond).ListCustomers(h.ctx(), nil)
		require.ErrorIs(t, err, lago.ErrRateLimited)
		lerr := lagoErrorOf(t, err, http.StatusTooManyRequests, `{"status":429,"error":"Too Many Requests"}`)
		assert.Equal(t, 2*time.Second, lerr.RetryAfter)
		assert.Len(t, h.srv.Requests(), 1)
	})
}

func TestSetLatency(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, h.srv.SetLatency(lagotest.OpGetCustomer, time.Minute))

	ctx, cancel := context.WithTimeout(h.ctx(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := h.client.GetCustomer(ctx, "acme")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 10*time.Second, "the deadline, not the latency, ended the call")

	_, err = h.client.ListCustomers(h.ctx(), nil)
	require.NoError(t, err, "other operations answer at once")

	require.NoError(t, h.srv.SetLatency(lagotest.OpGetCustomer, 0))
	require.NoError(t, h.srv.SetLatency(lagotest.AllOperations, 30*time.Millisecond))
	start = time.Now()
	_, err = h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)

	h.srv.ClearFaults()
	ctx, cancel = context.WithTimeout(h.ctx(), 5*time.Second)
	defer cancel()
	_, err = h.client.GetCustomer(ctx, "acme")
	require.NoError(t, err)
}

func TestCloseDoesNotWaitForLatency(t *testing.T) {
	srv := lagotest.NewServer()
	require.NoError(t, srv.SetLatency(lagotest.AllOperations, time.Hour))
	client := watch(t, srv).client
	done := make(chan error, 1)
	go func() {
		_, err := client.ListCustomers(context.Background(), nil)
		done <- err
	}()
	waitFor(t, func() bool { return len(srv.Requests()) == 1 })

	closeWithin(t, srv, 10*time.Second, "Close waited for the injected latency")
	err := <-done
	require.Error(t, err)
	var lerr *lago.Error
	assert.NotErrorAs(t, err, &lerr, "the connection ends without an answer")
}

func TestFaultArguments(t *testing.T) {
	srv := lagotest.New(t)
	tests := []struct {
		name string
		err  error
	}{
		{name: "unknown operation", err: srv.FailNext("getCustomer", 1, lagotest.Fault{Status: 500})},
		{name: "no call", err: srv.FailNext(lagotest.OpGetCustomer, 0, lagotest.Fault{Status: 500})},
		{name: "no status", err: srv.FailNext(lagotest.OpGetCustomer, 1, lagotest.Fault{})},
		{name: "rate limit, unknown operation", err: srv.RateLimitNext("", 1, time.Second)},
		{name: "rate limit, negative wait", err: srv.RateLimitNext(lagotest.OpGetCustomer, 1, -time.Second)},
		{name: "latency, unknown operation", err: srv.SetLatency("findCustomers", time.Second)},
		{name: "negative latency", err: srv.SetLatency(lagotest.OpGetCustomer, -time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Error(t, tt.err)
		})
	}
}

// waitFor polls cond for a few seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A client that stops halfway through its request body, or never reads the
// answer, does not keep Close (and so New's cleanup) waiting.
func TestCloseEndsStuckConnections(t *testing.T) {
	tests := []struct {
		name    string
		request string
	}{
		{name: "body never finished", request: "POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"customer\":"},
		{name: "headers never finished", request: "GET /api/v1/customers HTTP/1.1\r\nHost: x\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := lagotest.NewServer()
			conn, err := net.Dial("tcp", strings.TrimPrefix(strings.TrimSuffix(srv.URL, "/api/v1"), "http://"))
			require.NoError(t, err)
			// Closing only ends the stuck request; how it goes is not the test.
			defer func() { _ = conn.Close() }()
			_, err = io.WriteString(conn, tt.request)
			require.NoError(t, err)
			// Let the server start on the request, as a client stuck
			// mid-request would have it.
			time.Sleep(50 * time.Millisecond)

			closeWithin(t, srv, 5*time.Second, "Close waits for a stuck client")
		})
	}
}

// closeWithin fails the test with msg when srv.Close takes longer than d.
func closeWithin(t *testing.T, srv *lagotest.Server, d time.Duration, msg string) {
	t.Helper()
	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(d):
		t.Fatal(msg)
	}
}
