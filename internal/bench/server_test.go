package bench

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/lagoclient/lago-go/lago"
)

// server is a loopback fake of the Lago endpoints the benchmarks call. Both
// sides of a pair talk to the same server and get the same bytes. It does
// as little as a server can (look up a precomputed body and write it) so
// that the client's share of each measurement is as large as possible.
type server struct {
	ts *httptest.Server
	// baseURL is the API root the clients are given.
	baseURL string
	p       *payloads
	// conns counts the TCP connections the server accepted (StateNew).
	conns atomic.Int64
	// onCreate, when set before the server starts, sees every POST body.
	onCreate func([]byte)
	// onRequest, when set before the server starts, sees every request
	// before it is answered.
	onRequest func(*http.Request)
}

// newServer starts a server on 127.0.0.1 that tb closes when it ends.
func newServer(tb testing.TB) *server {
	tb.Helper()
	return startServer(tb, &server{p: fixtures(tb)})
}

func startServer(tb testing.TB, s *server) *server {
	tb.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+basePath+"/customers/{id}", s.getCustomer)
	mux.HandleFunc("POST "+basePath+"/customers", s.createCustomer)
	mux.HandleFunc("GET "+basePath+"/customers", s.listCustomers)
	mux.HandleFunc("GET "+basePath+"/customers/{id}/current_usage", s.currentUsage)
	mux.HandleFunc("GET "+basePath+"/customers/{id}/invoices", s.listInvoices)

	s.ts = httptest.NewUnstartedServer(s.authorized(mux))
	s.ts.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.ts.Start()
	tb.Cleanup(s.ts.Close)
	s.baseURL = s.ts.URL + basePath
	return s
}

// lagoClient is package lago's client as users get it: NewClient with a
// base URL and nothing else, so its default http.Client.
func (s *server) lagoClient(tb testing.TB) *lago.Client {
	tb.Helper()
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(s.baseURL))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func (s *server) baselineClient() *baselineClient { return newBaselineClient(s.baseURL) }

// closeConns closes every connection to the server, so the next
// measurement starts from an empty pool on both sides.
func (s *server) closeConns() { s.ts.CloseClientConnections() }

// authorized answers 401 to a request without the API key, so a side that
// forgot the header cannot look faster.
func (s *server) authorized(next http.Handler) http.Handler {
	want := "Bearer " + apiKey
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.onRequest != nil {
			s.onRequest(r)
		}
		if r.Header.Get("Authorization") != want {
			writeJSON(w, http.StatusUnauthorized, []byte(`{"status":401,"error":"Unauthorized"}`))
			return
		}
		next.ServeHTTP(w, r)
	})
}

var notFound = []byte(`{"status":404,"error":"Not Found","code":"customer_not_found"}`)

func (s *server) getCustomer(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("id") != customerID {
		writeJSON(w, http.StatusNotFound, notFound)
		return
	}
	writeJSON(w, http.StatusOK, s.p.customer)
}

func (s *server) createCustomer(w http.ResponseWriter, r *http.Request) {
	if s.onCreate != nil {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.onCreate(body)
	} else if _, err := io.Copy(io.Discard, r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, s.p.customer)
}

func (s *server) listCustomers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, per := 1, perPage
	if v := q.Get("page"); v != "" {
		page, _ = strconv.Atoi(v)
	}
	if v := q.Get("per_page"); v != "" {
		per, _ = strconv.Atoi(v)
	}
	if page < 1 || per < 1 {
		writeJSON(w, http.StatusBadRequest, []byte(`{"status":400,"error":"Bad Request"}`))
		return
	}
	if page == 1 && per == perPage && s.p.firstPage != nil {
		writeJSON(w, http.StatusOK, s.p.firstPage)
		return
	}
	s.p.pages.writePage(w, page, per)
}

func (s *server) currentUsage(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("id") != customerID || r.URL.Query().Get("external_subscription_id") != subscriptionID {
		writeJSON(w, http.StatusNotFound, notFound)
		return
	}
	writeJSON(w, http.StatusOK, s.p.usage)
}

// writeJSON answers with a Content-Length, as Lago does, rather than
// letting net/http fall back to chunked encoding for large bodies.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
