package lago_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// DeleteWalletAlerts, which Lago answers with an empty 200, succeeds on an
// empty 200 or a 204 (whitespace counting as empty), and is ErrBadResponse
// for any 2xx that carries something: it is not Lago's response, and the
// alerts may still be there.
func TestDeleteWalletAlertsAcceptsOnlyNothing(t *testing.T) {
	const bad = "lago: DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts: 200 OK: invalid response body: status 200 with a body, want an empty body"
	tests := []struct {
		name    string
		status  int
		ctype   string
		body    string
		wantErr string // "" for success
	}{
		{name: "empty 200", status: 200},
		{name: "204", status: 204},
		{name: "empty 200 announced as JSON", status: 200, ctype: "application/json"},
		{name: "a newline", status: 200, body: "\n"},
		{name: "JSON whitespace", status: 200, body: " \t\r\n "},
		{name: "Lago's error body", status: 200, ctype: "application/json", body: `{"status":404,"error":"Not Found","code":"wallet_not_found"}`, wantErr: bad},
		{name: "a page of alerts", status: 200, ctype: "application/json", body: `{"alerts":[{"lago_id":"1a2b","code":"low"}],"meta":{"current_page":1,"total_pages":1,"total_count":1}}`, wantErr: bad},
		{name: "a proxy's HTML page", status: 200, ctype: "text/html", body: "<html><body><h1>Welcome to nginx!</h1></body></html>", wantErr: bad},
		{name: "an empty JSON object", status: 200, ctype: "application/json", body: "{}", wantErr: bad},
		{name: "null", status: 200, ctype: "application/json", body: "null", wantErr: bad},
		{name: "text after whitespace", status: 200, body: "\n\n x", wantErr: bad},
		{name: "a non-breaking space", status: 200, body: "\u00a0", wantErr: bad},
		{name: "whitespace past the limit", status: 200, body: strings.Repeat(" ", 513), wantErr: bad},
		{name: "a body far past any limit", status: 200, body: strings.Repeat("x", 4<<20), wantErr: bad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var got []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				mu.Lock()
				got = append(got, r.Method+" "+r.URL.RequestURI()+" "+string(body))
				mu.Unlock()
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c, err := lago.NewClient(scrubKey, lago.WithBaseURL(srv.URL+"/api/v1"), lago.WithRetry(lago.NoRetry))
			require.NoError(t, err)

			err = c.DeleteWalletAlerts(t.Context(), "acme", "api_credits")

			mu.Lock()
			assert.Equal(t, []string{"DELETE /api/v1/customers/acme/wallets/api_credits/alerts "}, got)
			mu.Unlock()
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, lago.ErrBadResponse)
			assert.NotErrorIs(t, err, lago.ErrNotFound, "a Lago error body under a 200 is not Lago's answer")
			assert.EqualError(t, err, tt.wantErr)
			var lerr *lago.Error
			require.ErrorAs(t, err, &lerr)
			assert.Equal(t, tt.status, lerr.StatusCode)
			assert.Equal(t, "deleteAllCustomerWalletAlerts", lerr.OperationID)
		})
	}
}
