package lagotest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// testKey is the API key of the servers the harness starts.
const testKey = "0d5e7c3a-2b4f-4c1e-9a8d-6f5b4e3c2d1a"

// epoch is the time the harness clock starts at.
var epoch = time.Date(2026, 11, 14, 9, 30, 0, 0, time.UTC)

// harness is a lagotest server whose every response a test sees is checked
// against the spec by a validator of its own, on the client side: through
// the lago client and through raw requests alike. Problems are collected,
// never reported from another goroutine, and fail the test at cleanup.
type harness struct {
	t      *testing.T
	srv    *lagotest.Server
	client *lago.Client
	http   *http.Client
	clock  *clock
	val    *specval.Validator

	mu       sync.Mutex
	problems []string
	// offSpec are statuses a test injects on purpose outside the spec.
	offSpec map[int]bool
}

// clock is a settable time source for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on.
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// validator checks the responses of the server under basePath.
func validator(t *testing.T, basePath string) *specval.Validator {
	t.Helper()
	v, err := specval.New(t.Context(), basePath)
	require.NoError(t, err)
	return v
}

// newHarness starts a server with the test key, a clock at epoch that
// moves only when told, and opts.
func newHarness(t *testing.T, opts ...lagotest.Option) *harness {
	t.Helper()
	c := &clock{now: epoch}
	base := []lagotest.Option{lagotest.WithAPIKey(testKey), lagotest.WithClock(c.Now)}
	h := watch(t, lagotest.New(t, append(base, opts...)...))
	h.clock = c
	return h
}

// watch checks the responses of a server the test started itself.
func watch(t *testing.T, srv *lagotest.Server) *harness {
	t.Helper()
	h := &harness{t: t, srv: srv, offSpec: map[int]bool{}}
	basePath := strings.TrimPrefix(h.srv.URL, h.rootURL())
	h.val = validator(t, basePath)
	h.http = &http.Client{Transport: &checkingTransport{h: h, next: http.DefaultTransport}, Timeout: 10 * time.Second}
	var err error
	// One call, one request: tests pin each answer. Retries are tested
	// with retryingClient.
	h.client, err = h.srv.Client(lago.WithHTTPClient(h.http), lago.WithRetry(lago.NoRetry))
	require.NoError(t, err)
	t.Cleanup(func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		assert.Empty(t, h.problems, "answers that break the spec")
	})
	return h
}

// rootURL is the server's scheme and host, without the base path.
func (h *harness) rootURL() string {
	u, err := url.Parse(h.srv.URL)
	require.NoError(h.t, err)
	return u.Scheme + "://" + u.Host
}

// allowOffSpec lets answers with this status break the spec: the faults a
// test injects.
func (h *harness) allowOffSpec(status int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.offSpec[status] = true
}

func (h *harness) problem(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.problems = append(h.problems, msg)
}

// checkingTransport validates each request and its response against the
// spec while passing them through untouched.
type checkingTransport struct {
	h    *harness
	next http.RoundTripper
}

func (c *checkingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
	}
	probe := req.Clone(req.Context())
	probe.Body = io.NopCloser(bytes.NewReader(body))
	match, reqErr := c.h.val.Request(req.Context(), probe, body, c.h.srv.APIKey)

	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(body))
	if body == nil {
		out.Body = nil
	}
	resp, err := c.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	got, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(got))
	if err != nil {
		return resp, nil
	}
	c.check(req, match, reqErr, resp, got)
	return resp, nil
}

func (c *checkingTransport) check(req *http.Request, match *specval.Match, reqErr error, resp *http.Response, body []byte) {
	h := c.h
	h.mu.Lock()
	tolerated := h.offSpec[resp.StatusCode]
	h.mu.Unlock()
	if tolerated {
		return
	}
	where := req.Method + " " + req.URL.RequestURI()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		h.problem(where + ": Content-Type " + ct)
	}
	if match == nil {
		// No operation to check against: the response must still be Lago's
		// error shape, with the status repeated.
		var e struct {
			Status int    `json:"status"`
			Error  string `json:"error"`
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Status != resp.StatusCode || e.Error == "" {
			h.problem(where + ": not a Lago error body: " + string(body))
		}
		if !errors.Is(reqErr, specval.ErrNoRoute) && !errors.Is(reqErr, specval.ErrUnauthorized) {
			h.problem(where + ": unexpected request check result: " + errString(reqErr))
		}
		return
	}
	if err := h.val.Response(req.Context(), match, resp.StatusCode, resp.Header, body); err != nil {
		h.problem(where + ": " + err.Error() + "\n" + string(body))
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// answer is a raw response.
type answer struct {
	status int
	body   string
	header http.Header
}

// raw sends a request the lago client cannot produce. The target is
// relative to the API root and may carry a query. A nil header sends the test key
// and, with a body, a JSON Content-Type.
func (h *harness) raw(method, target, body string, header http.Header) answer {
	h.t.Helper()
	req, err := http.NewRequestWithContext(h.t.Context(), method, h.srv.URL+target, strings.NewReader(body))
	require.NoError(h.t, err)
	if header == nil {
		header = http.Header{"Authorization": {"Bearer " + h.srv.APIKey}}
		if body != "" {
			header.Set("Content-Type", "application/json")
		}
	}
	req.Header = header
	resp, err := h.http.Do(req)
	require.NoError(h.t, err)
	defer func() { assert.NoError(h.t, resp.Body.Close()) }()
	got, err := io.ReadAll(resp.Body)
	require.NoError(h.t, err)
	return answer{status: resp.StatusCode, body: string(got), header: resp.Header}
}

// requireAnswer checks a raw response's status and exact JSON body.
func requireAnswer(t *testing.T, got answer, status int, body string) {
	t.Helper()
	require.Equal(t, status, got.status, got.body)
	require.JSONEq(t, body, got.body)
}

// requireLagoError checks that err is the client's *lago.Error for the
// exact body given.
func requireLagoError(t *testing.T, err error, status int, body string) {
	t.Helper()
	_ = lagoErrorOf(t, err, status, body)
}

// lagoErrorOf is requireLagoError for a test that goes on to look at the
// error: it returns the *lago.Error it checked.
func lagoErrorOf(t *testing.T, err error, status int, body string) *lago.Error {
	t.Helper()
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	require.Equal(t, status, lerr.StatusCode, string(lerr.Body))
	require.JSONEq(t, body, string(lerr.Body))
	return lerr
}

// create upserts a customer through the client and fails the test on
// error.
func (h *harness) create(in lago.CustomerInput) *lago.Customer {
	h.t.Helper()
	c, err := h.client.CreateCustomer(h.t.Context(), in)
	require.NoError(h.t, err)
	return c
}

// retryingClient is a client that retries like lago's default one, but
// with short waits, so that fault tests stay fast.
func (h *harness) retryingClient(maxDelay time.Duration) *lago.Client {
	h.t.Helper()
	c, err := h.srv.Client(lago.WithHTTPClient(h.http), lago.WithRetry(lago.RetryPolicy{
		MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: maxDelay,
	}))
	require.NoError(h.t, err)
	return c
}

// ctx is the test's context.
func (h *harness) ctx() context.Context { return h.t.Context() }
