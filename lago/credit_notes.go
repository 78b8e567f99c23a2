package lago

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

var creditNoteList = newList(gen.OpFindAllCustomerCreditNotes, func(p *gen.FindAllCustomerCreditNotesParams) **int64 { return &p.Page })

// ListCreditNotesOptions filters and pages ListCreditNotes and
// AllCreditNotes. The zero value of a field sends nothing for it; a nil
// pointer too.
//
// Lago drops a value of Reasons, CreditStatuses, RefundStatuses or Types
// that it does not know without a word, and turns the whole filter off
// when none is left, so the client refuses such a value with
// ErrInvalidArgument.
type ListCreditNotesOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// IssuingDateFrom keeps credit notes issued on or after this day (its
	// date in its own location).
	IssuingDateFrom time.Time
	// IssuingDateTo keeps credit notes issued on or before this day.
	IssuingDateTo time.Time
	// SearchTerm keeps credit notes whose number or id contains it. Lago
	// also matches it against the customer's name, firstname, lastname,
	// external_id and email, so a term that matches this customer keeps
	// all its credit notes.
	SearchTerm string
	// Reasons keeps credit notes issued for one of these reasons.
	Reasons []CreditNoteReason
	// CreditStatuses keeps credit notes in one of these credit statuses.
	CreditStatuses []CreditNoteCreditStatus
	// RefundStatuses keeps credit notes in one of these refund statuses.
	RefundStatuses []CreditNoteRefundStatus
	// InvoiceNumber keeps the credit notes of the invoice with exactly this
	// number.
	InvoiceNumber string
	// AmountFrom keeps credit notes whose total_amount_cents is at least
	// this.
	AmountFrom *int64
	// AmountTo keeps credit notes whose total_amount_cents is at most this.
	AmountTo *int64
	// SelfBilled keeps the credit notes of self-billed invoices (true) or
	// of the others (false).
	SelfBilled *bool
	// Currency keeps credit notes in this ISO 4217 currency.
	Currency string
	// BillingEntityCodes keeps credit notes of these active billing
	// entities. An unknown, archived or repeated code is an error matching
	// ErrNotFound.
	BillingEntityCodes []string
	// PurchaseOrderNumber keeps credit notes whose invoice has this
	// purchase order number, compared ignoring case.
	PurchaseOrderNumber string
	// Types keeps credit notes with a positive amount of one of these
	// kinds: credited, refunded or offset.
	Types []CreditNoteType
}

func (o *ListCreditNotesOptions) params() (*gen.FindAllCustomerCreditNotesParams, error) {
	if o == nil {
		return &gen.FindAllCustomerCreditNotesParams{}, nil
	}
	p := &gen.FindAllCustomerCreditNotesParams{
		IssuingDateFrom:     optionalDate(o.IssuingDateFrom),
		IssuingDateTo:       optionalDate(o.IssuingDateTo),
		SearchTerm:          optionalString(o.SearchTerm),
		Reason:              o.Reasons,
		CreditStatus:        o.CreditStatuses,
		RefundStatus:        o.RefundStatuses,
		InvoiceNumber:       optionalString(o.InvoiceNumber),
		AmountFrom:          o.AmountFrom,
		AmountTo:            o.AmountTo,
		SelfBilled:          o.SelfBilled,
		Currency:            optionalString(o.Currency),
		BillingEntityCodes:  o.BillingEntityCodes,
		PurchaseOrderNumber: optionalString(o.PurchaseOrderNumber),
		Types:               o.Types,
	}
	if err := pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage); err != nil {
		return p, err
	}
	return p, errors.Join(
		checkKnown("reason", o.Reasons),
		checkKnown("credit_status", o.CreditStatuses),
		checkKnown("refund_status", o.RefundStatuses),
		checkKnown("types", o.Types),
	)
}

// ListCreditNotes returns one page of the customer's finalized credit
// notes, newest first, each with its items, taxes and customer; drafts
// are never listed. A nil opts lists the first page with no filter.
func (c *Client) ListCreditNotes(ctx context.Context, externalCustomerID string, opts *ListCreditNotesOptions) (*CreditNotePage, error) {
	return listPage[CreditNotePage](ctx, c, creditNoteList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerCreditNotesParams) (*http.Response, error) {
		return g.FindAllCustomerCreditNotes(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllCreditNotes iterates over every credit note that opts selects, as
// AllCustomers does over customers, starting at opts.Page. It ends at the
// first page without credit notes, whatever meta.next_page says, and goes
// on after a page shorter than PerPage, for the reasons AllCustomers
// gives. Each range starts over from opts.Page; ranges share no state, and
// opts is never changed.
func (c *Client) AllCreditNotes(ctx context.Context, externalCustomerID string, opts *ListCreditNotesOptions) iter.Seq2[*CreditNote, error] {
	return listAll[CreditNote](ctx, c, creditNoteList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerCreditNotesParams) (*http.Response, error) {
		return g.FindAllCustomerCreditNotes(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
