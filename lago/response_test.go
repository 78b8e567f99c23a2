package lago_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// Concurrent calls each read their own answer's request id and rate-limit
// headers, retries counted.
func TestWithResponseIsPerCall(t *testing.T) {
	var seen sync.Map // id -> *atomic.Int64, attempts so far
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/customers/")
		w.Header().Set("X-Request-Id", "req-"+id)
		w.Header().Set("X-RateLimit-Limit", "1000")
		w.Header().Set("X-RateLimit-Remaining", strings.TrimPrefix(id, "c"))
		n, _ := seen.LoadOrStore(id, new(atomic.Int64))
		if first := n.(*atomic.Int64).Add(1) == 1; first && oddID(id) {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		// Set only on success: as a retry hint it would outlast fastRetry.
		w.Header().Set("X-RateLimit-Reset", "30")
		customerAnswer(t)(w, r)
	}))
	defer srv.Close()
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL), lago.WithRetry(fastRetry))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			id := "c" + strconv.Itoa(i)
			var a lago.Response
			_, err := c.GetCustomer(lago.WithResponse(t.Context(), &a), id)
			if !assert.NoError(t, err) {
				return
			}
			assert.Equal(t, http.StatusOK, a.StatusCode)
			assert.Equal(t, "req-"+id, a.RequestID)
			assert.Equal(t, "req-"+id, a.Header.Get("X-Request-Id"))
			require.NotNil(t, a.RateLimit)
			assert.Equal(t, i, a.RateLimit.Remaining)
			assert.Equal(t, 1000, a.RateLimit.Limit)
			wantAttempts := 1
			if oddID(id) {
				wantAttempts = 2 // a 503 first
			}
			assert.Equal(t, wantAttempts, a.Attempts)
		})
	}
	wg.Wait()
}

// An error names the answer's request id and keeps its headers; an answer
// with none leaves the Response's rate limit nil.
func TestResponseAndErrorDetails(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.Response{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"abc-123"}}, Body: []byte(`{"status":404,"error":"Not Found","code":"customer_not_found"}`)})
	var a lago.Response
	_, err := f.Client(lago.WithRetry(lago.NoRetry)).GetCustomer(lago.WithResponse(t.Context(), &a), "acme")
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	assert.Equal(t, "abc-123", lerr.RequestID)
	assert.Equal(t, "abc-123", lerr.Header.Get("X-Request-Id"))
	assert.Equal(t, lago.Response{StatusCode: 404, RequestID: "abc-123", Header: a.Header, Attempts: 1}, a)
	assert.Nil(t, a.RateLimit)
}

func oddID(id string) bool {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "c"))
	return n%2 == 1
}
