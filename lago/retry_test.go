package lago

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var epoch = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// scripted answers each request with the next status and headers, and
// records the bodies it received.
type scripted struct {
	mu      sync.Mutex
	answers []answer
	bodies  []string
}

type answer struct {
	status int
	header http.Header
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, string(body))
	a := s.answers[0]
	if len(s.answers) > 1 {
		s.answers = s.answers[1:]
	}
	s.mu.Unlock()
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	if a.status == http.StatusOK {
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"customer":{"portal_url":"https://portal.test/x"}}`)
		return
	}
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, `{"status":0,"error":"x"}`)
}

// fakeTime replaces the transport's clock and sleep: sleeping advances the
// clock and records the wait instead of blocking.
type fakeTime struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (f *fakeTime) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeTime) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, d)
	f.now = f.now.Add(d)
	return ctx.Err()
}

func testClient(t *testing.T, url string, opts ...Option) (*Client, *fakeTime) {
	t.Helper()
	c, err := NewClient("test-key", append([]Option{WithBaseURL(url)}, opts...)...)
	require.NoError(t, err)
	ft := &fakeTime{now: epoch}
	c.now = ft.Now
	c.sleep = ft.Sleep
	c.random = func() float64 { return 0.5 }
	t.Cleanup(c.CloseIdleConnections)
	return c, ft
}

func TestRetries(t *testing.T) {
	retryAt := epoch.Add(7 * time.Second).Format(http.TimeFormat)
	tests := []struct {
		name      string
		policy    RetryPolicy
		answers   []answer
		wantWaits []time.Duration
		wantErr   error // nil: the call succeeds
		wantAfter time.Duration
	}{
		{
			name:      "503 then success",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 503}, {status: 200}},
			wantWaits: []time.Duration{375 * time.Millisecond}, // 500ms with equal jitter at 0.5
		},
		{
			name:      "gives up after MaxAttempts",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 502}},
			wantWaits: []time.Duration{375 * time.Millisecond, 750 * time.Millisecond},
			wantErr:   ErrServer,
		},
		{
			name:      "504 is retried",
			policy:    RetryPolicy{MaxAttempts: 2, BaseDelay: time.Second, MaxDelay: time.Minute},
			answers:   []answer{{status: 504}, {status: 200}},
			wantWaits: []time.Duration{750 * time.Millisecond},
		},
		{
			name:      "zero fields mean their defaults",
			policy:    RetryPolicy{},
			answers:   []answer{{status: 503}},
			wantWaits: []time.Duration{375 * time.Millisecond, 750 * time.Millisecond},
			wantErr:   ErrServer,
		},
		{
			name:      "a zero MaxDelay still honours a server hint below 30s",
			policy:    RetryPolicy{MaxAttempts: 2},
			answers:   []answer{{status: 429, header: http.Header{"Retry-After": {"20"}}}, {status: 200}},
			wantWaits: []time.Duration{20 * time.Second},
		},
		{
			name:      "a zero BaseDelay waits the default, not nothing",
			policy:    RetryPolicy{MaxAttempts: 2, MaxDelay: time.Minute},
			answers:   []answer{{status: 502}, {status: 200}},
			wantWaits: []time.Duration{375 * time.Millisecond},
		},
		{
			name:    "NoRetry sends once",
			policy:  NoRetry,
			answers: []answer{{status: 503}},
			wantErr: ErrServer,
		},
		{
			name:    "500 is not retried",
			policy:  DefaultRetryPolicy(),
			answers: []answer{{status: 500}},
			wantErr: ErrServer,
		},
		{
			name:    "404 is not retried",
			policy:  DefaultRetryPolicy(),
			answers: []answer{{status: 404}},
			wantErr: ErrNotFound,
		},
		{
			name:      "Retry-After in seconds wins over backoff",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 429, header: http.Header{"Retry-After": {"2"}}}, {status: 200}},
			wantWaits: []time.Duration{2 * time.Second},
		},
		{
			name:      "Retry-After as an HTTP date",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 429, header: http.Header{"Retry-After": {retryAt}}}, {status: 200}},
			wantWaits: []time.Duration{7 * time.Second},
		},
		{
			name:      "X-RateLimit-Reset in seconds",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 429, header: http.Header{"X-Ratelimit-Reset": {"3"}, "X-Ratelimit-Remaining": {"0"}}}, {status: 200}},
			wantWaits: []time.Duration{3 * time.Second},
		},
		{
			name:      "X-RateLimit-Reset as a Unix time",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 429, header: http.Header{"X-Ratelimit-Reset": {"1795262404"}}}, {status: 200}},
			wantWaits: []time.Duration{time.Unix(1795262404, 0).Sub(epoch)},
		},
		{
			name:      "Retry-After wins over X-RateLimit-Reset",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 429, header: http.Header{"Retry-After": {"1"}, "X-Ratelimit-Reset": {"9"}}}, {status: 200}},
			wantWaits: []time.Duration{time.Second},
		},
		{
			name:      "a malformed hint falls back to backoff",
			policy:    DefaultRetryPolicy(),
			answers:   []answer{{status: 503, header: http.Header{"Retry-After": {"soon"}}}, {status: 200}},
			wantWaits: []time.Duration{375 * time.Millisecond},
		},
		{
			name:      "a hint above MaxDelay stops retrying and is reported",
			policy:    RetryPolicy{MaxAttempts: 3, BaseDelay: time.Second, MaxDelay: 10 * time.Second},
			answers:   []answer{{status: 429, header: http.Header{"Retry-After": {"60"}}}},
			wantErr:   ErrRateLimited,
			wantAfter: time.Minute,
		},
		{
			name:      "backoff is capped by MaxDelay",
			policy:    RetryPolicy{MaxAttempts: 4, BaseDelay: 4 * time.Second, MaxDelay: 5 * time.Second},
			answers:   []answer{{status: 503}},
			wantWaits: []time.Duration{3 * time.Second, 3750 * time.Millisecond, 3750 * time.Millisecond},
			wantErr:   ErrServer,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(&scripted{answers: tt.answers})
			defer srv.Close()
			c, ft := testClient(t, srv.URL, WithRetry(tt.policy))

			url, err := c.GetPortalURL(t.Context(), "acme")

			assert.Equal(t, tt.wantWaits, ft.waits)
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, "https://portal.test/x", url)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			var lerr *Error
			require.ErrorAs(t, err, &lerr)
			assert.Equal(t, tt.wantAfter, lerr.RetryAfter)
		})
	}
}

func TestRetryReplaysTheBody(t *testing.T) {
	s := &scripted{answers: []answer{{status: 503}, {status: 429}, {status: 200}}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			s.ServeHTTP(w, r)
		}
	}))
	defer srv.Close()
	c, ft := testClient(t, srv.URL)

	_, err := c.CreateCustomer(t.Context(), CustomerInput{ExternalID: "acme", Name: Value("Acme")})
	require.NoError(t, err)
	want := `{"customer":{"external_id":"acme","name":"Acme"}}`
	assert.Equal(t, []string{want, want, want}, s.bodies)
	assert.Len(t, ft.waits, 2)
}

func TestRetryOnRefusedConnection(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens there any more

	c, ft := testClient(t, "http://"+addr)
	_, err = c.GetCustomer(t.Context(), "acme")
	require.ErrorIs(t, err, syscall.ECONNREFUSED)
	assert.Equal(t, []time.Duration{375 * time.Millisecond, 750 * time.Millisecond}, ft.waits)
	assert.Contains(t, err.Error(), "lago: GET /customers/{external_customer_id}: ")
}

func TestRetryWaitEndsWithTheContext(t *testing.T) {
	srv := httptest.NewServer(&scripted{answers: []answer{{status: 503}}})
	defer srv.Close()
	c, err := NewClient("k", WithBaseURL(srv.URL), WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Hour, MaxDelay: 2 * time.Hour}))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.GetCustomer(ctx, "acme")
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestNoWaitBeyondTheDeadline(t *testing.T) {
	srv := httptest.NewServer(&scripted{answers: []answer{{status: 429, header: http.Header{"Retry-After": {"20"}}}}})
	defer srv.Close()
	c, ft := testClient(t, srv.URL)
	ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(time.Hour))
	defer cancel()
	c.now = func() time.Time { return time.Now().Add(59*time.Minute + 50*time.Second) }

	_, err := c.GetCustomer(ctx, "acme")
	require.ErrorIs(t, err, ErrRateLimited)
	assert.Empty(t, ft.waits, "a wait past the deadline only delays the same failure")
	var lerr *Error
	require.ErrorAs(t, err, &lerr)
	assert.Equal(t, 20*time.Second, lerr.RetryAfter)
}

func TestBackoffBounds(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for n := 1; n <= 70; n++ {
		for _, r := range []float64{0, 0.999999} {
			d := p.backoff(n, func() float64 { return r })
			ceiling := min(100*time.Millisecond<<min(n-1, 20), time.Second)
			assert.GreaterOrEqual(t, d, ceiling/2, "retry %d", n)
			assert.LessOrEqual(t, d, ceiling, "retry %d", n)
		}
	}
}

func TestWithRetryRejectsNonsense(t *testing.T) {
	for _, p := range []RetryPolicy{{MaxAttempts: -1}, {MaxAttempts: 2, BaseDelay: -1}, {MaxDelay: -1}, {BaseDelay: time.Minute, MaxDelay: time.Second}} {
		_, err := NewClient("k", WithRetry(p))
		require.ErrorIs(t, err, ErrInvalidArgument)
	}
}
