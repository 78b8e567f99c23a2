package lagotest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// The harness clock reads 2026-11-14 09:30 UTC.
func TestAddInvoiceFollowsLagosOverdueCheck(t *testing.T) {
	yesterday, today, tomorrow := day(2026, time.November, 13), day(2026, time.November, 14), day(2026, time.November, 15)
	lost := epoch.Add(-time.Hour)
	tests := []struct {
		name    string
		inv     lago.Invoice
		overdue bool
		err     string
	}{
		{"not yet due: left as given", lago.Invoice{PaymentDueDate: &tomorrow}, false, ""},
		{"due today: the job may not have run yet, left as given", lago.Invoice{PaymentDueDate: &today}, false, ""},
		{"given overdue, due today: the job may have run, kept", lago.Invoice{PaymentDueDate: &today, PaymentOverdue: true}, true, ""},
		{"past due and unpaid: marked", lago.Invoice{PaymentDueDate: &yesterday}, true, ""},
		{"past due, payment failed: marked", lago.Invoice{PaymentDueDate: &yesterday, PaymentStatus: lago.InvoicePaymentStatusFailed}, true, ""},
		{"past due but paid: not marked", lago.Invoice{PaymentDueDate: &yesterday, PaymentStatus: lago.InvoicePaymentStatusSucceeded}, false, ""},
		{"past due draft: not marked", lago.Invoice{PaymentDueDate: &yesterday, Status: lago.InvoiceStatusDraft}, false, ""},
		{"past due voided: not marked", lago.Invoice{PaymentDueDate: &yesterday, Status: lago.InvoiceStatusVoided}, false, ""},
		{"past due, dispute lost: not marked", lago.Invoice{PaymentDueDate: &yesterday, PaymentDisputeLostAt: &lost}, false, ""},
		{"given overdue and past due: kept", lago.Invoice{PaymentDueDate: &yesterday, PaymentOverdue: true}, true, ""},
		{"given overdue, then voided: kept", lago.Invoice{PaymentDueDate: &yesterday, Status: lago.InvoiceStatusVoided, PaymentOverdue: true}, true, ""},
		{"given overdue, then dispute lost: kept", lago.Invoice{PaymentDueDate: &yesterday, PaymentDisputeLostAt: &lost, PaymentOverdue: true}, true, ""},
		{"given overdue before its due date: refused", lago.Invoice{PaymentDueDate: &tomorrow, PaymentOverdue: true}, false,
			"lagotest: Lago never gives an invoice this state: overdue with due date 2026-11-15, after the server clock's day 2026-11-14"},
		{"given overdue as a draft: refused", lago.Invoice{PaymentDueDate: &yesterday, Status: lago.InvoiceStatusDraft, PaymentOverdue: true}, false,
			"lagotest: Lago never gives an invoice this state: a draft invoice overdue"},
		{"given overdue and paid: refused", lago.Invoice{PaymentDueDate: &yesterday, PaymentStatus: lago.InvoicePaymentStatusSucceeded, PaymentOverdue: true}, false,
			"lagotest: Lago never gives an invoice this state: overdue with payment status succeeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.create(lago.CustomerInput{ExternalID: "acme"})
			got, err := h.srv.AddInvoice("acme", tt.inv)
			if tt.err != "" {
				require.ErrorIs(t, err, lagotest.ErrImpossibleInvoice)
				assert.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.overdue, got.PaymentOverdue)
			page, err := h.client.ListInvoices(h.ctx(), "acme", nil)
			require.NoError(t, err)
			require.Len(t, page.Invoices, 1)
			assert.Equal(t, tt.overdue, page.Invoices[0].PaymentOverdue)
		})
	}
}

func TestInvoicesBecomeOverdueAsTheServerClockPassesTheirDueDate(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", NetPaymentTerm: lago.Value[int64](30)})
	inv, err := h.srv.AddInvoice("acme", lago.Invoice{FeesAmountCents: 1000})
	require.NoError(t, err)
	require.Equal(t, lago.Ptr(day(2026, time.December, 14)), inv.PaymentDueDate)

	overdue := func() []bool {
		page, err := h.client.ListInvoices(h.ctx(), "acme", nil)
		require.NoError(t, err)
		var got []bool
		for _, inv := range page.Invoices {
			got = append(got, inv.PaymentOverdue)
		}
		return got
	}
	assert.Equal(t, []bool{false}, overdue(), "issued today, due in 30 days")
	h.clock.Advance(29 * 24 * time.Hour)
	assert.Equal(t, []bool{false}, overdue(), "2026-12-13: the day before the due date")
	h.clock.Advance(24 * time.Hour)
	assert.Equal(t, []bool{false}, overdue(), "2026-12-14: the due date itself, the job may not have run")
	h.clock.Advance(15 * time.Hour)
	assert.Equal(t, []bool{true}, overdue(), "2026-12-15 00:30: the day after the due date")

	page, err := h.client.ListInvoices(h.ctx(), "acme", &lago.ListInvoicesOptions{PaymentOverdue: lago.Ptr(true)})
	require.NoError(t, err)
	assert.Len(t, page.Invoices, 1, "the overdue filter sees the mark")
}
