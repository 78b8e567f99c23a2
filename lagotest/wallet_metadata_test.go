package lagotest_test

import (
	"fmt"
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

func TestWalletMetadataRoutes(t *testing.T) {
	h := newHarness(t)
	h.srv.AddBillableMetrics("api_calls")
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	restricted := lago.WalletInput{RateAmount: "1", Code: lago.Value("main"),
		AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"api_calls"})})}
	h.wallet("acme", restricted)
	c := h.client
	restriction := func() []string {
		w, err := c.GetWallet(h.ctx(), "acme", "main")
		require.NoError(t, err)
		return w.AppliesTo.BillableMetricCodes
	}

	_, err := c.DeleteWalletMetadataKey(h.ctx(), "acme", "main", "a")
	requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"metadata_not_found"}`)
	md, err := c.MergeWalletMetadata(h.ctx(), "acme", "main", lago.WalletMetadata{})
	require.NoError(t, err)
	assert.Nil(t, md, "merging nothing into no metadata answers null")

	md, err = c.ReplaceWalletMetadata(h.ctx(), "acme", "main", lago.WalletMetadata{"a": lago.Ptr("1"), "b": lago.Ptr("2")})
	require.NoError(t, err)
	assert.Equal(t, lago.WalletMetadata{"a": lago.Ptr("1"), "b": lago.Ptr("2")}, md)
	assert.Empty(t, restriction(), "a metadata write runs the wallet update, which drops the restriction")

	md, err = c.MergeWalletMetadata(h.ctx(), "acme", "main", lago.WalletMetadata{"b": nil, "c": lago.Ptr("3")})
	require.NoError(t, err)
	assert.Equal(t, lago.WalletMetadata{"a": lago.Ptr("1"), "b": nil, "c": lago.Ptr("3")}, md, "null is kept as a value")

	_, err = c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{AppliesTo: restricted.AppliesTo})
	require.NoError(t, err)
	md, err = c.DeleteWalletMetadataKey(h.ctx(), "acme", "main", "b")
	require.NoError(t, err)
	assert.Equal(t, lago.WalletMetadata{"a": lago.Ptr("1"), "c": lago.Ptr("3")}, md)
	md, err = c.DeleteWalletMetadataKey(h.ctx(), "acme", "main", "zz")
	require.NoError(t, err)
	assert.Len(t, md, 2, "a missing key changes nothing")
	assert.Equal(t, []string{"api_calls"}, restriction(), "deleting a key keeps the restriction")

	too := lago.WalletMetadata{}
	for i := range 51 {
		too[fmt.Sprint(i)] = nil
	}
	_, err = c.ReplaceWalletMetadata(h.ctx(), "acme", "main", too)
	requireLagoError(t, err, 422, validation(`{"value":["cannot have more than 50 keys"]}`))

	md, err = c.DeleteWalletMetadata(h.ctx(), "acme", "main")
	require.NoError(t, err)
	assert.Nil(t, md)
	md, err = c.DeleteWalletMetadata(h.ctx(), "acme", "main")
	require.NoError(t, err, "deleting all again is fine")
	assert.Nil(t, md)

	requireAnswer(t, h.raw("POST", "/customers/acme/wallets/main/metadata", `{"metadata":{"x":"1"}}`, nil), 200, `{"metadata":{"x":"1"}}`)
	requireAnswer(t, h.raw("POST", "/customers/acme/wallets/main/metadata", `{"metadata":null}`, nil), 200, `{"metadata":{"x":"1"}}`)

	_, err = c.TerminateWallet(h.ctx(), "acme", "main")
	require.NoError(t, err)
	for _, call := range []func() error{
		func() error {
			_, err := c.ReplaceWalletMetadata(h.ctx(), "acme", "main", lago.WalletMetadata{})
			return err
		},
		func() error { _, err := c.MergeWalletMetadata(h.ctx(), "acme", "main", nil); return err },
		func() error { _, err := c.DeleteWalletMetadata(h.ctx(), "acme", "main"); return err },
	} {
		requireLagoError(t, call(), 422, errWalletTerminated)
	}
	md, err = c.DeleteWalletMetadataKey(h.ctx(), "acme", "main", "x")
	require.NoError(t, err, "deleting a key works on a terminated wallet")
	assert.Equal(t, lago.WalletMetadata{}, md)
	_, err = c.DeleteWalletMetadata(h.ctx(), "acme", "nope")
	requireLagoError(t, err, 404, errWalletNotFound)
}
