package lago_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// countedServer serves h and counts the TCP connections it accepts.
func countedServer(t *testing.T, h http.Handler) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var accepted atomic.Int64
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			accepted.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &accepted
}

// connReuse counts, through an httptrace.ClientTrace in each call's
// context, the connections net/http closed after using them rather than
// keeping them for the next request.
//
// Counting what the server accepts is not enough to check a bound: net/http
// keeps a connection only if the goroutine that wrote the request has
// reported the write within 50 ms of the response being read to its end
// (maxWriteWaitBeforeConnReuse, see (*persistConn).wroteRequest; net/http's
// own tests raise it "to avoid flakiness"). On a loaded machine, under
// -race, that goroutine sometimes waits longer for a CPU, and the
// connection is closed and replaced although the call read its body to
// the end. No setting of the Transport changes that wait. The bound
// (MaxConnsPerHost) counts connections open at once, so each connection
// closed lets one more be opened: the server accepts at most the bound
// plus the connections closed. A connection used for a request is kept
// exactly when net/http reports PutIdleConn(nil); every other use ends
// with the connection closed.
type connReuse struct {
	used atomic.Int64 // GotConn: a connection taken for a request
	kept atomic.Int64 // PutIdleConn(nil): one put back for reuse
}

// context returns parent with the trace that counts.
func (r *connReuse) context(parent context.Context) context.Context {
	return httptrace.WithClientTrace(parent, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { r.used.Add(1) },
		PutIdleConn: func(err error) {
			if err == nil {
				r.kept.Add(1)
			}
		},
	})
}

// closed is how many connections net/http closed after a request, once
// every call has returned: net/http decides whether to keep a connection
// before the caller's read of the body returns its end.
func (r *connReuse) closed() int64 {
	return r.used.Load() - r.kept.Load()
}

// Many callers at once never hold more connections open than the bound,
// whatever the bound, and all their calls succeed. The server accepts at
// most the bound, plus one replacement for each connection net/http closed
// (see connReuse); TestBodiesAreReadToTheEnd checks that those are not
// closed by the Client.
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
			srv, accepted := countedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(time.Millisecond)
				customerAnswer(t)(w, r)
			}))
			c, err := lago.NewClient(apiKey, append([]lago.Option{lago.WithBaseURL(srv.URL)}, tt.opts...)...)
			require.NoError(t, err)
			defer c.CloseIdleConnections()

			var reuse connReuse
			ctx := reuse.context(t.Context())
			var wg sync.WaitGroup
			errs := make(chan error, tt.callers)
			for range tt.callers {
				wg.Go(func() {
					for range 5 {
						if _, err := c.GetCustomer(ctx, "acme"); err != nil {
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
			assert.LessOrEqual(t, accepted.Load(), tt.bound+reuse.closed())
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

// Calls reuse connections: the server accepts no more than one (or the
// bound, for concurrent callers), plus one for each connection net/http
// closed (see connReuse).
func TestConnectionReuse(t *testing.T) {
	t.Run("sequential calls share one connection", func(t *testing.T) {
		srv, accepted := countedServer(t, customerAnswer(t))
		c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
		require.NoError(t, err)
		defer c.CloseIdleConnections()
		var reuse connReuse
		ctx := reuse.context(t.Context())
		for range 50 {
			_, err := c.GetCustomer(ctx, "acme")
			require.NoError(t, err)
		}
		assert.LessOrEqual(t, accepted.Load(), 1+reuse.closed())
		assert.Positive(t, accepted.Load())
	})
	t.Run("64 concurrent callers open at most 64", func(t *testing.T) {
		srv, accepted := countedServer(t, customerAnswer(t))
		c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
		require.NoError(t, err)
		defer c.CloseIdleConnections()
		var reuse connReuse
		ctx := reuse.context(t.Context())
		var wg sync.WaitGroup
		errs := make(chan error, 64*10)
		for range 64 {
			wg.Go(func() {
				for range 10 {
					if _, err := c.GetCustomer(ctx, "acme"); err != nil {
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
		assert.LessOrEqual(t, accepted.Load(), 64+reuse.closed())
		assert.Positive(t, accepted.Load())
	})
}

// eofBody records whether a response body was read to its end before it
// was closed: net/http keeps the connection of a body closed earlier only
// after reading what is left itself, and closes it when that is too much.
type eofBody struct {
	io.ReadCloser
	sawEOF      bool
	closedAtEOF *atomic.Int64
	closedEarly *atomic.Int64
}

func (b *eofBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) {
		b.sawEOF = true
	}
	return n, err
}

func (b *eofBody) Close() error {
	if b.sawEOF {
		b.closedAtEOF.Add(1)
	} else {
		b.closedEarly.Add(1)
	}
	return b.ReadCloser.Close()
}

// Every call reads its response body to the end before closing it, the
// condition for net/http to keep its connection, whatever the response: a
// customer sent chunked or with its length, a page, an error.
func TestBodiesAreReadToTheEnd(t *testing.T) {
	customer := fakelago.Fixture(t, "customer.json")
	tests := []struct {
		name  string
		serve http.HandlerFunc
		call  func(ctx context.Context, c *lago.Client) error
	}{
		{"customer, chunked", customerAnswer(t), func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetCustomer(ctx, "acme")
			return err
		}},
		{"customer, with its length", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(customer)))
			_, _ = w.Write(customer)
		}, func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetCustomer(ctx, "acme")
			return err
		}},
		{"page", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(fakelago.Fixture(t, "customer-list.json"))
		}, func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCustomers(ctx, nil)
			return err
		}},
		{"404", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(fakelago.Fixture(t, "error-404-customer.json"))
		}, func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetCustomer(ctx, "acme")
			if !errors.Is(err, lago.ErrNotFound) {
				return fmt.Errorf("want ErrNotFound, got %w", err)
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.serve)
			defer srv.Close()
			var atEOF, early atomic.Int64
			transport := srv.Client().Transport
			hc := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
				rsp, err := transport.RoundTrip(r)
				if rsp != nil {
					rsp.Body = &eofBody{ReadCloser: rsp.Body, closedAtEOF: &atEOF, closedEarly: &early}
				}
				return rsp, err
			})}
			c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL), lago.WithHTTPClient(hc))
			require.NoError(t, err)
			defer srv.Client().CloseIdleConnections()
			for range 3 {
				require.NoError(t, tt.call(t.Context(), c))
			}
			assert.Equal(t, int64(3), atEOF.Load())
			assert.Zero(t, early.Load())
		})
	}
}
