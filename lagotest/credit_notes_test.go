package lagotest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestAddCreditNote(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	inv, err := h.srv.AddInvoice("acme", lago.Invoice{FeesAmountCents: 5000, PurchaseOrderNumber: lago.Ptr("PO-9")})
	require.NoError(t, err)
	cn, err := h.srv.AddCreditNote("acme", lago.CreditNote{
		LagoInvoiceID: inv.LagoID, CreditAmountCents: 3000, RefundAmountCents: 1000,
		Items:    []lago.CreditNoteItem{{AmountCents: 4000, Fee: lago.Fee{AmountCents: 5000}}},
		Metadata: map[string]*string{"ticket": lago.Ptr("T-1")},
	})
	require.NoError(t, err)
	assert.Equal(t, inv.Number, cn.InvoiceNumber)
	assert.Equal(t, inv.Number+"-CN001", cn.Number)
	assert.Equal(t, lago.Ptr("PO-9"), cn.PurchaseOrderNumber)
	assert.Equal(t, "EUR", cn.Currency)
	assert.Equal(t, int64(4000), cn.TotalAmountCents)
	assert.Equal(t, "4000.0", cn.PreciseTotalAmountCents)
	assert.Equal(t, int64(3000), cn.BalanceAmountCents)
	assert.Equal(t, lago.Ptr(lago.CreditNoteCreditStatusAvailable), cn.CreditStatus)
	assert.Equal(t, lago.Ptr(lago.CreditNoteRefundStatusPending), cn.RefundStatus)
	assert.Equal(t, lago.CreditNoteReasonOther, cn.Reason)
	fee := cn.Items[0].Fee
	assert.Equal(t, "0.0", fee.Units)
	assert.Equal(t, lago.FeeItemTypeCharge, fee.Item.Type)
	assert.Equal(t, "EUR", fee.TotalAmountCurrency)
	assert.Equal(t, []lago.CustomerErrorDetail{}, cn.ErrorDetails)

	page, err := h.client.ListCreditNotes(h.ctx(), "acme", nil)
	require.NoError(t, err)
	require.Len(t, page.CreditNotes, 1)
	assert.Equal(t, cn, page.CreditNotes[0])

	_, err = h.srv.AddCreditNote("ghost", lago.CreditNote{})
	assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
}

func TestCreditNoteFilters(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme Corp")})
	add := func(cn lago.CreditNote) string {
		h.clock.Advance(time.Minute)
		got, err := h.srv.AddCreditNote("acme", cn)
		require.NoError(t, err)
		return got.Number
	}
	credit := add(lago.CreditNote{Number: "CN-CREDIT", Reason: lago.CreditNoteReasonDuplicatedCharge, CreditAmountCents: 1000,
		IssuingDate: day(2026, time.November, 1), InvoiceNumber: "INV-1", PurchaseOrderNumber: lago.Ptr("po-1")})
	refund := add(lago.CreditNote{Number: "CN-REFUND", Reason: lago.CreditNoteReasonOrderCancellation, RefundAmountCents: 8000,
		IssuingDate: day(2026, time.November, 5), SelfBilled: true, Currency: "EUR"})
	offset := add(lago.CreditNote{Number: "CN-OFFSET", Reason: lago.CreditNoteReasonOther, OffsetAmountCents: 500,
		IssuingDate: day(2026, time.November, 9)})

	tests := []struct {
		name string
		opts lago.ListCreditNotesOptions
		want []string
	}{
		{"newest first", lago.ListCreditNotesOptions{}, []string{offset, refund, credit}},
		{"issuing dates", lago.ListCreditNotesOptions{IssuingDateFrom: time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC), IssuingDateTo: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)}, []string{offset, refund}},
		{"search on the number", lago.ListCreditNotesOptions{SearchTerm: "refund"}, []string{refund}},
		{"search on the customer keeps them all", lago.ListCreditNotesOptions{SearchTerm: "acme corp"}, []string{offset, refund, credit}},
		{"reasons", lago.ListCreditNotesOptions{Reasons: []lago.CreditNoteReason{lago.CreditNoteReasonDuplicatedCharge, lago.CreditNoteReasonOther}}, []string{offset, credit}},
		{"credit statuses", lago.ListCreditNotesOptions{CreditStatuses: []lago.CreditNoteCreditStatus{lago.CreditNoteCreditStatusAvailable}}, []string{credit}},
		{"refund statuses", lago.ListCreditNotesOptions{RefundStatuses: []lago.CreditNoteRefundStatus{lago.CreditNoteRefundStatusPending}}, []string{refund}},
		{"invoice number", lago.ListCreditNotesOptions{InvoiceNumber: "INV-1"}, []string{credit}},
		{"amounts", lago.ListCreditNotesOptions{AmountFrom: lago.Ptr[int64](600), AmountTo: lago.Ptr[int64](8000)}, []string{refund, credit}},
		{"self billed", lago.ListCreditNotesOptions{SelfBilled: lago.Ptr(true)}, []string{refund}},
		{"currency", lago.ListCreditNotesOptions{Currency: "EUR"}, []string{refund}},
		{"billing entity", lago.ListCreditNotesOptions{BillingEntityCodes: []string{lagotest.DefaultBillingEntityCode}}, []string{offset, refund, credit}},
		{"purchase order number ignores case", lago.ListCreditNotesOptions{PurchaseOrderNumber: "PO-1"}, []string{credit}},
		{"types", lago.ListCreditNotesOptions{Types: []lago.CreditNoteType{lago.CreditNoteTypeOffset, lago.CreditNoteTypeRefund}}, []string{offset, refund}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for cn, err := range h.client.AllCreditNotes(h.ctx(), "acme", &tt.opts) {
				require.NoError(t, err)
				got = append(got, cn.Number)
			}
			assert.Equal(t, tt.want, got)
		})
	}
	t.Run("unknown enum values are dropped, and with none left the filter is off", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/credit_notes?reason[]=typo&credit_status[]=spent", "", nil)
		require.Equal(t, 200, got.status, got.body)
		assert.Contains(t, got.body, `"total_count":3`)
		got = h.raw("GET", "/customers/acme/credit_notes?reason[]=typo&reason[]=other", "", nil)
		require.Equal(t, 200, got.status, got.body)
		assert.Contains(t, got.body, `"total_count":1`)
	})
	t.Run("self_billed is cast, never refused", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/credit_notes?self_billed=yes", "", nil)
		require.Equal(t, 200, got.status, got.body)
		assert.Contains(t, got.body, `"total_count":1`)
	})
	t.Run("a repeated billing entity is answered 404", func(t *testing.T) {
		_, err := h.client.ListCreditNotes(h.ctx(), "acme", &lago.ListCreditNotesOptions{BillingEntityCodes: []string{lagotest.DefaultBillingEntityCode, lagotest.DefaultBillingEntityCode}})
		requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	})
}
