package lagotest_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

var anyUUID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// verbFixture is a customer with an active wallet "main" carrying
// metadata and an alert "low", and a terminated wallet "old".
func verbFixture(t *testing.T) *harness {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{
		RateAmount: "1", Code: lago.Value("main"), Name: lago.Value("Main"),
		Metadata: lago.Value(lago.WalletMetadata{"a": lago.Ptr("1")}),
	})
	h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("old")})
	_, err := h.client.TerminateWallet(h.ctx(), "acme", "old")
	require.NoError(t, err)
	_, err = h.client.CreateWalletAlert(h.ctx(), "acme", "main", alertInput(lago.WalletAlertTypeWalletCreditsBalance, "low", "20"))
	require.NoError(t, err)
	return h
}

// Rails routes PATCH on a wallet and on an alert to the update action, and
// PUT on wallet metadata to the merge action: each answers exactly what
// its published twin answers, and is recorded as the twin's operation.
func TestSecondVerbActsAsTwin(t *testing.T) {
	const (
		wallet   = "/customers/acme/wallets/main"
		metadata = "/customers/acme/wallets/main/metadata"
		alert    = "/customers/acme/wallets/main/alerts/low"
	)
	tests := []struct {
		name              string
		published, second string
		target, body      string
		op                string
		status            int
		// want is the exact answer, when it carries no generated id.
		want string
	}{
		{name: "wallet update", published: http.MethodPut, second: http.MethodPatch, target: wallet,
			body: `{"wallet":{"name":"Renamed"}}`, op: lagotest.OpUpdateWallet, status: 200},
		{name: "wallet update without its root", published: http.MethodPut, second: http.MethodPatch, target: wallet,
			body: `{"name":"Renamed"}`, op: lagotest.OpUpdateWallet, status: 400, want: errMissingWallet},
		{name: "wallet update of an unknown wallet", published: http.MethodPut, second: http.MethodPatch,
			target: "/customers/acme/wallets/nope", body: `{"wallet":{"name":"x"}}`, op: lagotest.OpUpdateWallet,
			status: 404, want: errWalletNotFound},
		{name: "wallet update of a terminated wallet", published: http.MethodPut, second: http.MethodPatch,
			target: "/customers/acme/wallets/old", body: `{"wallet":{"name":"x"}}`, op: lagotest.OpUpdateWallet,
			status: 422, want: errWalletTerminated},
		{name: "metadata merge", published: http.MethodPatch, second: http.MethodPut, target: metadata,
			body: `{"metadata":{"b":"2","a":null}}`, op: lagotest.OpMergeWalletMetadata, status: 200,
			want: `{"metadata":{"a":null,"b":"2"}}`},
		{name: "metadata merge of nothing", published: http.MethodPatch, second: http.MethodPut, target: metadata,
			body: `{}`, op: lagotest.OpMergeWalletMetadata, status: 200, want: `{"metadata":{"a":"1"}}`},
		{name: "metadata merge of a number", published: http.MethodPatch, second: http.MethodPut, target: metadata,
			body: `{"metadata":{"n":1}}`, op: lagotest.OpMergeWalletMetadata, status: 422,
			want: validation(`{"value":["value for key 'n' must be empty or a String up to 255 characters"]}`)},
		{name: "metadata merge on an unknown wallet", published: http.MethodPatch, second: http.MethodPut,
			target: "/customers/acme/wallets/nope/metadata", body: `{"metadata":{"b":"2"}}`,
			op: lagotest.OpMergeWalletMetadata, status: 404, want: errWalletNotFound},
		{name: "alert update", published: http.MethodPut, second: http.MethodPatch, target: alert,
			body: `{"alert":{"name":"Low"}}`, op: lagotest.OpUpdateWalletAlert, status: 200},
		{name: "alert update without its root", published: http.MethodPut, second: http.MethodPatch, target: alert,
			body: `{"name":"Low"}`, op: lagotest.OpUpdateWalletAlert, status: 400,
			want: `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: alert"}`},
		{name: "alert update of an unknown alert", published: http.MethodPut, second: http.MethodPatch,
			target: "/customers/acme/wallets/main/alerts/nope", body: `{"alert":{"name":"Low"}}`,
			op: lagotest.OpUpdateWalletAlert, status: 404, want: `{"status":404,"error":"Not Found","code":"alert_not_found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bodies []string
			for _, method := range []string{tt.published, tt.second} {
				h := verbFixture(t)
				got := h.raw(method, tt.target, tt.body, nil)
				require.Equal(t, tt.status, got.status, "%s: %s", method, got.body)
				if tt.want != "" {
					require.JSONEq(t, tt.want, got.body, method)
				}
				reqs := h.srv.Requests()
				last := reqs[len(reqs)-1]
				assert.Equal(t, method, last.Method)
				assert.Equal(t, tt.op, last.OperationID, method)
				// Ids are random per server; everything else must match.
				bodies = append(bodies, anyUUID.ReplaceAllString(got.body, "<id>"))
			}
			assert.JSONEq(t, bodies[0], bodies[1], "%s answers as %s", tt.second, tt.published)
		})
	}
}

// The second verbs reach the same state: a PATCH update is what a later
// GET shows.
func TestSecondVerbChangesState(t *testing.T) {
	h := verbFixture(t)
	got := h.raw(http.MethodPatch, "/customers/acme/wallets/main", `{"wallet":{"name":"Renamed"}}`, nil)
	require.Equal(t, 200, got.status, got.body)
	w, err := h.client.GetWallet(h.ctx(), "acme", "main")
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("Renamed"), w.Name)

	got = h.raw(http.MethodPut, "/customers/acme/wallets/main/metadata", `{"metadata":{"b":"2"}}`, nil)
	requireAnswer(t, got, 200, `{"metadata":{"a":"1","b":"2"}}`)

	_, err = h.client.UpdateWalletAlert(h.ctx(), "acme", "main", "low", lago.WalletAlertUpdateInput{Name: lago.Value("Before")})
	require.NoError(t, err)
	got = h.raw(http.MethodPatch, "/customers/acme/wallets/main/alerts/low", `{"alert":{"name":"After"}}`, nil)
	require.Equal(t, 200, got.status, got.body)
	a, err := h.client.GetWalletAlert(h.ctx(), "acme", "main", "low")
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("After"), a.Name)
}
