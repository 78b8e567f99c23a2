package lago_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// fastRetry keeps retry tests quick while still exercising the waits.
var fastRetry = lago.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}

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

// hijackAndClose drops the connection under a handler after writing raw
// bytes, as a crashing proxy would.
func hijackAndClose(w http.ResponseWriter, raw string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	_, _ = buf.WriteString(raw)
	_ = buf.Flush()
	_ = conn.Close()
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

func TestRateLimitHeadersAreKept(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Limit", "50")
		w.Header().Set("X-RateLimit-Remaining", "49")
		w.Header().Set("X-RateLimit-Reset", "1")
		_, _ = w.Write(fakelago.Fixture(t, "portal-url.json"))
	}))
	defer srv.Close()
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	_, ok := c.RateLimit()
	assert.False(t, ok, "no reply yet")
	before := time.Now()
	_, err = c.GetPortalURL(t.Context(), "acme")
	require.NoError(t, err)
	rl, ok := c.RateLimit()
	require.True(t, ok)
	assert.Equal(t, 50, rl.Limit)
	assert.Equal(t, 49, rl.Remaining)
	assert.Equal(t, time.Second, rl.Reset)
	assert.WithinRange(t, rl.At, before, time.Now())
}

func TestRateLimitedErrorCarriesRetryAfter(t *testing.T) {
	f := fakelago.New(t)
	f.Answer(fakelago.Reply{
		Status: 429,
		Header: http.Header{"Content-Type": {"application/json"}, "Retry-After": {"120"}, "X-Ratelimit-Limit": {"50"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"2"}},
		Body:   []byte(`{"status":429,"error":"Too Many Requests"}`),
	})
	_, err := f.Client().GetCustomer(t.Context(), "acme")
	require.ErrorIs(t, err, lago.ErrRateLimited)
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	assert.Equal(t, 2*time.Minute, lerr.RetryAfter)
	assert.Len(t, f.Sent(), 1, "a hint above MaxDelay is not waited for")
}

// The API key never reaches an error string, a log line or a formatted
// client, whatever the server sends back.
func TestAPIKeyIsRedactedEverywhere(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo := r.Header.Get("Authorization")
		switch calls.Add(1) {
		case 1:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(fakelago.Fixture(t, "customer.json"))
		case 2:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "<p>upstream refused "+echo+"</p>")
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = fmt.Fprintf(w, `{"status":401,"error":"Unauthorized: %s","code":"%s","error_details":{"%s":["%s"]}}`, echo, echo, echo, echo)
		}
	}))
	defer srv.Close()

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL), lago.WithLogger(logger), lago.WithRetry(fastRetry))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	_, err = c.GetCustomer(t.Context(), "acme")
	require.NoError(t, err)
	_, err = c.GetCustomer(t.Context(), "acme") // 503 with the key echoed, then 401 with it everywhere
	require.ErrorIs(t, err, lago.ErrUnauthorized)

	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	for _, text := range []string{
		err.Error(), lerr.Message, lerr.Code, string(lerr.Body), fmt.Sprint(lerr.Details), logs.String(),
		fmt.Sprintf("%v %+v %#v %s", c, c, c, c), fmt.Sprintf("%+v", *c),
	} {
		assert.NotContains(t, text, apiKey)
	}
	assert.Equal(t, "Unauthorized: Bearer [REDACTED]", lerr.Message)

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 3)
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "DEBUG", first["level"])
	assert.Equal(t, "lago request", first["msg"])
	assert.Equal(t, "findCustomer", first["operation"])
	assert.Equal(t, "GET", first["method"])
	assert.Equal(t, "/customers/{external_customer_id}", first["path"])
	assert.InDelta(t, 1, first["attempt"], 0)
	assert.InDelta(t, 200, first["status"], 0)
	assert.Contains(t, first, "duration")
	headers := first["request_headers"].(map[string]any)
	assert.Equal(t, []any{"Bearer [REDACTED]"}, headers["Authorization"])

	var second, third map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	require.NoError(t, json.Unmarshal([]byte(lines[2]), &third))
	assert.Equal(t, "WARN", second["level"])
	assert.InDelta(t, 503, second["status"], 0)
	assert.Contains(t, second, "retry_in")
	assert.InDelta(t, 2, third["attempt"], 0)
	assert.InDelta(t, 401, third["status"], 0)
	assert.NotContains(t, third, "retry_in")
}

func TestLoggerRedactsTransportErrors(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// A base URL path that contains the key would be a user's mistake; the
	// log must still not repeat it.
	c, err := lago.NewClient(apiKey, lago.WithBaseURL("http://127.0.0.1:1/"+apiKey), lago.WithLogger(logger), lago.WithRetry(lago.NoRetry))
	require.NoError(t, err)
	_, err = c.GetCustomer(t.Context(), "acme")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), apiKey)
	assert.NotContains(t, err.Error(), "acme")
	assert.Contains(t, err.Error(), "connect: connection refused")
	scanner := bufio.NewScanner(&logs)
	require.True(t, scanner.Scan())
	line := scanner.Text()
	assert.Contains(t, line, "level=WARN")
	assert.Contains(t, line, "error=")
	assert.NotContains(t, line, apiKey)
}

// contextWithin is the test's context, with a deadline d from now unless d
// is zero.
func contextWithin(t *testing.T, d time.Duration) context.Context {
	if d == 0 {
		return t.Context()
	}
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

// debugLogger logs every record, debug included, as text into the buffer.
func debugLogger() (*slog.Logger, *bytes.Buffer) {
	var logs bytes.Buffer
	return slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), &logs
}
