package lagotest

import (
	"net/http"
	"net/url"
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
	s.requests.add(req)
}

// Requests returns the requests received so far, oldest first: all of them,
// or the most recent when there were more than the log keeps
// (DefaultRequestLog, or what WithRequestLog says). The result is a copy
// the caller may keep.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.requests.all()
	for i := range out {
		out[i].Query = cloneValues(out[i].Query)
		out[i].Header = out[i].Header.Clone()
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	return url.Values(http.Header(v).Clone())
}

// requestLog keeps the last max requests in a ring, so that a long-lived
// server's memory stays bounded.
type requestLog struct {
	max int
	// ring holds up to max requests; once full, the oldest is at start.
	ring  []Request
	start int
}

func (l *requestLog) add(r Request) {
	switch {
	case l.max == 0:
	case len(l.ring) < l.max:
		l.ring = append(l.ring, r)
	default:
		l.ring[l.start] = r
		l.start = (l.start + 1) % l.max
	}
}

// all returns the requests kept, oldest first, in a new slice.
func (l *requestLog) all() []Request {
	out := make([]Request, 0, len(l.ring))
	out = append(out, l.ring[l.start:]...)
	return append(out, l.ring[:l.start]...)
}
