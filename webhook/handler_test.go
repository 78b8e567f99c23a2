package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// delivery is a request as Lago sends it, signed with HMAC.
func delivery(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhooks/lago", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	for k, v := range lagoHeader("hmac", signHMAC(testHMACKey, body)) {
		r.Header[k] = v
	}
	return r
}

// recorder collects what the handler reports and the events fn saw.
type recorder struct {
	mu     sync.Mutex
	events []*Event
	errs   []error
}

func (rec *recorder) fn(ret error) func(context.Context, *Event) error {
	return func(_ context.Context, ev *Event) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.events = append(rec.events, ev)
		return ret
	}
}

func (rec *recorder) report(_ context.Context, err error) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.errs = append(rec.errs, err)
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerStatuses(t *testing.T) {
	v := mustVerifier(t, Config{HMACKey: testHMACKey})
	failed := errors.New("database down")
	forged := delivery(testBody)
	forged.Header.Set(HeaderSignature, signHMAC("forger", testBody))
	get := delivery(testBody)
	get.Method = http.MethodGet
	notEvent := delivery(`{"hello":"world"}`)
	big := delivery(`{"webhook_type":"x","pad":"` + strings.Repeat("x", 1<<10) + `"}`)
	unknownLength := delivery(`{"webhook_type":"x","pad":"` + strings.Repeat("x", 1<<10) + `"}`)
	unknownLength.ContentLength = -1
	tests := []struct {
		name     string
		r        *http.Request
		fnErr    error
		status   int
		body     string
		handled  int
		reported int
	}{
		{"handled", delivery(testBody), nil, http.StatusNoContent, "", 1, 0},
		{"fn failed", delivery(testBody), failed, http.StatusInternalServerError, "event not handled\n", 1, 1},
		{"bad signature", forged, nil, http.StatusUnauthorized, "invalid signature\n", 0, 0},
		{"not an event", notEvent, nil, http.StatusBadRequest, "not a Lago event\n", 0, 0},
		{"GET", get, nil, http.StatusMethodNotAllowed, "method not allowed\n", 0, 0},
		{"over the cap", big, nil, http.StatusRequestEntityTooLarge, "body too large\n", 0, 0},
		{"over the cap, length unknown", unknownLength, nil, http.StatusRequestEntityTooLarge, "body too large\n", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			h := Handler(v, rec.fn(tt.fnErr), WithMaxBodySize(1<<10), WithErrorLog(rec.report))
			w := serve(h, tt.r)
			assert.Equal(t, tt.status, w.Code)
			assert.Equal(t, tt.body, w.Body.String())
			assert.Len(t, rec.events, tt.handled)
			assert.Len(t, rec.errs, tt.reported)
			if tt.status == http.StatusMethodNotAllowed {
				assert.Equal(t, "POST", w.Header().Get("Allow"))
			}
		})
	}
}

func TestHandlerPassesTheEvent(t *testing.T) {
	rec := &recorder{}
	h := Handler(mustVerifier(t, Config{HMACKey: testHMACKey}), rec.fn(nil))
	require.Equal(t, http.StatusNoContent, serve(h, delivery(testBody)).Code)
	require.Len(t, rec.events, 1)
	assert.Equal(t, TypeCustomerCreated, rec.events[0].Type)
	assert.Equal(t, testUnique, rec.events[0].UniqueKey)
}

func TestHandlerDefaultBodyCap(t *testing.T) {
	h := Handler(mustVerifier(t, Config{HMACKey: testHMACKey}), (&recorder{}).fn(nil))
	body := `{"webhook_type":"x","pad":"` + strings.Repeat("x", DefaultMaxBodySize) + `"}`
	assert.Equal(t, http.StatusRequestEntityTooLarge, serve(h, delivery(body)).Code)
	body = `{"webhook_type":"x","pad":"` + strings.Repeat("x", DefaultMaxBodySize-100) + `"}`
	assert.Equal(t, http.StatusNoContent, serve(h, delivery(body)).Code)
}

func TestHandlerRecoversPanics(t *testing.T) {
	rec := &recorder{}
	h := Handler(mustVerifier(t, Config{HMACKey: testHMACKey}),
		func(context.Context, *Event) error { panic("nil map") }, WithErrorLog(rec.report))
	w := serve(h, delivery(testBody))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, "event not handled\n", w.Body.String())
	require.Len(t, rec.errs, 1)
	require.ErrorIs(t, rec.errs[0], ErrPanic)
	assert.Contains(t, rec.errs[0].Error(), "webhook: event function panicked: nil map\n")
	assert.Contains(t, rec.errs[0].Error(), "handler_test.go", "with the stack")

	abort := Handler(mustVerifier(t, Config{HMACKey: testHMACKey}),
		func(context.Context, *Event) error { panic(http.ErrAbortHandler) })
	assert.PanicsWithError(t, http.ErrAbortHandler.Error(), func() { serve(abort, delivery(testBody)) })
}

func TestHandlerKeyUnavailable(t *testing.T) {
	v, err := newVerifier(Config{}, func(context.Context) ([]byte, error) { return nil, errors.New("down") }, newClock().now)
	require.NoError(t, err)
	rec := &recorder{}
	h := Handler(v, rec.fn(nil), WithErrorLog(rec.report))
	r := delivery(testBody)
	r.Header.Set(HeaderSignatureAlgorithm, "jwt")
	r.Header.Set(HeaderSignature, lagoJWT(testBody))
	w := serve(h, r)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Equal(t, "signature cannot be checked now\n", w.Body.String())
	require.Len(t, rec.errs, 1)
	require.ErrorIs(t, rec.errs[0], ErrKeyUnavailable)
}

// dedup is a Deduplicator whose Seen and Handled can fail.
type dedup struct {
	*MemoryDeduplicator
	seenErr, handledErr error
}

func (d dedup) Seen(ctx context.Context, key string) (bool, error) {
	if d.seenErr != nil {
		return false, d.seenErr
	}
	return d.MemoryDeduplicator.Seen(ctx, key)
}

func (d dedup) Handled(ctx context.Context, key string) error {
	if d.handledErr != nil {
		return d.handledErr
	}
	return d.MemoryDeduplicator.Handled(ctx, key)
}

func TestHandlerDropsDuplicates(t *testing.T) {
	v := mustVerifier(t, Config{HMACKey: testHMACKey})
	d := NewMemoryDeduplicator(100)

	failing := &recorder{}
	h := Handler(v, failing.fn(errors.New("busy")), WithDeduplicator(d))
	assert.Equal(t, http.StatusInternalServerError, serve(h, delivery(testBody)).Code)

	rec := &recorder{}
	h = Handler(v, rec.fn(nil), WithDeduplicator(d))
	assert.Equal(t, http.StatusNoContent, serve(h, delivery(testBody)).Code, "a failed event is handled on retry")
	assert.Equal(t, http.StatusNoContent, serve(h, delivery(testBody)).Code)
	assert.Len(t, rec.events, 1, "the retry of a handled event is dropped")

	other := delivery(testBody)
	other.Header.Set(HeaderUniqueKey, "another-event")
	assert.Equal(t, http.StatusNoContent, serve(h, other).Code)
	noKey := delivery(testBody)
	noKey.Header.Del(HeaderUniqueKey)
	assert.Equal(t, http.StatusNoContent, serve(h, noKey).Code)
	assert.Len(t, rec.events, 3, "another key, and no key, are handled")
}

func TestHandlerDeduplicatorFailures(t *testing.T) {
	v := mustVerifier(t, Config{HMACKey: testHMACKey})
	down := errors.New("redis down")

	rec := &recorder{}
	h := Handler(v, rec.fn(nil), WithErrorLog(rec.report),
		WithDeduplicator(dedup{MemoryDeduplicator: NewMemoryDeduplicator(1), seenErr: down}))
	assert.Equal(t, http.StatusInternalServerError, serve(h, delivery(testBody)).Code)
	assert.Empty(t, rec.events, "not handled when duplicates cannot be told")
	require.Len(t, rec.errs, 1)
	require.ErrorIs(t, rec.errs[0], down)

	rec = &recorder{}
	h = Handler(v, rec.fn(nil), WithErrorLog(rec.report),
		WithDeduplicator(dedup{MemoryDeduplicator: NewMemoryDeduplicator(1), handledErr: down}))
	assert.Equal(t, http.StatusNoContent, serve(h, delivery(testBody)).Code, "handled is handled")
	assert.Len(t, rec.events, 1)
	require.Len(t, rec.errs, 1)
	require.ErrorIs(t, rec.errs[0], down)
}

// Over a real connection, as Lago would deliver.
func TestHandlerOverHTTP(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(Handler(mustVerifier(t, Config{HMACKey: testHMACKey}), rec.fn(nil)))
	defer srv.Close()
	for _, tt := range []struct {
		sig    string
		status int
	}{
		{signHMAC(testHMACKey, testBody), http.StatusNoContent},
		{signHMAC("forger", testBody), http.StatusUnauthorized},
	} {
		req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(testBody))
		require.NoError(t, err)
		req.Header.Set("x-lago-signature-algorithm", "hmac")
		req.Header.Set("x-lago-signature", tt.sig)
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, tt.status, resp.StatusCode)
		assert.NotContains(t, string(body), tt.sig)
	}
	assert.Len(t, rec.events, 1)
}
