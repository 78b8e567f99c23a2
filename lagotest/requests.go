package lagotest

import (
	"net/http"
	"net/url"
	"strings"
	"time"
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

// record logs r, and returns the latency injected for op, which it looks
// up under the same lock. It copies nothing: r's header and body are the
// server's own and nothing changes them, so Requests copies them when
// asked.
func (s *Server) record(r *http.Request, body []byte, op string) time.Duration {
	path, _, _ := strings.Cut(r.RequestURI, "?")
	req := received{method: r.Method, path: path, rawQuery: r.URL.RawQuery, body: body, header: r.Header, op: op}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests.add(req)
	return s.latency(op)
}

// received is a request as the log keeps it, the query unparsed.
type received struct {
	method, path, rawQuery string
	body                   []byte
	header                 http.Header
	op                     string
}

// request is r as Requests shows it, sharing nothing with the log.
func (r *received) request() Request {
	query, _ := url.ParseQuery(r.rawQuery)
	return Request{
		Method:      r.method,
		Path:        r.path,
		Query:       query,
		Body:        string(r.body),
		Header:      r.header.Clone(),
		OperationID: r.op,
	}
}

// Requests returns the requests received so far, oldest first: all of them,
// or the most recent when there were more than the log keeps
// (DefaultRequestLog, or what WithRequestLog says). The result is a copy
// the caller may keep.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.requests.all()
	out := make([]Request, len(kept))
	for i := range kept {
		out[i] = kept[i].request()
	}
	return out
}

// requestLog keeps the last max requests in a ring, so that a long-lived
// server's memory stays bounded.
type requestLog struct {
	max int
	// ring holds up to max requests; once full, the oldest is at start.
	ring  []received
	start int
}

func (l *requestLog) add(r received) {
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
func (l *requestLog) all() []received {
	out := make([]received, 0, len(l.ring))
	out = append(out, l.ring[l.start:]...)
	return append(out, l.ring[:l.start]...)
}
