package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestEmbeddedRunCallsEveryOperation(t *testing.T) {
	var out, errs bytes.Buffer
	code := run(t.Context(), nil, env(nil), &out, &errs)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", out.String(), errs.String())
	assert.Empty(t, errs.String())
	for _, m := range append(allMethods, walletExtras...) {
		assert.Contains(t, out.String(), " ok   "+m+" ")
	}
	assert.NotContains(t, out.String(), "FAIL")
	assert.Contains(t, out.String(), "All 44 steps passed; all 34 customer operations were called.")
	// A webhook sent by lagotest is verified by the handler.
	assert.Contains(t, out.String(), " ok   WebhookPublicKey ")
	assert.Contains(t, out.String(), "the handler verified and decoded it: customer.updated for globex (unique key ")
	// The seeded documents are listed and the default payment method moves.
	assert.Contains(t, out.String(), "1 overdue (issued 45 days ago, due after 30) of 2 invoices, drafts included")
	assert.Contains(t, out.String(), "pm_sepa_debit is now the default payment method")
	assert.Contains(t, out.String(), "deleted pm_card_visa; 1 payment method left")
	// The second customer the lists count is created on screen.
	assert.Contains(t, out.String(), "created globex, a second customer with no country, for the lists below")
}

// TestEmbeddedRunReadsWithoutTheCode holds each line of the embedded run
// to what a newcomer can read without the code: no raw JSON or Go slices,
// no bare true or false, labelled values, and links only to hosts that
// cannot be a real Lago.
func TestEmbeddedRunReadsWithoutTheCode(t *testing.T) {
	var out, errs bytes.Buffer
	require.Equal(t, 0, run(t.Context(), nil, env(nil), &out, &errs), errs.String())
	rawJSON := regexp.MustCompile(`[{\[]"|"[}\]]|\[\]|\{\}`)
	goSlice := regexp.MustCompile(`\[[a-z_]+( [a-z_]+)*\]`)
	bareBool := regexp.MustCompile(`\b(true|false)\b`)
	slug := regexp.MustCompile(`LAG-[0-9A-F]{4}-\d{3}`)
	labelledSlug := regexp.MustCompile(`slug LAG-[0-9A-F]{4}-\d{3}`)
	host := regexp.MustCompile(`https?://([^/\s:]+)`)
	for line := range strings.Lines(out.String()) {
		assert.NotRegexp(t, rawJSON, line, "raw JSON")
		assert.NotRegexp(t, goSlice, line, "a Go slice printed with %v")
		assert.NotRegexp(t, bareBool, line, "true or false without words")
		assert.Len(t, labelledSlug.FindAllString(line, -1), len(slug.FindAllString(line, -1)), "a slug without its label: %s", line)
		for _, m := range host.FindAllStringSubmatch(line, -1) {
			h := m[1]
			assert.True(t, h == "127.0.0.1" || strings.HasSuffix(h, ".invalid") || strings.HasSuffix(h, ".test"),
				"link to %s, which is not a reserved host: %s", h, line)
		}
	}
	assert.Contains(t, out.String(), "slug LAG-")
	assert.Equal(t, 3, strings.Count(out.String(), "refused as expected ("), "each expected error says why it is expected")
	assert.Contains(t, out.String(), "refused as expected (no payment provider yet): 422 validation_errors")
	assert.Contains(t, out.String(), "the wallet already has an alert of this type (Lago's code alert_already_exists)")
	assert.Contains(t, out.String(), "terminating again changed nothing")
	assert.Contains(t, out.String(), "portal link https://app.lagotest.invalid/customer-portal/")
}

// remoteServer is a lagotest server standing in for a real Lago, with one
// customer and one subscription to read.
func remoteServer(t *testing.T) *lagotest.Server {
	t.Helper()
	srv := lagotest.New(t)
	c, err := srv.Client()
	require.NoError(t, err)
	_, err = c.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme")})
	require.NoError(t, err)
	require.NoError(t, srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "sub_1"}))
	return srv
}

func TestRemoteRunIsReadOnlyByDefault(t *testing.T) {
	srv := remoteServer(t)
	before := len(srv.Requests())
	var out, errs bytes.Buffer
	code := run(t.Context(), []string{"-subscription", "sub_1"}, env(map[string]string{"LAGO_API_KEY": srv.APIKey, "LAGO_API_URL": srv.URL}), &out, &errs)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", out.String(), errs.String())
	for _, req := range srv.Requests()[before:] {
		assert.Equal(t, http.MethodGet, req.Method, "read-only run sent %s %s", req.Method, req.Path)
		assert.True(t, strings.HasPrefix(req.Header.Get("User-Agent"), "lago-demo/"+lago.Version+" lago-go/"))
	}
	assert.Contains(t, out.String(), "skip ListWalletAlerts")
	assert.Contains(t, out.String(), "(read-only)")
	assert.Contains(t, out.String(), "writes need -write")
	assert.Contains(t, out.String(), "not called: CreateCustomer, DeleteCustomer, DeleteAppliedCoupon, GenerateCheckoutURL, SetDefaultPaymentMethod, DeletePaymentMethod, CreateWallet,")
}

func TestRemoteRunWithWriteCallsEveryOperation(t *testing.T) {
	srv := remoteServer(t)
	var out, errs bytes.Buffer
	code := run(t.Context(), []string{"-write", "-customer", "acme", "-subscription", "sub_1"}, env(map[string]string{"LAGO_API_KEY": srv.APIKey, "LAGO_API_URL": srv.URL}), &out, &errs)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", out.String(), errs.String())
	assert.Contains(t, out.String(), "all 34 customer operations were called")
}

func TestFailingStepsMakeTheRunFail(t *testing.T) {
	srv := remoteServer(t)
	var out, errs bytes.Buffer
	code := run(context.Background(), nil, env(map[string]string{"LAGO_API_KEY": "wrong-key", "LAGO_API_URL": srv.URL}), &out, &errs)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "FAIL ListCustomers")
	assert.Contains(t, out.String(), "401 Unauthorized")
	assert.Contains(t, out.String(), "1 of 1 step failed: ListCustomers")
}

// brokenWriter fails every write after the first n bytes.
type brokenWriter struct{ n int }

func (w *brokenWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errors.New("broken pipe")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestAFailedWriteMakesTheRunFail(t *testing.T) {
	var errs bytes.Buffer
	code := run(t.Context(), nil, env(nil), &brokenWriter{n: 100}, &errs)
	assert.Equal(t, 1, code)
	assert.Equal(t, "lago-demo: writing the report: broken pipe\n", errs.String())
}

var stepLine = regexp.MustCompile(`^(\s?\d+\. (?:ok  |FAIL) [\w.]+\s+)(?:GET, then )?(GET|POST|PUT|PATCH|DELETE) /\S*( \([\w ,]+\))?$`)

// The output is read as a tutorial: nouns agree with their numbers, every
// amount is in the currency's unit, each step's result sits under its
// method whatever the length of the endpoint, and it names the code to read.
func TestEmbeddedRunReadsLikeATutorial(t *testing.T) {
	var out, errs bytes.Buffer
	require.Equal(t, 0, run(t.Context(), nil, env(nil), &out, &errs), errs.String())
	text := out.String()

	for _, want := range []string{
		"1 tax, 1 metadata pair\n", "filtered on France: 1 customer;", "AllCustomers read 2 customers one per page: acme-europe, globex",
		"1 active: WELCOME50, 50.00 EUR off", ": 1 charge, 123.96 EUR due", "1 invoiced period\n",
		"103.30 EUR so far, 214.00 EUR projected by the end of the period",
		"Example code: cmd/lago-demo/embedded.go makes each call below, in this order, with package lago.",
	} {
		assert.Contains(t, text, want)
	}
	for _, wrong := range []string{
		"1 charges", "1 invoiced periods", "1 customers", "1 pages", "cents", "1 payments", "1 payment requests",
		"1 active subscriptions", "1 payment methods", "1 credit notes", "1 invoices",
	} {
		assert.NotContains(t, text, wrong)
	}

	lines := strings.Split(text, "\n")
	column, steps := -1, 0
	for i, line := range lines {
		m := stepLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		steps++
		if column < 0 {
			column = len(m[1])
		}
		assert.Equal(t, column, len(m[1]), "the endpoint of %q is not in the column of the others", line)
		require.Less(t, i+1, len(lines))
		result := lines[i+1]
		assert.True(t, strings.HasPrefix(result, resultIndent) && len(result) > len(resultIndent) && result[len(resultIndent)] != ' ',
			"the result of %q is not under its method: %q", line, result)
	}
	assert.Equal(t, 44, steps, "step lines not recognised in:\n%s", text)
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 charges", 1: "1 charge", 2: "2 charges", 21: "21 charges"} {
		assert.Equal(t, want, plural(n, "charge", "charges"))
	}
}

func TestMoneyIsInTheCurrencysUnit(t *testing.T) {
	tests := []struct {
		cents    int64
		currency string
		want     string
	}{
		{10330, "EUR", "103.30 EUR"},
		{5, "USD", "0.05 USD"},
		{-1250, "USD", "-12.50 USD"},
		{0, "EUR", "0.00 EUR"},
		{500, "JPY", "500 JPY"},
		{1234, "KWD", "1.234 KWD"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, money(tt.cents, tt.currency))
	}
	for cents, want := range map[string]string{"21400": "214.00 EUR", "21400.5": "214.01 EUR", "10.33": "0.10 EUR", "x": `"x" (not a number of cents) EUR`} {
		assert.Equal(t, want, moneyString(cents, "EUR"), cents)
	}
	for _, tt := range []struct{ cents, currency, want string }{
		{"-21400.5", "EUR", "-214.01 EUR"},
		{"1500.5", "JPY", "1501 JPY"},
		{"1234.4", "BHD", "1.234 BHD"},
		{"1e30", "EUR", `"1e30" (beyond an int64 of cents) EUR`},
	} {
		assert.Equal(t, tt.want, moneyString(tt.cents, tt.currency), tt.cents)
	}
}

func TestRemoteRunListsWalletAlerts(t *testing.T) {
	srv := remoteServer(t)
	c, err := srv.Client()
	require.NoError(t, err)
	_, err = c.CreateWallet(t.Context(), "acme", lago.WalletInput{RateAmount: "1", Currency: lago.Value("EUR"), Code: lago.Value("main")})
	require.NoError(t, err)
	var out, errs bytes.Buffer
	code := run(t.Context(), []string{"-customer", "acme"}, env(map[string]string{"LAGO_API_KEY": srv.APIKey, "LAGO_API_URL": srv.URL}), &out, &errs)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", out.String(), errs.String())
	assert.Contains(t, out.String(), " ok   ListWallets ")
	assert.Contains(t, out.String(), "0 alerts on main")
}
