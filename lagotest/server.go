package lagotest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
)

// maxBodyBytes bounds a request body; Lago's bodies are a few kilobytes.
const maxBodyBytes = 1 << 20

// Server is an in-memory Lago serving the customer endpoints on a loopback
// port. Create it with NewServer or New. It is safe for concurrent use.
type Server struct {
	// URL is the API root, base path included, to pass to lago.WithBaseURL,
	// e.g. "http://127.0.0.1:41234/api/v1".
	URL string
	// APIKey is the only key the server accepts as "Authorization: Bearer
	// <key>"; a random UUID unless WithAPIKey sets it.
	APIKey string

	cfg       config
	http      *httptest.Server
	validator *specval.Validator
	// done ends injected latency early when the server closes, so Close
	// does not wait for sleeping handlers.
	done      chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	store    *store
	faults   faults
	requests requestLog
	problems []error

	webhooks webhookSender
}

// NewServer starts a server on 127.0.0.1 and returns it; call Close when
// done, or use New. Like httptest.NewServer, it panics when it cannot
// listen or when an option is invalid.
func NewServer(opts ...Option) *Server {
	s, err := newServer(opts)
	if err != nil {
		panic("lagotest: " + err.Error())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("lagotest: listen on loopback: " + err.Error())
	}
	s.http = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.http.Listener = ln
	s.http.Start()
	s.URL = s.http.URL + s.cfg.basePath
	return s
}

// New starts a server like NewServer and closes it when t ends. At that
// point it also fails t if the server ever produced a response that breaks
// the spec (see Err).
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(func() {
		s.Close()
		if err := s.Err(); err != nil {
			t.Errorf("lagotest: %v", err)
		}
	})
	return s
}

// closeGrace is how long Close lets requests in flight finish before it
// cuts their connections.
const closeGrace = time.Second

// Close shuts the server down. It lets the requests in flight finish for
// up to a second, then closes their connections, so that a client stuck
// mid-request (a body never finished, a response never read) fails its
// test instead of hanging the test binary.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.webhooks.close()
		close(s.done)
		if s.http == nil { // made by NewHandler: the caller serves it
			return
		}
		closed := make(chan struct{})
		go func() {
			s.http.Close()
			close(closed)
		}()
		grace := time.NewTimer(closeGrace)
		defer grace.Stop()
		select {
		case <-closed:
		case <-grace.C:
			s.http.CloseClientConnections()
			<-closed
		}
	})
}

// Client returns a lago client pointed at the server with its key. The opts
// come after those two, so they may override them.
func (s *Server) Client(opts ...lago.Option) (*lago.Client, error) {
	return lago.NewClient(s.APIKey, append([]lago.Option{lago.WithBaseURL(s.URL)}, opts...)...)
}

// Err reports the responses the server found to break the spec when checking
// them before sending, which it replaced by a 500. Such a response means a
// bug in lagotest, or usage data given to AddSubscription that the spec
// does not allow (units that are not decimal strings, say). New fails the
// test with it.
func (s *Server) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.problems...)
}

// now is the server's clock as Lago shows time: UTC, whole seconds.
func (s *Server) now() time.Time {
	return s.cfg.clock().UTC().Truncate(time.Second)
}

// serveHTTP answers one request: it records it, waits out any injected
// latency, then answers with an injected fault, with the error Lago gives
// for a request that breaks the spec, or with the operation's answer. That
// last answer is checked against the spec before it is sent.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r)
	if err != nil {
		writeResponse(w, badRequest("the body cannot be read: "+err.Error()))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	match, verr := s.checkRequest(r, body)
	op := ""
	if match != nil {
		op = match.OperationID
	}
	latency := s.record(r, body, op)
	if !s.sleep(r.Context(), latency) {
		// Returning would send an empty 200; abort the connection instead,
		// as a server going away does.
		panic(http.ErrAbortHandler)
	}

	// specResponse reads only the request, so it runs before the lock,
	// which then covers taking a fault and running the handler: one
	// acquisition instead of two, as the 32-caller benchmarks ask.
	rep, handled := specResponse(r, body, match, verr)
	rep, faulted := s.respond(body, match, op, rep, handled)
	if faulted {
		writeResponse(w, rep)
		return
	}
	if match != nil {
		if err := s.validator.Response(r.Context(), match, rep.status, rep.checkedHeader(), rep.body); err != nil {
			rep = s.offSpec(r, rep, err)
		}
	}
	writeResponse(w, rep)
	// Write has copied the body: its buffer can serve the next response.
	rep.release()
}

// readBody is io.ReadAll of the request's body, up to maxBodyBytes, in one
// allocation when the request states its length: ReadAll starts small and
// grows, three allocations for a customer.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, maxBodyBytes)
	size := r.ContentLength
	if size <= 0 || size > maxBodyBytes {
		return io.ReadAll(body)
	}
	var buf bytes.Buffer
	// ReadFrom wants MinRead bytes free before each read, the one that
	// finds the end included.
	buf.Grow(int(size) + bytes.MinRead)
	_, err := buf.ReadFrom(body)
	return buf.Bytes(), err
}

// offSpec records a response that failed the self-check and replaces it by
// a 500 that says why, so the test that caused it fails visibly.
func (s *Server) offSpec(r *http.Request, rep response, err error) response {
	problem := fmt.Errorf("%s %s: the %d answer breaks the spec: %w", r.Method, r.URL.Path, rep.status, err)
	s.mu.Lock()
	s.problems = append(s.problems, problem)
	s.mu.Unlock()
	return errorResponse(http.StatusInternalServerError, "", "lagotest: "+problem.Error())
}

// respond takes the next fault queued for op and reports true with it;
// otherwise it returns rep when specResponse handled the request, or runs
// the operation's handler. It holds the lock throughout.
func (s *Server) respond(body []byte, m *specval.Match, op string, rep response, handled bool) (response, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.nextFault(op); ok {
		return f, true
	}
	if !handled {
		rep = s.handleLocked(body, m)
	}
	return rep, false
}

// handle runs the operation's handler under the lock, so each request
// sees and leaves a consistent state.
func (s *Server) handle(r *http.Request, body []byte, m *specval.Match) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handleLocked(body, m)
}

// handleLocked is handle for a caller that holds the lock.
func (s *Server) handleLocked(body []byte, m *specval.Match) response {
	h, ok := handlers[m.OperationID]
	if !ok {
		return errorResponse(http.StatusNotFound, "", "")
	}
	// The handlers only read the query, so they share specval's parse.
	c := &call{body: body, query: m.Query, path: m.PathParams, now: s.now()}
	return h(s, c)
}

// call is one request as a handler sees it.
type call struct {
	body  []byte
	query url.Values
	path  map[string]string
	now   time.Time
}

// customerID is the external_customer_id path parameter.
func (c *call) customerID() string { return c.path["external_customer_id"] }

// checkRequest runs specval on r: routing, then this server's key, then
// parameters and body. A request made with the second verb Rails routes to
// an action (x-lago-twin-of in the spec) is then named by its twin's
// operation, so that it is handled, recorded and faulted exactly as the
// published verb is.
func (s *Server) checkRequest(r *http.Request, body []byte) (*specval.Match, error) {
	m, err := s.validator.Request(r.Context(), r, body, s.APIKey)
	if m != nil {
		if op := gen.Operations[m.OperationID]; op != nil && op.TwinOf != "" {
			m.OperationID = op.TwinOf
		}
	}
	return m, err
}
