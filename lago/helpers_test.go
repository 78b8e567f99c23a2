package lago_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
	"github.com/stretchr/testify/require"
)

// The fake Lago's mount point and key, used where a test builds its own
// client, server or expected path, or looks for the key.
const (
	basePath = fakelago.BasePath
	apiKey   = fakelago.APIKey
)

// fastRetry keeps retry tests quick while still exercising the waits.
var fastRetry = lago.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}

// hijackAndClose drops the connection under a handler after writing raw
// bytes, as a crashing proxy would.
func hijackAndClose(w http.ResponseWriter, raw string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	_, _ = buf.WriteString(raw)
	_ = buf.Flush()
	_ = conn.Close()
}

// contextWithin is the test's context, with a deadline d from now unless d
// is zero.
func contextWithin(t *testing.T, d time.Duration) context.Context {
	if d == 0 {
		return t.Context()
	}
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

// debugLogger logs every record, debug included, as text into the buffer.
func debugLogger() (*slog.Logger, *bytes.Buffer) {
	var logs bytes.Buffer
	return slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), &logs
}

// customerAnswer is a 200 with a customer, whatever was asked.
func customerAnswer(t *testing.T) http.HandlerFunc {
	body := fakelago.Fixture(t, "customer.json")
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}
}

// roundTrip is an http.RoundTripper made of a function: a transport that
// answers without a network, or one that fails a test when it is used.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// jsonHeader is the Content-Type header of a JSON reply.
func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json; charset=utf-8"}}
}

// pageOfFixture builds page `page` of a list from the first item of a
// fixture's items, one copy per value of field, with next as its next_page.
func pageOfFixture(t *testing.T, name, items, field string, page int, next *int, values ...string) fakelago.Response {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(fakelago.Fixture(t, name), &doc))
	template := doc[items].([]any)[0].(map[string]any)
	list := []any{}
	for _, v := range values {
		item := map[string]any{}
		for k, x := range template {
			item[k] = x
		}
		item[field] = v
		list = append(list, item)
	}
	var prev any
	if page > 1 {
		prev = page - 1
	}
	doc[items] = list
	doc["meta"] = map[string]any{"current_page": page, "next_page": next, "prev_page": prev, "total_pages": 3, "total_count": 5}
	body, err := json.Marshal(doc)
	require.NoError(t, err)
	return fakelago.Response{Status: 200, Body: body}
}
