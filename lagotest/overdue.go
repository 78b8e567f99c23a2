package lagotest

import (
	"errors"
	"fmt"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// ErrImpossibleInvoice is returned by AddInvoice when the invoice is in a
// state Lago never gives one, such as overdue before its due date.
var ErrImpossibleInvoice = errors.New("lagotest: Lago never gives an invoice this state")

// Lago marks invoices overdue in a periodic job rather than when they are
// read: it takes finalized invoices whose payment has not succeeded, whose
// dispute is not lost and whose payment due date is before the current
// time, and sets payment_overdue, which then stays set until the payment
// succeeds. The due date is a date, compared as midnight UTC, so an
// invoice due today is past due from the first second of the day.
// This package runs the same check when an invoice is added and before every
// invoice list, as if the job had just run.

// dueBefore reports whether the invoice's payment due date is before now.
func dueBefore(inv *gen.Invoice, now time.Time) bool {
	if inv.PaymentDueDate == nil {
		return false
	}
	d := inv.PaymentDueDate.Time
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Before(now)
}

// becomesOverdue reports whether Lago's overdue check marks the invoice.
func becomesOverdue(inv *gen.Invoice, now time.Time) bool {
	return !inv.PaymentOverdue && inv.Status == gen.InvoiceStatusFinalized &&
		inv.PaymentStatus != gen.InvoicePaymentStatusSucceeded && inv.PaymentDisputeLostAt == nil &&
		dueBefore(inv, now)
}

// checkOverdue refuses an invoice given as overdue that Lago could not
// have marked: one not yet due, a draft, or one whose payment succeeded
// (a successful payment clears the mark). An overdue invoice may have been
// voided or have lost a dispute since it was marked, so those stay allowed.
func checkOverdue(inv *gen.Invoice, now time.Time) error {
	if !inv.PaymentOverdue {
		return nil
	}
	switch {
	case !dueBefore(inv, now):
		due := "no due date"
		if inv.PaymentDueDate != nil {
			due = "due date " + inv.PaymentDueDate.Format(time.DateOnly)
		}
		return fmt.Errorf("%w: overdue with %s, not before the server clock's %s", ErrImpossibleInvoice, due, now.Format(time.RFC3339))
	case inv.Status == gen.InvoiceStatusDraft:
		return fmt.Errorf("%w: a draft invoice overdue", ErrImpossibleInvoice)
	case inv.PaymentStatus == gen.InvoicePaymentStatusSucceeded:
		return fmt.Errorf("%w: overdue with payment status succeeded", ErrImpossibleInvoice)
	}
	return nil
}

// markOverdue runs Lago's overdue check on every invoice of the store.
func (st *store) markOverdue(now time.Time) {
	for _, cust := range st.customers {
		for _, inv := range cust.invoices {
			if becomesOverdue(inv, now) {
				inv.PaymentOverdue = true
			}
		}
	}
}
