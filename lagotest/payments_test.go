package lagotest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestPaymentsAndPaymentRequests(t *testing.T) {
	h := newHarness(t, lagotest.WithBillingEntities("acme_eu", "acme_us"))
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR"), Email: lago.Value("ap@acme.test"), BillingEntityCode: lago.Value("acme_eu")})
	first, err := h.srv.AddInvoice("acme", lago.Invoice{FeesAmountCents: 1000})
	require.NoError(t, err)
	second, err := h.srv.AddInvoice("acme", lago.Invoice{FeesAmountCents: 2500, BillingEntityCode: "acme_us"})
	require.NoError(t, err)

	pr, err := h.srv.AddPaymentRequest("acme", lago.PaymentRequest{Invoices: []lago.InvoiceBase{{LagoID: first.LagoID}, {LagoID: second.LagoID}}})
	require.NoError(t, err)
	assert.Equal(t, int64(3500), pr.AmountCents)
	assert.Equal(t, "EUR", pr.AmountCurrency)
	assert.Equal(t, lago.Ptr("ap@acme.test"), pr.Email)
	assert.Equal(t, lago.InvoicePaymentStatusPending, pr.PaymentStatus)
	assert.Equal(t, first.Number, pr.Invoices[0].Number)
	assert.Nil(t, pr.Customer.IntegrationCustomers)

	h.clock.Advance(time.Minute)
	byRequest, err := h.srv.AddPayment("acme", lago.Payment{PayableType: lago.PaymentPayableTypePaymentRequest, LagoPayableID: pr.LagoID, AmountCents: 3500})
	require.NoError(t, err)
	assert.Equal(t, []string{first.LagoID, second.LagoID}, byRequest.InvoiceIDs)
	assert.Equal(t, []string{first.Number, second.Number}, byRequest.InvoiceNumbers)
	h.clock.Advance(time.Minute)
	direct, err := h.srv.AddPayment("acme", lago.Payment{InvoiceIDs: []string{first.LagoID}, AmountCents: 1000,
		Type: lago.PaymentTypeProvider, PaymentProviderCode: lago.Ptr("stripe_eu"), PaymentProviderType: lago.Ptr(lago.PaymentProviderStripe)})
	require.NoError(t, err)
	assert.Equal(t, first.LagoID, direct.LagoPayableID)
	assert.Equal(t, lago.PaymentPayableTypeInvoice, direct.PayableType)
	assert.Equal(t, "acme", direct.ExternalCustomerID)
	assert.Equal(t, "succeeded", direct.Status)

	t.Run("payments newest first", func(t *testing.T) {
		page, err := h.client.ListPayments(h.ctx(), "acme", nil)
		require.NoError(t, err)
		assert.Equal(t, []lago.Payment{direct, byRequest}, page.Payments)
	})
	t.Run("invoice_id keeps the invoice's payments and its payment requests'", func(t *testing.T) {
		page, err := h.client.ListPayments(h.ctx(), "acme", &lago.ListPaymentsOptions{InvoiceID: second.LagoID})
		require.NoError(t, err)
		assert.Equal(t, []lago.Payment{byRequest}, page.Payments)
	})
	t.Run("invoice_id that is not a UUID", func(t *testing.T) {
		_, err := h.client.ListPayments(h.ctx(), "acme", &lago.ListPaymentsOptions{InvoiceID: "INV-1"})
		requireLagoError(t, err, 422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"invoice_id":["is in invalid format"]}}`)
	})
	t.Run("payment requests and their filters", func(t *testing.T) {
		page, err := h.client.ListPaymentRequests(h.ctx(), "acme", nil)
		require.NoError(t, err)
		assert.Equal(t, []lago.PaymentRequest{pr}, page.PaymentRequests)
		for _, opts := range []lago.ListPaymentRequestsOptions{
			{PaymentStatus: lago.InvoicePaymentStatusPending},
			{Currency: "EUR"},
			// At least one invoice in the entity; repeats are allowed here.
			{BillingEntityCodes: []string{"acme_us", "acme_us"}},
		} {
			page, err := h.client.ListPaymentRequests(h.ctx(), "acme", &opts)
			require.NoError(t, err)
			assert.Len(t, page.PaymentRequests, 1, "%+v", opts)
		}
		for _, opts := range []lago.ListPaymentRequestsOptions{{PaymentStatus: lago.InvoicePaymentStatusFailed}, {Currency: "USD"}} {
			page, err := h.client.ListPaymentRequests(h.ctx(), "acme", &opts)
			require.NoError(t, err)
			assert.Empty(t, page.PaymentRequests, "%+v", opts)
		}
		_, err = h.client.ListPaymentRequests(h.ctx(), "acme", &lago.ListPaymentRequestsOptions{BillingEntityCodes: []string{"nope"}})
		requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	})
	t.Run("an unknown payment status matches nothing", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/payment_requests?payment_status=paid", "", nil)
		requireAnswer(t, got, 200, `{"payment_requests":[],"meta":{"current_page":0,"next_page":null,"prev_page":null,"total_pages":0,"total_count":0}}`)
	})
	t.Run("helpers refuse what they cannot place", func(t *testing.T) {
		_, err := h.srv.AddPayment("acme", lago.Payment{})
		assert.ErrorContains(t, err, "needs a LagoPayableID")
		_, err = h.srv.AddPaymentRequest("acme", lago.PaymentRequest{Invoices: []lago.InvoiceBase{{LagoID: "nope"}}})
		assert.ErrorContains(t, err, `has no invoice "nope"`)
		_, err = h.srv.AddPayment("ghost", lago.Payment{LagoPayableID: first.LagoID})
		assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
		_, err = h.srv.AddPaymentRequest("ghost", lago.PaymentRequest{})
		assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
	})
}
