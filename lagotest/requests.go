package lagotest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Request is one request the server received, as it arrived, for tests to
// assert on what their code sent.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the path still percent-encoded as it was on the wire, so
	// that a test can check how ids were escaped.
	Path string
	// Query is the parsed query string.
	Query url.Values
	// Body is the raw body; empty when there was none.
	Body string
	// Header holds the request headers, Authorization included.
	Header http.Header
	// OperationID is the operation the request reached (see the Op
	// constants), or empty when it matched no route or carried a wrong key.
	// The second verb Rails routes to an action (PATCH on a wallet or an
	// alert, PUT on wallet metadata) reaches the published verb's
	// operation.
	OperationID string
}

func (s *Server) record(r *http.Request, body []byte, op string) {
	path, _, _ := strings.Cut(r.RequestURI, "?")
	req := Request{
		Method:      r.Method,
		Path:        path,
		Query:       r.URL.Query(),
		Body:        string(body),
		Header:      r.Header.Clone(),
		OperationID: op,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
}

// Requests returns every request received so far, oldest first. The
// result is a copy the caller may keep.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.requests)
	for i := range out {
		out[i].Query = cloneValues(out[i].Query)
		out[i].Header = out[i].Header.Clone()
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	return url.Values(http.Header(v).Clone())
}
