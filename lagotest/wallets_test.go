package lagotest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

const (
	errWalletNotFound     = `{"status":404,"error":"Not Found","code":"wallet_not_found"}`
	errWalletTerminated   = `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"wallet_id":["wallet_is_terminated"]}}`
	errWalletCodeTaken    = `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"code":["value_already_exist"]}}`
	errWalletLimitReached = `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"customer":["wallet_limit_reached"]}}`
	errMissingWallet      = `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: wallet"}`
)

func validation(details string) string {
	return `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":` + details + `}`
}

func (h *harness) wallet(customer string, in lago.WalletInput) *lago.Wallet {
	h.t.Helper()
	w, err := h.client.CreateWallet(h.ctx(), customer, in)
	require.NoError(h.t, err)
	return w
}

func TestTerminateWallet(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("main"), GrantedCredits: lago.Value[lago.DecimalInput]("10")})
	_, err := h.srv.SettleWalletTopUps("acme", "main")
	require.NoError(t, err)
	h.clock.Advance(1500 * time.Millisecond)

	w, err := h.client.TerminateWallet(h.ctx(), "acme", "main")
	require.NoError(t, err)
	at := epoch.Add(1500 * time.Millisecond)
	assert.Equal(t, lago.WalletStatusTerminated, w.Status)
	assert.Equal(t, &at, w.TerminatedAt, "with milliseconds")
	assert.Equal(t, "10.0", w.CreditsBalance, "credits are not voided")
	resp := h.raw("GET", "/customers/acme/wallets/main", "", nil)
	assert.Contains(t, resp.body, `"terminated_at":"2026-11-14T09:30:01.500Z"`)

	h.clock.Advance(time.Hour)
	again, err := h.client.TerminateWallet(h.ctx(), "acme", "main")
	require.NoError(t, err)
	assert.Equal(t, w, again, "terminating again changes nothing")
	_, err = h.client.TerminateWallet(h.ctx(), "acme", "nope")
	requireLagoError(t, err, 404, errWalletNotFound)
}

func TestListWallets(t *testing.T) {
	h := newHarness(t, lagotest.WithBillingEntities("acme_eu", "acme_us"))
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	for i, entity := range []string{"", "acme_us", ""} {
		in := lago.WalletInput{RateAmount: "1", Code: lago.Value(fmt.Sprintf("w%d", i))}
		if entity != "" {
			in.BillingEntityCode = lago.Value(entity)
			in.Currency = lago.Value("USD")
		}
		h.wallet("acme", in)
		h.clock.Advance(time.Second)
	}
	_, err := h.client.TerminateWallet(h.ctx(), "acme", "w0")
	require.NoError(t, err)
	codes := func(opts *lago.ListWalletsOptions) []string {
		var out []string
		for w, err := range h.client.AllWallets(h.ctx(), "acme", opts) {
			require.NoError(t, err)
			out = append(out, *w.Code)
		}
		return out
	}
	assert.Equal(t, []string{"w2", "w1", "w0"}, codes(&lago.ListWalletsOptions{PerPage: 2}), "newest first, terminated included, over two pages")
	assert.Equal(t, []string{"w1"}, codes(&lago.ListWalletsOptions{BillingEntityCodes: []string{"acme_us"}}))
	assert.Equal(t, []string{"w2", "w0"}, codes(&lago.ListWalletsOptions{BillingEntityCodes: []string{"acme_eu"}}), "the customer's entity for wallets without one")
	assert.Equal(t, []string{"w1"}, codes(&lago.ListWalletsOptions{Currency: "USD"}))
	_, err = h.client.ListWallets(h.ctx(), "acme", &lago.ListWalletsOptions{BillingEntityCodes: []string{"nope"}})
	requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	_, err = h.client.ListWallets(h.ctx(), "ghost", nil)
	requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
}
