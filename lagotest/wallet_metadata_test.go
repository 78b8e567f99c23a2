package lagotest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// Rails' parameters let any JSON value through inside metadata; Lago's
// model then refuses every value that is not a string or null with 422,
// under "value", on replace and on merge by either verb. Nothing is
// stored.
func TestWalletMetadataRefusesValuesThatAreNotStrings(t *testing.T) {
	const target = "/customers/acme/wallets/main/metadata"
	refused := func(key string) string {
		return "value for key '" + key + "' must be empty or a String up to 255 characters"
	}
	values := []struct {
		name, json string
	}{
		{"integer", `7`},
		{"decimal", `1.5`},
		{"true", `true`},
		{"false", `false`},
		{"object", `{"x":"y"}`},
		{"empty object", `{}`},
		{"array", `["x"]`},
		{"empty array", `[]`},
	}
	for _, method := range []string{http.MethodPost, http.MethodPatch, http.MethodPut} {
		for _, v := range values {
			t.Run(method+" "+v.name, func(t *testing.T) {
				h := newHarness(t)
				h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
				h.wallet("acme", lago.WalletInput{
					RateAmount: "1", Code: lago.Value("main"), Metadata: lago.Value(lago.WalletMetadata{"a": lago.Ptr("1")}),
				})

				got := h.raw(method, target, `{"metadata":{"ok":"fine","bad":`+v.json+`}}`, nil)
				requireAnswer(t, got, http.StatusUnprocessableEntity, validation(`{"value":["`+refused("bad")+`"]}`))

				w, err := h.client.GetWallet(h.ctx(), "acme", "main")
				require.NoError(t, err)
				assert.Equal(t, lago.WalletMetadata{"a": lago.Ptr("1")}, w.Metadata, "nothing is stored")
			})
		}
	}
}

// Every refused value is reported, in key order, before the limits.
func TestWalletMetadataReportsEveryProblem(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("main")})
	long := make([]byte, 256)
	for i := range long {
		long[i] = 'x'
	}
	got := h.raw(http.MethodPost, "/customers/acme/wallets/main/metadata",
		`{"metadata":{"z":1,"b":true,"long":"`+string(long)+`"}}`, nil)
	requireAnswer(t, got, http.StatusUnprocessableEntity, validation(`{"value":[`+
		`"value for key 'b' must be empty or a String up to 255 characters",`+
		`"value for key 'z' must be empty or a String up to 255 characters",`+
		`"value for key 'long' must be empty or a String up to 255 characters"]}`))
}
