package main

import (
	"bytes"
	"context"
	"net/http"
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
	for _, m := range allMethods {
		assert.Contains(t, out.String(), " ok   "+m)
	}
	assert.NotContains(t, out.String(), "FAIL")
	assert.Contains(t, out.String(), "All 23 steps passed; all 19 customer operations were called.")
	// The seeded documents are listed and the default payment method moves.
	assert.Contains(t, out.String(), "1 overdue of 2 invoices (drafts included)")
	assert.Contains(t, out.String(), "pm_sepa_debit is now the default (is_default true)")
	assert.Contains(t, out.String(), "deleted pm_card_visa; 1 payment method left")
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
	assert.Contains(t, out.String(), "(read-only)")
	assert.Contains(t, out.String(), "writes need -write")
	assert.Contains(t, out.String(), "not called: CreateCustomer, DeleteCustomer, DeleteAppliedCoupon, GenerateCheckoutURL, SetDefaultPaymentMethod, DeletePaymentMethod.")
}

func TestRemoteRunWithWriteCallsEveryOperation(t *testing.T) {
	srv := remoteServer(t)
	var out, errs bytes.Buffer
	code := run(t.Context(), []string{"-write", "-customer", "acme", "-subscription", "sub_1"}, env(map[string]string{"LAGO_API_KEY": srv.APIKey, "LAGO_API_URL": srv.URL}), &out, &errs)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", out.String(), errs.String())
	assert.Contains(t, out.String(), "all 19 customer operations were called")
}

func TestFailingStepsMakeTheRunFail(t *testing.T) {
	srv := remoteServer(t)
	var out, errs bytes.Buffer
	code := run(context.Background(), nil, env(map[string]string{"LAGO_API_KEY": "wrong-key", "LAGO_API_URL": srv.URL}), &out, &errs)
	assert.Equal(t, 1, code)
	assert.Contains(t, out.String(), "FAIL ListCustomers")
	assert.Contains(t, out.String(), "401 Unauthorized")
	assert.Contains(t, out.String(), "1 of 1 steps failed: ListCustomers")
}
