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
// dispute is not lost and whose payment due date is before the time the
// job runs, and sets payment_overdue, which then stays set until the
// payment succeeds. An invoice due before today has been through a run of
// the job since its due date; one due today may or may not have been yet,
// depending on when the job last ran. This package runs the check when an
// invoice is added and before every invoice list, marking the invoices due
// before the server clock's day (UTC), and keeps what a test gave for an
// invoice due today.

// dueDay is the invoice's payment due date as midnight UTC, and whether it
// has one.
func dueDay(inv *gen.Invoice) (time.Time, bool) {
	if inv.PaymentDueDate == nil {
		return time.Time{}, false
	}
	d := inv.PaymentDueDate.Time
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
}

// today is midnight UTC of now's day.
func today(now time.Time) time.Time {
	now = now.UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// becomesOverdue reports whether Lago's overdue check has surely marked
// the invoice by now.
func becomesOverdue(inv *gen.Invoice, now time.Time) bool {
	due, ok := dueDay(inv)
	return ok && due.Before(today(now)) && !inv.PaymentOverdue && inv.Status == gen.InvoiceStatusFinalized &&
		inv.PaymentStatus != gen.InvoicePaymentStatusSucceeded && inv.PaymentDisputeLostAt == nil
}

// checkOverdue refuses an invoice given as overdue that Lago could not
// have marked: one due after the server clock's day, a draft, or one
// whose payment succeeded (a successful payment clears the mark). An
// overdue invoice may have been voided or have lost a dispute since it was
// marked, so those stay allowed.
func checkOverdue(inv *gen.Invoice, now time.Time) error {
	if !inv.PaymentOverdue {
		return nil
	}
	due, ok := dueDay(inv)
	switch {
	case ok && due.After(today(now)):
		return fmt.Errorf("%w: overdue with due date %s, after the server clock's day %s", ErrImpossibleInvoice,
			due.Format(time.DateOnly), now.UTC().Format(time.DateOnly))
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
