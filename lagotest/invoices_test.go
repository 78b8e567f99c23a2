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

func day(y int, m time.Month, d int) lago.Date {
	return lago.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func TestAddInvoiceFillsWhatLagoSends(t *testing.T) {
	h := newHarness(t)
	acme := h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR"), NetPaymentTerm: lago.Value[int64](30)})
	inv, err := h.srv.AddInvoice("acme", lago.Invoice{
		FeesAmountCents: 10000, TaxesAmountCents: 2000, TotalPaidAmountCents: 5000,
		Metadata:     []lago.InvoiceMetadata{{Key: "po", Value: "42"}},
		AppliedTaxes: []lago.InvoiceAppliedTax{{TaxCode: "vat", TaxName: "VAT", TaxRate: 20, AmountCents: 2000, FeesAmountCents: 10000}},
	})
	require.NoError(t, err)
	assert.Equal(t, acme.Slug+"-001", inv.Number)
	assert.Equal(t, int64(1), inv.SequentialID)
	assert.Equal(t, "EUR", inv.Currency)
	assert.Equal(t, day(2026, time.November, 14), inv.IssuingDate)
	assert.Equal(t, lago.Ptr(day(2026, time.December, 14)), inv.PaymentDueDate)
	assert.Equal(t, int64(30), inv.NetPaymentTerm)
	assert.Equal(t, lago.InvoiceStatusFinalized, inv.Status)
	assert.Equal(t, lago.InvoiceTypeSubscription, inv.InvoiceType)
	assert.Equal(t, lago.InvoicePaymentStatusPending, inv.PaymentStatus)
	assert.Equal(t, int64(12000), inv.TotalAmountCents)
	assert.Equal(t, int64(7000), inv.TotalDueAmountCents)
	assert.Equal(t, inv.LagoID, inv.AppliedTaxes[0].LagoInvoiceID)
	assert.Equal(t, "EUR", inv.AppliedTaxes[0].AmountCurrency)
	assert.NotEmpty(t, inv.Metadata[0].LagoID)
	assert.Equal(t, epoch, inv.CreatedAt)

	page, err := h.client.ListInvoices(h.ctx(), "acme", nil)
	require.NoError(t, err)
	require.Len(t, page.Invoices, 1)
	assert.Equal(t, inv, page.Invoices[0])
	assert.Equal(t, lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 1}, page.Meta)

	_, err = h.srv.AddInvoice("ghost", lago.Invoice{})
	assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
}

func TestInvoiceListShowsTheCustomerAsItIsNow(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme")})
	_, err := h.srv.AddInvoice("acme", lago.Invoice{})
	require.NoError(t, err)
	h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme Renamed")})
	page, err := h.client.ListInvoices(h.ctx(), "acme", nil)
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("Acme Renamed"), page.Invoices[0].Customer.Name)
}

func TestInvoiceFilters(t *testing.T) {
	h := newHarness(t, lagotest.WithBillingEntities("acme_eu", "acme_us"))
	h.create(lago.CustomerInput{ExternalID: "acme", BillingEntityCode: lago.Value("acme_eu")})
	lost := epoch.Add(-time.Hour)
	add := func(inv lago.Invoice) string {
		got, err := h.srv.AddInvoice("acme", inv)
		require.NoError(t, err)
		return got.Number
	}
	draft := add(lago.Invoice{Number: "INV-DRAFT", Status: lago.InvoiceStatusDraft, IssuingDate: day(2026, time.November, 10), FeesAmountCents: 500})
	paid := add(lago.Invoice{Number: "INV-PAID", PaymentStatus: lago.InvoicePaymentStatusSucceeded, IssuingDate: day(2026, time.October, 1),
		FeesAmountCents: 9000, TotalPaidAmountCents: 9000, Currency: "EUR", BillingEntityCode: "acme_us", PurchaseOrderNumber: lago.Ptr("PO-7"),
		Metadata: []lago.InvoiceMetadata{{Key: "team", Value: "core"}}})
	partly := add(lago.Invoice{Number: "INV-PART", IssuingDate: day(2026, time.September, 5), FeesAmountCents: 4000, TotalPaidAmountCents: 1000,
		PaymentOverdue: true, InvoiceType: lago.InvoiceTypeAdvanceCharges, SelfBilled: true, PaymentDisputeLostAt: &lost,
		TotalOffsettedCreditNoteAmountCents: 100})

	tests := []struct {
		name string
		opts lago.ListInvoicesOptions
		want []string
	}{
		{"no filter: every status, drafts included, latest issuing date first", lago.ListInvoicesOptions{}, []string{draft, paid, partly}},
		{"pages of one, walked to the end", lago.ListInvoicesOptions{PerPage: 1}, []string{draft, paid, partly}},
		{"amount range", lago.ListInvoicesOptions{AmountFrom: lago.Ptr[int64](1000), AmountTo: lago.Ptr[int64](5000)}, []string{partly}},
		{"issuing dates, inclusive", lago.ListInvoicesOptions{IssuingDateFrom: time.Date(2026, 9, 5, 0, 0, 0, 0, time.UTC), IssuingDateTo: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}, []string{paid, partly}},
		{"status", lago.ListInvoicesOptions{Status: lago.InvoiceStatusDraft}, []string{draft}},
		{"statuses", lago.ListInvoicesOptions{Statuses: []lago.InvoiceStatus{lago.InvoiceStatusFinalized, lago.InvoiceStatusVoided}}, []string{paid, partly}},
		{"payment status", lago.ListInvoicesOptions{PaymentStatus: lago.InvoicePaymentStatusSucceeded}, []string{paid}},
		{"payment statuses", lago.ListInvoicesOptions{PaymentStatuses: []lago.InvoicePaymentStatus{lago.InvoicePaymentStatusPending}}, []string{draft, partly}},
		{"overdue", lago.ListInvoicesOptions{PaymentOverdue: lago.Ptr(true)}, []string{partly}},
		{"not overdue", lago.ListInvoicesOptions{PaymentOverdue: lago.Ptr(false)}, []string{draft, paid}},
		{"search matches the number only", lago.ListInvoicesOptions{SearchTerm: "inv-pa"}, []string{paid, partly}},
		{"search does not match the customer", lago.ListInvoicesOptions{SearchTerm: "acme"}, nil},
		{"dispute lost", lago.ListInvoicesOptions{PaymentDisputeLost: lago.Ptr(true)}, []string{partly}},
		{"invoice types", lago.ListInvoicesOptions{InvoiceTypes: []lago.InvoiceType{lago.InvoiceTypeAdvanceCharges}}, []string{partly}},
		{"self billed", lago.ListInvoicesOptions{SelfBilled: lago.Ptr(false)}, []string{draft, paid}},
		{"metadata", lago.ListInvoicesOptions{Metadata: map[string]string{"team": "core"}}, []string{paid}},
		{"metadata key absent", lago.ListInvoicesOptions{Metadata: map[string]string{"team": ""}}, []string{draft, partly}},
		{"currency", lago.ListInvoicesOptions{Currency: "EUR"}, []string{paid}},
		{"purchase order number ignores case", lago.ListInvoicesOptions{PurchaseOrderNumber: "po-7"}, []string{paid}},
		{"partially paid", lago.ListInvoicesOptions{PartiallyPaid: lago.Ptr(true)}, []string{partly}},
		{"settled by credit note", lago.ListInvoicesOptions{Settlements: []lago.InvoiceSettlement{lago.InvoiceSettlementCreditNote}}, []string{partly}},
		{"billing entities", lago.ListInvoicesOptions{BillingEntityCodes: []string{"acme_us"}}, []string{paid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for inv, err := range h.client.AllInvoices(h.ctx(), "acme", &tt.opts) {
				require.NoError(t, err)
				got = append(got, inv.Number)
			}
			assert.Equal(t, tt.want, got)
		})
	}

	t.Run("payment_dispute_lost=false keeps what true keeps", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/invoices?payment_dispute_lost=false", "", nil)
		require.Equal(t, 200, got.status)
		assert.Contains(t, got.body, `"number":"INV-PART"`)
		assert.NotContains(t, got.body, `"number":"INV-PAID"`)
	})
	t.Run("an unknown settlement is dropped", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/invoices?settlements[]=wallet", "", nil)
		require.Equal(t, 200, got.status)
		assert.Contains(t, got.body, `"total_count":3`)
	})
	t.Run("an unknown invoice type matches nothing", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/invoices?invoice_type[]=gift", "", nil)
		requireAnswer(t, got, 200, `{"invoices":[],"meta":{"current_page":0,"next_page":null,"prev_page":null,"total_pages":0,"total_count":0}}`)
	})
	t.Run("strict filters answer the contract's sentences", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/invoices?status=deleted&payment_overdue=maybe", "", nil)
		requireAnswer(t, got, 422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors",
			"error_details":{"status":["must be one of: draft, finalized, voided, failed, pending"],"payment_overdue":["must be boolean"]}}`)
	})
	t.Run("an unknown or repeated billing entity is answered 404", func(t *testing.T) {
		for _, codes := range [][]string{{"nope"}, {"acme_eu", "acme_eu"}} {
			_, err := h.client.ListInvoices(h.ctx(), "acme", &lago.ListInvoicesOptions{BillingEntityCodes: codes})
			requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
		}
	})
}

func TestDocumentListsOfUnknownAndDeletedCustomers(t *testing.T) {
	h := newHarness(t)
	notFound := `{"status":404,"error":"Not Found","code":"customer_not_found"}`
	calls := map[string]func(string) error{
		"invoices": func(id string) error { _, err := h.client.ListInvoices(h.ctx(), id, nil); return err },
		"credit notes": func(id string) error {
			_, err := h.client.ListCreditNotes(h.ctx(), id, nil)
			return err
		},
		"payments": func(id string) error { _, err := h.client.ListPayments(h.ctx(), id, nil); return err },
		"payment requests": func(id string) error {
			_, err := h.client.ListPaymentRequests(h.ctx(), id, nil)
			return err
		},
		"subscriptions": func(id string) error {
			_, err := h.client.ListSubscriptions(h.ctx(), id, nil)
			return err
		},
		"payment methods": func(id string) error {
			_, err := h.client.ListPaymentMethods(h.ctx(), id, nil)
			return err
		},
	}
	h.create(lago.CustomerInput{ExternalID: "gone"})
	_, err := h.client.DeleteCustomer(h.ctx(), "gone")
	require.NoError(t, err)
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			requireLagoError(t, call("ghost"), 404, notFound)
			requireLagoError(t, call("gone"), 404, notFound)
		})
	}
}

// Lago finds invoices, credit notes, payments and payment requests by
// external id through deleted customers too, so a new customer that reuses
// a deleted one's id sees its records.
func TestReusedExternalIDSeesTheDeletedCustomersDocuments(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Old Acme")})
	old, err := h.srv.AddInvoice("acme", lago.Invoice{Number: "OLD-1"})
	require.NoError(t, err)
	_, err = h.srv.AddPaymentMethod("acme", lago.PaymentMethod{})
	require.NoError(t, err)
	_, err = h.client.DeleteCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("New Acme")})

	page, err := h.client.ListInvoices(h.ctx(), "acme", nil)
	require.NoError(t, err)
	require.Len(t, page.Invoices, 1)
	assert.Equal(t, old.LagoID, page.Invoices[0].LagoID)
	assert.Equal(t, lago.Ptr("Old Acme"), page.Invoices[0].Customer.Name)

	methods, err := h.client.ListPaymentMethods(h.ctx(), "acme", nil)
	require.NoError(t, err)
	assert.Empty(t, methods.PaymentMethods, "payment methods belong to live customers only")
}

// The invoice list's meta counts the organization's invoices that match
// the filters, as Lago's count cache serves it; the pages hold only the
// customer's.
func TestInvoiceListCountsTheOrganization(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	h.create(lago.CustomerInput{ExternalID: "globex"})
	for range 3 {
		_, err := h.srv.AddInvoice("acme", lago.Invoice{})
		require.NoError(t, err)
	}
	for range 5 {
		_, err := h.srv.AddInvoice("globex", lago.Invoice{})
		require.NoError(t, err)
	}
	_, err := h.srv.AddInvoice("globex", lago.Invoice{Status: lago.InvoiceStatusDraft})
	require.NoError(t, err)

	tests := []struct {
		page     int
		status   lago.InvoiceStatus
		invoices int
		meta     lago.PaginationMeta
	}{
		{1, "", 2, lago.PaginationMeta{CurrentPage: 1, NextPage: lago.Ptr[int64](2), TotalPages: 5, TotalCount: 9}},
		{2, "", 1, lago.PaginationMeta{CurrentPage: 2, NextPage: lago.Ptr[int64](3), PrevPage: lago.Ptr[int64](1), TotalPages: 5, TotalCount: 9}},
		{3, "", 0, lago.PaginationMeta{CurrentPage: 3, NextPage: lago.Ptr[int64](4), PrevPage: lago.Ptr[int64](2), TotalPages: 5, TotalCount: 9}},
		{5, "", 0, lago.PaginationMeta{CurrentPage: 5, PrevPage: lago.Ptr[int64](4), TotalPages: 5, TotalCount: 9}},
		{6, "", 0, lago.PaginationMeta{CurrentPage: 6, TotalPages: 5, TotalCount: 9}},
		{1, lago.InvoiceStatusFinalized, 2, lago.PaginationMeta{CurrentPage: 1, NextPage: lago.Ptr[int64](2), TotalPages: 4, TotalCount: 8}},
		{1, lago.InvoiceStatusDraft, 0, lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 1}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("page %d %s", tt.page, tt.status), func(t *testing.T) {
			page, err := h.client.ListInvoices(h.ctx(), "acme", &lago.ListInvoicesOptions{Page: tt.page, PerPage: 2, Status: tt.status})
			require.NoError(t, err)
			assert.Len(t, page.Invoices, tt.invoices)
			assert.Equal(t, tt.meta, page.Meta)
		})
	}
}
