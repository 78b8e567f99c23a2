// Package fakelago is the scripted Lago the client's tests talk to: an
// httptest server that checks every request against openapi/lago.yaml,
// answers with the responses a test queued, and checks those responses against
// the spec too. The end-to-end suite at the repository root and the tests
// in lago/ share it, so both pin requests the spec accepts.
package fakelago

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
)

// The fake API lives under a non-empty base path, so a method that builds
// an absolute path ("/customers") misses it and fails.
const (
	// BasePath is where the fake API is mounted on its server.
	BasePath = "/mount/lago/api/v1"
	// APIKey is the key clients from Server.Client send, and the one
	// the server expects.
	APIKey = "3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
)

// UserAgent is the User-Agent a client sends when the caller names no
// application.
var UserAgent = "lago-go/" + lago.Version + " (" + runtime.Version() + "; +https://github.com/lagoclient/lago-go)"

// Request is one request as the server saw it.
type Request struct {
	Method string
	// Path is the path exactly as it was on the wire, still escaped.
	Path   string
	Query  url.Values
	Body   string
	Header http.Header
	// PathParams are the path parameters the spec router decoded.
	PathParams map[string]string
}

// Response is what the fake server answers.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// OffSpec marks a response that breaks the spec on purpose (a proxy's HTML
	// page, truncated JSON): it is sent without being validated.
	OffSpec bool
}

// Server is the scripted Lago. Problems are collected, never reported from
// the handler goroutine, and fail the test at cleanup.
type Server struct {
	t   *testing.T
	srv *httptest.Server
	val *specval.Validator

	mu        sync.Mutex
	responses []Response
	requests  []Request
	problems  []string
}

// New starts a Server that lives as long as t.
func New(t *testing.T) *Server {
	t.Helper()
	val, err := specval.New(t.Context(), BasePath)
	require.NoError(t, err)
	f := &Server{t: t, val: val}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		f.srv.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		require.Empty(t, f.problems, "spec problems seen by the fake Lago")
	})
	return f
}

// URL is the server's root, without the base path.
func (f *Server) URL() string { return f.srv.URL }

// Client returns a lago.Client pointed at the server.
func (f *Server) Client(opts ...lago.Option) *lago.Client {
	f.t.Helper()
	c, err := lago.NewClient(APIKey, append([]lago.Option{lago.WithBaseURL(f.srv.URL + BasePath)}, opts...)...)
	require.NoError(f.t, err)
	return c
}

// Respond queues responses, used in order; the last one repeats.
func (f *Server) Respond(rs ...Response) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.responses = append(f.responses, rs...)
}

// Sent returns the requests received so far.
func (f *Server) Sent() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

func (f *Server) problem(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.problems = append(f.problems, msg)
}

func (f *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		f.problem("read request body: " + err.Error())
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	rec := Request{
		Method: r.Method,
		Path:   strings.SplitN(r.RequestURI, "?", 2)[0],
		Query:  r.URL.Query(),
		Body:   string(body),
		Header: r.Header.Clone(),
	}
	match, err := f.val.Request(r.Context(), r, body, APIKey)
	if err != nil {
		f.problem(r.Method + " " + r.RequestURI + ": " + err.Error())
	}
	if match != nil {
		rec.PathParams = match.PathParams
	}

	f.mu.Lock()
	f.requests = append(f.requests, rec)
	var rep Response
	switch {
	case len(f.responses) > 1:
		rep, f.responses = f.responses[0], f.responses[1:]
	case len(f.responses) == 1:
		rep = f.responses[0]
	default:
		rep = Response{Status: http.StatusInternalServerError, OffSpec: true}
		f.problems = append(f.problems, "no response scripted for "+r.Method+" "+r.RequestURI)
	}
	f.mu.Unlock()

	header := rep.Header
	if header == nil && !rep.OffSpec {
		header = http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	}
	if match != nil && err == nil && !rep.OffSpec {
		if verr := f.val.Response(r.Context(), match, rep.Status, header, rep.Body); verr != nil {
			f.problem("response to " + r.Method + " " + r.RequestURI + ": " + verr.Error())
		}
	}
	for k, vs := range header {
		w.Header()[k] = vs
	}
	w.WriteHeader(rep.Status)
	_, _ = w.Write(rep.Body)
}

// Want is the part of a request every test pins down.
type Want struct {
	Method string
	Path   string // escaped, relative to BasePath
	Query  url.Values
	Body   string // exact JSON; empty for no body
}

// AssertSent checks that got is the request want describes, sent with the
// key, User-Agent and content headers every call carries.
func AssertSent(t *testing.T, want Want, got Request) {
	t.Helper()
	assert.Equal(t, want.Method, got.Method, "method")
	assert.Equal(t, BasePath+want.Path, got.Path, "escaped path")
	if want.Query == nil {
		want.Query = url.Values{}
	}
	assert.Equal(t, want.Query, got.Query, "query")
	assert.Equal(t, want.Body, got.Body, "body")
	assert.Equal(t, "Bearer "+APIKey, got.Header.Get("Authorization"))
	assert.Equal(t, UserAgent, got.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", got.Header.Get("Accept"))
	if want.Body != "" {
		assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	} else {
		assert.Empty(t, got.Header.Get("Content-Type"))
	}
}

// OnlyRequest returns the one request f received, failing if there were
// none or more.
func OnlyRequest(t *testing.T, f *Server) Request {
	t.Helper()
	reqs := f.Sent()
	require.Len(t, reqs, 1)
	return reqs[0]
}

// Fixture reads a response body from gen/testdata, which the gen tests
// already check against the spec. It finds the folder from any package of
// the module, since tests run in their package's directory.
func Fixture(t *testing.T, name string) []byte {
	t.Helper()
	root, err := moduleRoot()
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(root, "gen", "testdata", name))
	require.NoError(t, err)
	return b
}

// moduleRoot is the nearest directory above the working directory that
// holds a go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("fakelago: no go.mod above the working directory")
		}
		dir = parent
	}
}

// OK is a 200 response with a fixture body.
func OK(t *testing.T, name string) Response {
	return Response{Status: http.StatusOK, Body: Fixture(t, name)}
}

// LagoError is a Lago error response.
func LagoError(status int, body string) Response {
	return Response{Status: status, Body: []byte(body)}
}
