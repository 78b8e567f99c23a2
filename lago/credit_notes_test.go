package lago_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestListCreditNotesSendsEveryFilter(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "credit-notes.json"))
	page, err := f.Client().ListCreditNotes(t.Context(), "acme-eu-042", &lago.ListCreditNotesOptions{
		Page:                1,
		PerPage:             10,
		IssuingDateFrom:     time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC),
		IssuingDateTo:       time.Date(2026, time.November, 30, 0, 0, 0, 0, time.UTC),
		SearchTerm:          "CN00",
		Reasons:             []lago.CreditNoteReason{lago.CreditNoteReasonDuplicatedCharge, lago.CreditNoteReasonOrderCancellation},
		CreditStatuses:      []lago.CreditNoteCreditStatus{lago.CreditNoteCreditStatusAvailable},
		RefundStatuses:      []lago.CreditNoteRefundStatus{lago.CreditNoteRefundStatusFailed, lago.CreditNoteRefundStatusPending},
		InvoiceNumber:       "ACM-7F3A-042-007",
		AmountFrom:          lago.Ptr[int64](100),
		AmountTo:            lago.Ptr[int64](0),
		SelfBilled:          lago.Ptr(true),
		Currency:            "EUR",
		BillingEntityCodes:  []string{"acme_eu"},
		PurchaseOrderNumber: "PO-2026-118",
		Types:               []lago.CreditNoteType{lago.CreditNoteTypeCredit, lago.CreditNoteTypeRefund},
	})
	require.NoError(t, err)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/credit_notes", Query: url.Values{
		"page":                   {"1"},
		"per_page":               {"10"},
		"issuing_date_from":      {"2026-11-01"},
		"issuing_date_to":        {"2026-11-30"},
		"search_term":            {"CN00"},
		"reason[]":               {"duplicated_charge", "order_cancellation"},
		"credit_status[]":        {"available"},
		"refund_status[]":        {"failed", "pending"},
		"invoice_number":         {"ACM-7F3A-042-007"},
		"amount_from":            {"100"},
		"amount_to":              {"0"},
		"self_billed":            {"true"},
		"currency":               {"EUR"},
		"billing_entity_codes[]": {"acme_eu"},
		"purchase_order_number":  {"PO-2026-118"},
		"types[]":                {"credit", "refund"},
	}}, fakelago.OnlyRequest(t, f))

	require.Len(t, page.CreditNotes, 2)
	cn := page.CreditNotes[0]
	assert.Equal(t, lago.CreditNoteReasonDuplicatedCharge, cn.Reason)
	assert.Equal(t, map[string]*string{"ticket": lago.Ptr("SUP-4411"), "reviewed_by": nil}, cn.Metadata)
	require.Len(t, cn.Items, 2)
	assert.InDelta(t, 12000.0, cn.Items[0].Fee.PreciseAmount, 0)
	assert.Equal(t, "1500.0", cn.Items[0].Fee.TotalAggregatedUnits)
	assert.Equal(t, lago.FeeItemTypeProduct, cn.Items[1].Fee.Item.Type)
	assert.Nil(t, page.CreditNotes[1].Metadata)
	assert.Equal(t, lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 2}, page.Meta)
}
