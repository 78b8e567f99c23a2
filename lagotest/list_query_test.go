package lagotest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// numbersOf reads the numbers of the documents a list answered, in order.
func numbersOf(t *testing.T, body, key string) []string {
	t.Helper()
	var page map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(body), &page), body)
	var docs []struct {
		Number string `json:"number"`
	}
	require.NoError(t, json.Unmarshal(page[key], &docs), body)
	var out []string
	for _, d := range docs {
		out = append(out, d.Number)
	}
	return out
}

// Rails hands name=v and name[]=v to Lago under the same key, so every
// filter Lago reads that way answers its single and its list form alike:
// the same status and the same body, byte for byte.
func TestFilterFormsAnswerAlike(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	addInvoice := func(inv lago.Invoice) {
		h.clock.Advance(time.Minute)
		_, err := h.srv.AddInvoice("acme", inv)
		require.NoError(t, err)
	}
	addInvoice(lago.Invoice{Number: "INV-DRAFT", Status: lago.InvoiceStatusDraft, IssuingDate: day(2026, time.November, 10), FeesAmountCents: 500})
	addInvoice(lago.Invoice{Number: "INV-PAID", PaymentStatus: lago.InvoicePaymentStatusSucceeded, IssuingDate: day(2026, time.October, 1),
		FeesAmountCents: 9000, TotalPaidAmountCents: 9000})
	addInvoice(lago.Invoice{Number: "INV-PART", IssuingDate: day(2026, time.September, 5), FeesAmountCents: 4000,
		InvoiceType: lago.InvoiceTypeAdvanceCharges, TotalOffsettedCreditNoteAmountCents: 100})
	addNote := func(cn lago.CreditNote) {
		h.clock.Advance(time.Minute)
		_, err := h.srv.AddCreditNote("acme", cn)
		require.NoError(t, err)
	}
	addNote(lago.CreditNote{Number: "CN-CREDIT", Reason: lago.CreditNoteReasonDuplicatedCharge, CreditAmountCents: 1000})
	addNote(lago.CreditNote{Number: "CN-REFUND", Reason: lago.CreditNoteReasonOrderCancellation, RefundAmountCents: 8000})
	addNote(lago.CreditNote{Number: "CN-OFFSET", Reason: lago.CreditNoteReasonOther, OffsetAmountCents: 500})

	const invoices, creditNotes = "/customers/acme/invoices", "/customers/acme/credit_notes"
	tests := []struct {
		list, name, value string
		status            int
		// want is the documents listed, when the response is 200.
		want []string
	}{
		{invoices, "status", "draft", 200, []string{"INV-DRAFT"}},
		{invoices, "statuses", "finalized", 200, []string{"INV-PAID", "INV-PART"}},
		{invoices, "payment_status", "succeeded", 200, []string{"INV-PAID"}},
		{invoices, "payment_statuses", "pending", 200, []string{"INV-DRAFT", "INV-PART"}},
		{invoices, "invoice_type", "advance_charges", 200, []string{"INV-PART"}},
		{invoices, "invoice_type", "gift", 200, nil},
		{invoices, "settlements", "credit_note", 200, []string{"INV-PART"}},
		{invoices, "settlements", "wallet", 200, []string{"INV-DRAFT", "INV-PAID", "INV-PART"}},
		{invoices, "status", "deleted", 422, nil},
		{invoices, "payment_statuses", "lost", 422, nil},
		{creditNotes, "reason", "other", 200, []string{"CN-OFFSET"}},
		{creditNotes, "reason", "typo", 200, []string{"CN-OFFSET", "CN-REFUND", "CN-CREDIT"}},
		{creditNotes, "credit_status", "available", 200, []string{"CN-CREDIT"}},
		{creditNotes, "refund_status", "pending", 200, []string{"CN-REFUND"}},
		{creditNotes, "types", "refund", 200, []string{"CN-REFUND"}},
	}
	for _, tt := range tests {
		t.Run(tt.list+" "+tt.name+"="+tt.value, func(t *testing.T) {
			single := h.raw(http.MethodGet, tt.list+"?"+url.Values{tt.name: {tt.value}}.Encode(), "", nil)
			list := h.raw(http.MethodGet, tt.list+"?"+url.Values{tt.name + "[]": {tt.value}}.Encode(), "", nil)
			require.Equal(t, tt.status, single.status, single.body)
			require.Equal(t, tt.status, list.status, list.body)
			assert.Equal(t, single.body, list.body)
			if tt.status == 200 {
				key := "invoices"
				if tt.list == creditNotes {
					key = "credit_notes"
				}
				assert.Equal(t, tt.want, numbersOf(t, single.body, key))
			}
		})
	}

	t.Run("the error names the filter, whatever its form", func(t *testing.T) {
		want := `{"status":422,"error":"Unprocessable Entity","code":"validation_errors",
			"error_details":{"status":["must be one of: draft, finalized, voided, failed, pending"]}}`
		for _, query := range []string{"status=deleted", "status[]=deleted", "statuses=deleted", "statuses[]=deleted"} {
			requireAnswer(t, h.raw(http.MethodGet, invoices+"?"+query, "", nil), 422, want)
		}
	})
	t.Run("status wins over statuses, as in Lago", func(t *testing.T) {
		got := h.raw(http.MethodGet, invoices+"?status=draft&statuses[]=finalized", "", nil)
		require.Equal(t, 200, got.status, got.body)
		assert.Equal(t, []string{"INV-DRAFT"}, numbersOf(t, got.body, "invoices"))
	})
	t.Run("of a repeated single value the last counts", func(t *testing.T) {
		got := h.raw(http.MethodGet, creditNotes+"?reason=other&reason=duplicated_charge", "", nil)
		require.Equal(t, 200, got.status, got.body)
		assert.Equal(t, []string{"CN-CREDIT"}, numbersOf(t, got.body, "credit_notes"))
	})
}
