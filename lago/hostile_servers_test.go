package lago_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// checkGoroutines fails the test if, once everything is closed, more
// goroutines run than before the test started.
func checkGoroutines(t *testing.T) func() {
	t.Helper()
	before := runtime.NumGoroutine()
	return func() {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf)
		}
	}
}

func TestHostileServers(t *testing.T) {
	customer := string(fakelago.Fixture(t, "customer.json"))
	big := `{"customer":{"external_id":"` + strings.Repeat("x", 2<<20) + `"}}`
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		opts     []lago.Option
		timeout  time.Duration
		wantIs   error
		status   int // 0: no *lago.Error expected
		contains string
		attempts int32
	}{
		{
			name: "HTML error page from a proxy",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
			},
			wantIs: lago.ErrServer, status: 502, contains: "502 Bad Gateway", attempts: 2,
		},
		{
			name:    "empty 503",
			handler: func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) },
			wantIs:  lago.ErrServer, status: 503, contains: "503 Service Unavailable", attempts: 2,
		},
		{
			name: "429 with unreadable rate-limit headers",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Retry-After", "later")
				w.Header().Set("X-RateLimit-Reset", "soon")
				w.WriteHeader(http.StatusTooManyRequests)
			},
			wantIs: lago.ErrRateLimited, status: 429, contains: "429 Too Many Requests", attempts: 2,
		},
		{
			name: "truncated JSON",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, customer[:len(customer)/2])
			},
			wantIs: lago.ErrBadResponse, status: 200, contains: "unexpected end of JSON input", attempts: 1,
		},
		{
			name: "wrong content type",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				_, _ = io.WriteString(w, customer)
			},
			wantIs: lago.ErrBadResponse, status: 200, contains: `Content-Type "text/plain"`, attempts: 1,
		},
		{
			name: "JSON of the wrong shape",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"customer":{"sequential_id":"one"}}`)
			},
			wantIs: lago.ErrBadResponse, status: 200, contains: "cannot unmarshal string", attempts: 1,
		},
		{
			name: "body that stops mid-way",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				hijackAndClose(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"+customer[:100])
			},
			wantIs: lago.ErrBadResponse, status: 200, contains: "unexpected EOF", attempts: 1,
		},
		{
			name:     "connection dropped before any answer",
			handler:  func(w http.ResponseWriter, _ *http.Request) { hijackAndClose(w, "") },
			wantIs:   io.EOF,
			contains: "lago: GET /customers/{external_customer_id}: ",
			attempts: 2, // no answer came, so the call is sent again

		},
		{
			name: "server that never answers",
			handler: func(_ http.ResponseWriter, r *http.Request) {
				<-r.Context().Done()
			},
			timeout: 200 * time.Millisecond,
			wantIs:  context.DeadlineExceeded, contains: "lago: GET /customers/{external_customer_id}: ", attempts: 1,
		},
		{
			name: "body that trickles past the deadline",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, customer[:200])
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			},
			timeout: 200 * time.Millisecond,
			wantIs:  context.DeadlineExceeded, contains: "lago: GET /customers/{external_customer_id}: ", attempts: 1,
		},
		{
			name: "announced body above the size limit",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", strconv.Itoa(len(big)))
				_, _ = io.WriteString(w, big)
			},
			opts:   []lago.Option{lago.WithMaxResponseBytes(1 << 20)},
			wantIs: lago.ErrBadResponse, status: 200, contains: "response body exceeds the size limit: 2097183 bytes announced, 1048576 allowed", attempts: 1,
		},
		{
			name: "streamed body above the size limit",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				for i := 0; i < len(big); i += 64 << 10 {
					_, _ = io.WriteString(w, big[i:min(i+64<<10, len(big))])
					w.(http.Flusher).Flush()
				}
			},
			opts:   []lago.Option{lago.WithMaxResponseBytes(1 << 20)},
			wantIs: lago.ErrBadResponse, status: 200, contains: "response body exceeds the size limit", attempts: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := checkGoroutines(t)
			var attempts atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				tt.handler(w, r)
			}))
			c, err := lago.NewClient(apiKey, append([]lago.Option{lago.WithBaseURL(srv.URL), lago.WithRetry(fastRetry)}, tt.opts...)...)
			require.NoError(t, err)

			ctx := contextWithin(t, tt.timeout)
			start := time.Now()
			got, err := c.GetCustomer(ctx, "acme")
			elapsed := time.Since(start)

			assert.Nil(t, got)
			require.ErrorIs(t, err, tt.wantIs)
			assert.Contains(t, err.Error(), tt.contains)
			assert.NotContains(t, err.Error(), apiKey)
			var lerr *lago.Error
			if tt.status == 0 {
				assert.False(t, errors.As(err, &lerr), "a failure to get an answer is not a *lago.Error")
			} else {
				require.ErrorAs(t, err, &lerr)
				assert.Equal(t, tt.status, lerr.StatusCode)
				assert.Equal(t, "GET /customers/{external_customer_id}", lerr.Operation)
			}
			if tt.timeout > 0 {
				assert.Less(t, elapsed, tt.timeout+2*time.Second, "the call outlived its deadline")
			}
			assert.Equal(t, tt.attempts, attempts.Load())

			c.CloseIdleConnections()
			srv.Close()
			check()
		})
	}
}
