package lagogo_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
)

// The fake API lives under a non-empty base path, so a method that builds
// an absolute path ("/customers") misses it and fails.
const (
	basePath = "/mount/lago/api/v1"
	apiKey   = "3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
)

// sent is one request as the server saw it.
type sent struct {
	Method string
	// Path is the path exactly as it was on the wire, still escaped.
	Path   string
	Query  url.Values
	Body   string
	Header http.Header
	// PathParams are the path parameters the spec router decoded.
	PathParams map[string]string
}

// reply is what the fake server answers.
type reply struct {
	status int
	header http.Header
	body   []byte
	// offSpec marks a reply that breaks the spec on purpose (a proxy's HTML
	// page, truncated JSON): it is sent without being validated.
	offSpec bool
}

// fakeLago is an httptest server that checks every request against the
// spec, answers with scripted replies, and checks those replies against the
// spec too. Problems are collected, never reported from the handler
// goroutine, and fail the test at cleanup.
type fakeLago struct {
	t   *testing.T
	srv *httptest.Server
	val *specval.Validator

	mu       sync.Mutex
	replies  []reply
	requests []sent
	problems []string
}

func newFakeLago(t *testing.T) *fakeLago {
	t.Helper()
	val, err := specval.New(t.Context(), basePath)
	require.NoError(t, err)
	f := &fakeLago{t: t, val: val}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		f.srv.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		require.Empty(t, f.problems, "spec problems seen by the fake Lago")
	})
	return f
}

// client returns a lago.Client pointed at the fake server.
func (f *fakeLago) client(opts ...lago.Option) *lago.Client {
	f.t.Helper()
	c, err := lago.NewClient(apiKey, append([]lago.Option{lago.WithBaseURL(f.srv.URL + basePath)}, opts...)...)
	require.NoError(f.t, err)
	return c
}

// answer queues replies, used in order; the last one repeats.
func (f *fakeLago) answer(rs ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies = append(f.replies, rs...)
}

func (f *fakeLago) sent() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.requests...)
}

func (f *fakeLago) problem(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.problems = append(f.problems, msg)
}

func (f *fakeLago) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		f.problem("read request body: " + err.Error())
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	rec := sent{
		Method: r.Method,
		Path:   strings.SplitN(r.RequestURI, "?", 2)[0],
		Query:  r.URL.Query(),
		Body:   string(body),
		Header: r.Header.Clone(),
	}
	match, err := f.val.Request(r.Context(), r, apiKey)
	if err != nil {
		f.problem(r.Method + " " + r.RequestURI + ": " + err.Error())
	}
	if match != nil {
		rec.PathParams = match.PathParams
	}

	f.mu.Lock()
	f.requests = append(f.requests, rec)
	var rep reply
	switch {
	case len(f.replies) > 1:
		rep, f.replies = f.replies[0], f.replies[1:]
	case len(f.replies) == 1:
		rep = f.replies[0]
	default:
		rep = reply{status: http.StatusInternalServerError, offSpec: true}
		f.problems = append(f.problems, "no reply scripted for "+r.Method+" "+r.RequestURI)
	}
	f.mu.Unlock()

	header := rep.header
	if header == nil && !rep.offSpec {
		header = http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	}
	if match != nil && err == nil && !rep.offSpec {
		if verr := f.val.Response(r.Context(), match, rep.status, header, rep.body); verr != nil {
			f.problem("reply to " + r.Method + " " + r.RequestURI + ": " + verr.Error())
		}
	}
	for k, vs := range header {
		w.Header()[k] = vs
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
}

// fixture reads a response body from gen/testdata, which the gen tests
// already check against the spec.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("gen", "testdata", name))
	require.NoError(t, err)
	return b
}

// ok is a 200 reply with a fixture body.
func ok(t *testing.T, name string) reply {
	return reply{status: http.StatusOK, body: fixture(t, name)}
}

// lagoError is a Lago error reply.
func lagoError(status int, body string) reply {
	return reply{status: status, body: []byte(body)}
}
