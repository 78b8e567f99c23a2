package lago_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRateLimitHeadersAreKept(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Limit", "50")
		w.Header().Set("X-RateLimit-Remaining", "49")
		w.Header().Set("X-RateLimit-Reset", "1")
		_, _ = w.Write(fakelago.Fixture(t, "portal-url.json"))
	}))
	defer srv.Close()
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	_, ok := c.RateLimit()
	assert.False(t, ok, "no reply yet")
	before := time.Now()
	_, err = c.GetPortalURL(t.Context(), "acme")
	require.NoError(t, err)
	rl, ok := c.RateLimit()
	require.True(t, ok)
	assert.Equal(t, 50, rl.Limit)
	assert.Equal(t, 49, rl.Remaining)
	assert.Equal(t, time.Second, rl.Reset)
	assert.WithinRange(t, rl.At, before, time.Now())
}

func TestRateLimitedErrorCarriesRetryAfter(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.Response{
		Status: 429,
		Header: http.Header{"Content-Type": {"application/json"}, "Retry-After": {"120"}, "X-Ratelimit-Limit": {"50"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"2"}},
		Body:   []byte(`{"status":429,"error":"Too Many Requests"}`),
	})
	_, err := f.Client().GetCustomer(t.Context(), "acme")
	require.ErrorIs(t, err, lago.ErrRateLimited)
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	assert.Equal(t, 2*time.Minute, lerr.RetryAfter)
	assert.Len(t, f.Sent(), 1, "a hint above MaxDelay is not waited for")
}
