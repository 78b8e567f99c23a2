package openapi_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
)

// The customer operations, by Lago's operationId, with their method
// and path. The spec must describe exactly these.
var operations = map[string]string{
	"createCustomer":                "POST /customers",
	"findAllCustomers":              "GET /customers",
	"findCustomer":                  "GET /customers/{external_customer_id}",
	"destroyCustomer":               "DELETE /customers/{external_customer_id}",
	"findAllCustomerAppliedCoupons": "GET /customers/{external_customer_id}/applied_coupons",
	"deleteAppliedCoupon":           "DELETE /customers/{external_customer_id}/applied_coupons/{applied_coupon_id}",
	"generateCustomerCheckoutURL":   "POST /customers/{external_customer_id}/checkout_url",
	"findCustomerCurrentUsage":      "GET /customers/{external_customer_id}/current_usage",
	"findAllCustomerPastUsage":      "GET /customers/{external_customer_id}/past_usage",
	"findCustomerProjectedUsage":    "GET /customers/{external_customer_id}/projected_usage",
	"getCustomerPortalUrl":          "GET /customers/{external_customer_id}/portal_url",

	"createCustomerWallet":   "POST /customers/{external_customer_id}/wallets",
	"findAllCustomerWallets": "GET /customers/{external_customer_id}/wallets",
	"findCustomerWallet":     "GET /customers/{external_customer_id}/wallets/{code}",
	"updateCustomerWallet":   "PUT /customers/{external_customer_id}/wallets/{code}",
	"destroyCustomerWallet":  "DELETE /customers/{external_customer_id}/wallets/{code}",
	// Rails routes the other verb to the same action; not published.
	"updateCustomerWalletWithPatch":      "PATCH /customers/{external_customer_id}/wallets/{code}",
	"mergeCustomerWalletMetadataWithPut": "PUT /customers/{external_customer_id}/wallets/{wallet_code}/metadata",
	"updateCustomerWalletAlertWithPatch": "PATCH /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}",
	"replaceCustomerWalletMetadata":      "POST /customers/{external_customer_id}/wallets/{wallet_code}/metadata",
	"mergeCustomerWalletMetadata":        "PATCH /customers/{external_customer_id}/wallets/{wallet_code}/metadata",
	"deleteAllCustomerWalletMetadata":    "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata",
	"deleteCustomerWalletMetadataKey":    "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata/{key}",
	"getCustomerWalletAlerts":            "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts",
	"createCustomerWalletAlert":          "POST /customers/{external_customer_id}/wallets/{wallet_code}/alerts",
	"deleteAllCustomerWalletAlerts":      "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts",
	"getCustomerWalletAlert":             "GET /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}",
	"updateCustomerWalletAlert":          "PUT /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}",
	"deleteCustomerWalletAlert":          "DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}",
	"findAllCustomerInvoices":            "GET /customers/{external_customer_id}/invoices",
	"findAllCustomerCreditNotes":         "GET /customers/{external_customer_id}/credit_notes",
	"findAllCustomerPayments":            "GET /customers/{external_customer_id}/payments",
	"findAllCustomerPaymentRequests":     "GET /customers/{external_customer_id}/payment_requests",
	"findAllCustomerSubscriptions":       "GET /customers/{external_customer_id}/subscriptions",
	"findAllCustomersPaymentMethods":     "GET /customers/{external_customer_id}/payment_methods",
	"paymentMethodSetAsDefault":          "PUT /customers/{external_customer_id}/payment_methods/{payment_method_id}/set_as_default",
	"destroyPaymentMethod":               "DELETE /customers/{external_customer_id}/payment_methods/{payment_method_id}",

	"fetchJsonPublicKey": "GET /webhooks/json_public_key",
}

func TestLoadValidatesSpec(t *testing.T) {
	doc, err := specval.Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "3.0.3", doc.OpenAPI)

	got := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			got[op.OperationID] = method + " " + path
		}
	}
	assert.Equal(t, operations, got)
}

// Every operation answers errors in Lago's error body and documents the
// statuses the server really produces: every one 401 and 429, and those
// under /customers, which read a body or name a customer, 400, 403 and 404
// too.
func TestErrorResponsesUseLagoErrorBody(t *testing.T) {
	doc, err := specval.Load(t.Context())
	require.NoError(t, err)
	apiError := doc.Components.Schemas["APIError"].Value

	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			statuses := []string{"401", "429"}
			if strings.HasPrefix(path, "/customers") {
				statuses = append(statuses, "400", "403", "404")
			}
			for _, status := range statuses {
				resp := op.Responses.Value(status)
				if assert.NotNil(t, resp, "%s %s lacks %s", method, path, status) {
					schema := resp.Value.Content.Get("application/json").Schema.Value
					assert.Same(t, apiError, schema, "%s %s %s", method, path, status)
				}
			}
		}
	}
}

// The verbs Rails routes to the same action as a published one take the
// same body and give the same answers.
func TestVerbTwinsMatchTheirPublishedOperation(t *testing.T) {
	doc, err := specval.Load(t.Context())
	require.NoError(t, err)
	tests := []struct {
		path              string
		published, second string
	}{
		{"/customers/{external_customer_id}/wallets/{code}", "PUT", "PATCH"},
		{"/customers/{external_customer_id}/wallets/{wallet_code}/metadata", "PATCH", "PUT"},
		{"/customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", "PUT", "PATCH"},
	}
	for _, tt := range tests {
		t.Run(tt.second+" "+tt.path, func(t *testing.T) {
			item := doc.Paths.Find(tt.path)
			require.NotNil(t, item)
			published, second := item.GetOperation(tt.published), item.GetOperation(tt.second)
			require.NotNil(t, published)
			require.NotNil(t, second)
			assert.Equal(t, published.Parameters, second.Parameters)
			assert.Equal(t, published.RequestBody.Ref, second.RequestBody.Ref)
			assert.Equal(t, published.RequestBody.Value.Content["application/json"].Schema.Ref,
				second.RequestBody.Value.Content["application/json"].Schema.Ref)
			assert.Equal(t, published.Responses.Len(), second.Responses.Len())
			for status, resp := range published.Responses.Map() {
				twin := second.Responses.Value(status)
				require.NotNil(t, twin, status)
				if resp.Ref != "" {
					assert.Equal(t, resp.Ref, twin.Ref, status)
					continue
				}
				assert.Equal(t, resp.Value.Content["application/json"].Schema.Ref,
					twin.Value.Content["application/json"].Schema.Ref, status)
			}
		})
	}
}

// Lago reads these filters as one value (name=v) or as a list (name[]=v),
// so the spec declares both forms, with the same values.
func TestFiltersDeclareBothForms(t *testing.T) {
	doc, err := specval.Load(t.Context())
	require.NoError(t, err)
	tests := []struct {
		path  string
		names []string
	}{
		{"/customers/{external_customer_id}/invoices",
			[]string{"status", "statuses", "payment_status", "payment_statuses", "invoice_type", "settlements"}},
		{"/customers/{external_customer_id}/credit_notes",
			[]string{"reason", "credit_status", "refund_status", "types"}},
	}
	for _, tt := range tests {
		op := doc.Paths.Find(tt.path).Get
		for _, name := range tt.names {
			t.Run(op.OperationID+" "+name, func(t *testing.T) {
				single := op.Parameters.GetByInAndName("query", name)
				list := op.Parameters.GetByInAndName("query", name+"[]")
				require.NotNil(t, single, name)
				require.NotNil(t, list, name+"[]")
				assert.Equal(t, "array", list.Schema.Value.Type.Slice()[0])
				assert.True(t, *list.Explode, "one name[] per value")
				assert.Equal(t, list.Schema.Value.Items.Ref, single.Schema.Ref, "the same values")
				assert.NotEmpty(t, single.Schema.Ref)
			})
		}
	}
}
