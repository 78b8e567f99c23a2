package lago_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// connCounter counts the connections a server accepts, and how many are
// open at once at most.
type connCounter struct {
	accepted atomic.Int64
	open     atomic.Int64
	peak     atomic.Int64
}

func (c *connCounter) track(_ net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		c.accepted.Add(1)
		n := c.open.Add(1)
		for {
			p := c.peak.Load()
			if n <= p || c.peak.CompareAndSwap(p, n) {
				break
			}
		}
	case http.StateClosed, http.StateHijacked:
		c.open.Add(-1)
	}
}

func countedServer(t *testing.T, h http.Handler) (*httptest.Server, *connCounter) {
	t.Helper()
	counter := &connCounter{}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = counter.track
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, counter
}

// Many callers at once never hold more connections open than the bound,
// whatever the bound, and all their calls succeed.
func TestConnectionsAreBounded(t *testing.T) {
	tests := []struct {
		name    string
		opts    []lago.Option
		callers int
		bound   int64
	}{
		{name: "default bound", callers: 96, bound: lago.DefaultMaxConnsPerHost},
		{name: "a bound of 4", opts: []lago.Option{lago.WithMaxConnsPerHost(4)}, callers: 32, bound: 4},
		{name: "a bound of 16", opts: []lago.Option{lago.WithMaxConnsPerHost(16)}, callers: 200, bound: 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, conns := countedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(time.Millisecond)
				customerAnswer(t)(w, r)
			}))
			c, err := lago.NewClient(apiKey, append([]lago.Option{lago.WithBaseURL(srv.URL)}, tt.opts...)...)
			require.NoError(t, err)
			defer c.CloseIdleConnections()

			var wg sync.WaitGroup
			errs := make(chan error, tt.callers)
			for range tt.callers {
				wg.Go(func() {
					for range 5 {
						if _, err := c.GetCustomer(t.Context(), "acme"); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				require.NoError(t, err)
			}
			assert.LessOrEqual(t, conns.peak.Load(), tt.bound)
		})
	}
}

// A call never waits behind one that holds its connection: not behind a
// Generated() answer whose body is never closed, not behind a slow call.
func TestNoCallWaitsBehindAnother(t *testing.T) {
	release := make(chan struct{})
	srv, _ := countedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/customers/slow" {
			<-release
		}
		customerAnswer(t)(w, r)
	}))
	defer close(release)
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	// A call leaves an idle connection, which an answer through the
	// generated client then takes and keeps, its body never closed.
	_, err = c.GetCustomer(t.Context(), "warm")
	require.NoError(t, err)
	rsp, err := c.Generated().FindCustomer(t.Context(), "held")
	require.NoError(t, err)
	// Closed only when the test ends, to free the connection it holds; its
	// error says nothing about the client.
	defer func() { _ = rsp.Body.Close() }()

	// A slow call in flight.
	slowDone := make(chan struct{})
	slowCtx, cancelSlow := context.WithCancel(t.Context())
	go func() {
		defer close(slowDone)
		_, _ = c.GetCustomer(slowCtx, "slow")
	}()
	defer func() { cancelSlow(); <-slowDone }()

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err = c.GetCustomer(ctx, "acme")
	require.NoError(t, err)
	assert.Less(t, time.Since(start), time.Second)
}

// A server (or load balancer) that closes idle keep-alive connections
// after a few milliseconds races the client's next request on them; a POST
// lost that way is sent again, so none fails.
func TestStaleKeepAliveConnectionsDoNotFailCalls(t *testing.T) {
	srv := httptest.NewUnstartedServer(customerAnswer(t))
	srv.Config.IdleTimeout = 3 * time.Millisecond
	srv.Start()
	defer srv.Close()
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL),
		lago.WithRetry(lago.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	failures := 0
	for i := range 300 {
		// Around the idle timeout, so that some requests meet a
		// connection the server is closing.
		time.Sleep(time.Duration(2000+i%5*500) * time.Microsecond)
		if _, err := c.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"}); err != nil {
			failures++
			t.Log(err)
		}
	}
	assert.Zero(t, failures)
}

// Creating a wallet or an alert must not reach Lago twice: such a call is
// sent again only when the first attempt surely was not processed (429,
// 503), never after a gateway's 502 or 504 or a lost answer, while a
// repeatable call is retried in every one of those cases.
func TestNonRepeatableCallsRetryOnlyUnprocessedAttempts(t *testing.T) {
	tests := []struct {
		name         string
		first        func(w http.ResponseWriter)
		wantAttempts int64
	}{
		{"429", func(w http.ResponseWriter) { w.WriteHeader(http.StatusTooManyRequests) }, 2},
		{"503", func(w http.ResponseWriter) { w.WriteHeader(http.StatusServiceUnavailable) }, 2},
		{"502", func(w http.ResponseWriter) { w.WriteHeader(http.StatusBadGateway) }, 1},
		{"504", func(w http.ResponseWriter) { w.WriteHeader(http.StatusGatewayTimeout) }, 1},
		{"answer lost", func(w http.ResponseWriter) { hijackAndClose(w, "") }, 1},
	}
	for _, tt := range tests {
		for _, op := range []string{"CreateWallet", "CreateWalletAlert", "ListWallets"} {
			t.Run(tt.name+"/"+op, func(t *testing.T) {
				var attempts atomic.Int64
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					if attempts.Add(1) == 1 {
						tt.first(w)
						return
					}
					w.WriteHeader(http.StatusUnprocessableEntity) // any answer ends the call
				}))
				defer srv.Close()
				c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL), lago.WithRetry(fastRetry))
				require.NoError(t, err)
				defer c.CloseIdleConnections()
				ctx := t.Context()
				switch op {
				case "CreateWallet":
					_, err = c.CreateWallet(ctx, "acme", lago.WalletInput{RateAmount: "1.0"})
				case "CreateWalletAlert":
					_, err = c.CreateWalletAlert(ctx, "acme", "prepaid", lago.WalletAlertInput{AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low", Thresholds: []lago.WalletAlertThresholdInput{{Value: "1"}}})
				default:
					_, err = c.ListWallets(ctx, "acme", nil)
				}
				require.Error(t, err)
				want := tt.wantAttempts
				if op == "ListWallets" {
					want = 2 // repeatable: every one of these is retried
				}
				assert.Equal(t, want, attempts.Load())
			})
		}
	}
}

// countingServer serves a fixed customer and counts the TCP connections
// it accepts.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	body := fakelago.Fixture(t, "customer.json")
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
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

func TestConnectionReuse(t *testing.T) {
	t.Run("sequential calls share one connection", func(t *testing.T) {
		srv, conns := countingServer(t)
		c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
		require.NoError(t, err)
		defer c.CloseIdleConnections()
		for range 50 {
			_, err := c.GetCustomer(t.Context(), "acme")
			require.NoError(t, err)
		}
		assert.Equal(t, int64(1), conns.Load())
	})
	t.Run("64 concurrent callers open at most 64", func(t *testing.T) {
		srv, conns := countingServer(t)
		c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
		require.NoError(t, err)
		defer c.CloseIdleConnections()
		var wg sync.WaitGroup
		errs := make(chan error, 64*10)
		for range 64 {
			wg.Go(func() {
				for range 10 {
					if _, err := c.GetCustomer(context.Background(), "acme"); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		assert.LessOrEqual(t, conns.Load(), int64(64))
		assert.Positive(t, conns.Load())
	})
}
