package lago_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestListPayments(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "payments.json"))
	page, err := f.Client().ListPayments(t.Context(), "acme-eu-042", &lago.ListPaymentsOptions{
		Page: 3, PerPage: 1, InvoiceID: "a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01",
	})
	require.NoError(t, err)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/payments", Query: url.Values{
		"page": {"3"}, "per_page": {"1"}, "invoice_id": {"a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01"},
	}}, fakelago.OnlyRequest(t, f))
	require.Len(t, page.Payments, 2)
	manual, provider := page.Payments[0], page.Payments[1]
	assert.Equal(t, lago.PaymentTypeManual, manual.Type)
	assert.Equal(t, lago.PaymentPayableTypePaymentRequest, manual.PayableType)
	assert.Nil(t, manual.PaymentStatus)
	assert.Nil(t, manual.PaymentProviderCode)
	assert.Equal(t, lago.Ptr("wire 2026-11-28"), manual.Reference)
	assert.Nil(t, provider.Reference)
	assert.Equal(t, lago.Ptr(lago.PaymentProviderStripe), provider.PaymentProviderType)
	assert.Equal(t, []string{"a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01"}, provider.InvoiceIDs)
}

// Lago refuses an invoice_id that is not a UUID; the details say so.
func TestListPaymentsInvalidInvoiceID(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.LagoError(422, string(fakelago.Fixture(t, "error-422-invoice-id.json"))))
	_, err := f.Client().ListPayments(t.Context(), "acme", &lago.ListPaymentsOptions{InvoiceID: "a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01"})
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	require.ErrorIs(t, err, lago.ErrValidation)
	assert.Equal(t, map[string][]string{"invoice_id": {"is in invalid format"}}, lerr.Details)
}
