package lago_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestListPaymentRequests(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "payment-requests.json"))
	page, err := f.Client().ListPaymentRequests(t.Context(), "acme-eu-042", &lago.ListPaymentRequestsOptions{
		Page: 1, PerPage: 5, PaymentStatus: lago.InvoicePaymentStatusPending,
		BillingEntityCodes: []string{"acme_eu", "acme_uk"}, Currency: "EUR",
	})
	require.NoError(t, err)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/payment_requests", Query: url.Values{
		"page": {"1"}, "per_page": {"5"}, "payment_status": {"pending"},
		"billing_entity_codes[]": {"acme_eu", "acme_uk"}, "currency": {"EUR"},
	}}, fakelago.OnlyRequest(t, f))
	require.Len(t, page.PaymentRequests, 1)
	pr := page.PaymentRequests[0]
	assert.Nil(t, pr.Email)
	assert.Equal(t, int64(20400), pr.AmountCents)
	assert.Nil(t, pr.Customer.IntegrationCustomers)
	require.Len(t, pr.Invoices, 2)
	assert.Equal(t, "ACM-7F3A-042-007", pr.Invoices[0].Number)
	assert.Len(t, pr.Invoices[1].AppliedUsageThresholds, 1)
}
