package lago

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gateServer serves a customer, counts the connections it accepts, and
// closes each connection after one request when closeEach is set.
func gateServer(t *testing.T, closeEach bool) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	body, err := os.ReadFile("../gen/testdata/customer.json")
	require.NoError(t, err)
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if closeEach {
			w.Header().Set("Connection", "close")
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

func hammer(t *testing.T, c *Client, callers, calls int) {
	t.Helper()
	var wg sync.WaitGroup
	var failures atomic.Int64
	for range callers {
		wg.Go(func() {
			for range calls {
				if _, err := c.GetCustomer(context.Background(), "acme"); err != nil {
					failures.Add(1)
				}
			}
		})
	}
	wg.Wait()
	require.Zero(t, failures.Load())
}

func TestDialGateOpensNoMoreConnectionsThanCallers(t *testing.T) {
	for _, callers := range []int{1, 2, 8, 32, 64} {
		for round := range 3 {
			srv, conns := gateServer(t, false)
			c, err := NewClient("k", WithBaseURL(srv.URL))
			require.NoError(t, err)
			hammer(t, c, callers, 20)
			assert.LessOrEqual(t, conns.Load(), int64(callers), "%d callers, round %d", callers, round)

			// The books balance: no attempt is left in flight, and every
			// connection opened is counted once.
			g := c.doer.gate
			assert.Zero(t, g.inflight.Load())
			assert.Equal(t, conns.Load(), g.conns.Load())
			assert.Zero(t, g.held.Load())
			c.CloseIdleConnections()
		}
	}
}

// A server that closes every connection forces a dial per request; the gate
// must keep letting them through.
func TestDialGateWithServerClosingConnections(t *testing.T) {
	srv, conns := gateServer(t, true)
	c, err := NewClient("k", WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.CloseIdleConnections()
	done := make(chan struct{})
	go func() {
		defer close(done)
		hammer(t, c, 16, 20)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("requests stalled behind the dial gate")
	}
	assert.Equal(t, int64(16*20), conns.Load())
}

func TestDialGateHeldDialEndsWithItsRequest(t *testing.T) {
	before := runtime.NumGoroutine()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	c, err := NewClient("k", WithBaseURL(srv.URL), WithRetry(NoRetry))
	require.NoError(t, err)

	// The first call holds the only connection; the second waits for one,
	// is allowed to dial, and is canceled while waiting for its answer.
	go func() { _, _ = c.GetCustomer(context.Background(), "a") }()
	time.Sleep(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.GetCustomer(ctx, "b")
	require.ErrorIs(t, err, context.DeadlineExceeded)

	close(release)
	c.CloseIdleConnections()
	srv.Close()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before)
}
