package lago

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

var invoiceList = newList(gen.OpFindAllCustomerInvoices, func(p *gen.FindAllCustomerInvoicesParams) **int64 { return &p.Page })

// ListInvoicesOptions filters and pages ListInvoices and AllInvoices. The
// zero value of a field sends nothing for it; a nil pointer too.
type ListInvoicesOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// AmountFrom keeps invoices whose total_amount_cents is at least this.
	AmountFrom *int64
	// AmountTo keeps invoices whose total_amount_cents is at most this.
	AmountTo *int64
	// IssuingDateFrom keeps invoices issued on or after this day (its date
	// in its own location).
	IssuingDateFrom time.Time
	// IssuingDateTo keeps invoices issued on or before this day.
	IssuingDateTo time.Time
	// Status keeps invoices in this status. Without Status or Statuses,
	// Lago lists every status, drafts included. A value Lago does not know
	// is an error matching ErrValidation. Set Status or Statuses, not
	// both: Lago takes statuses[] as another name of the same filter and
	// reads only one of the two, so the client refuses the pair with
	// ErrInvalidArgument.
	Status InvoiceStatus
	// Statuses keeps invoices in one of these statuses (statuses[]).
	Statuses []InvoiceStatus
	// PaymentStatus keeps invoices in this payment status. As for Status,
	// set PaymentStatus or PaymentStatuses, not both.
	PaymentStatus InvoicePaymentStatus
	// PaymentStatuses keeps invoices in one of these payment statuses
	// (payment_statuses[]).
	PaymentStatuses []InvoicePaymentStatus
	// PaymentOverdue keeps invoices whose payment is overdue (true) or not
	// (false).
	PaymentOverdue *bool
	// SearchTerm keeps invoices whose number contains it, or whose LagoID
	// it is. Unlike the organization-wide list, it does not search the
	// customer's name, external_id or email.
	SearchTerm string
	// PaymentDisputeLost set to true keeps only invoices whose payment
	// dispute was lost. Lago reads any value, false included, as true, so
	// there is no filter for the other invoices: the client refuses false
	// with ErrInvalidArgument rather than send it.
	PaymentDisputeLost *bool
	// InvoiceTypes keeps invoices of one of these types. A type Lago does
	// not know matches no invoice.
	InvoiceTypes []InvoiceType
	// SelfBilled keeps self-billed invoices (true) or the others (false).
	SelfBilled *bool
	// Metadata keeps invoices having every key with its value; an empty
	// value keeps invoices that lack the key. Keys must not contain
	// brackets.
	Metadata map[string]string
	// Currency keeps invoices in this ISO 4217 currency.
	Currency string
	// PurchaseOrderNumber keeps invoices with this purchase order number,
	// compared ignoring case.
	PurchaseOrderNumber string
	// PartiallyPaid keeps partly paid invoices (true) or the others
	// (false).
	PartiallyPaid *bool
	// Settlements keeps invoices settled in one of these ways. Lago drops
	// a value it does not know without a word, so the client refuses one
	// with ErrInvalidArgument.
	Settlements []InvoiceSettlement
	// BillingEntityCodes keeps invoices of these billing entities, archived
	// ones included. An unknown or repeated code is an error matching
	// ErrNotFound.
	BillingEntityCodes []string
}

func (o *ListInvoicesOptions) params() (*gen.FindAllCustomerInvoicesParams, error) {
	if o == nil {
		return &gen.FindAllCustomerInvoicesParams{}, nil
	}
	p := &gen.FindAllCustomerInvoicesParams{
		AmountFrom:          o.AmountFrom,
		AmountTo:            o.AmountTo,
		IssuingDateFrom:     optionalDate(o.IssuingDateFrom),
		IssuingDateTo:       optionalDate(o.IssuingDateTo),
		Status:              optionalString(o.Status),
		Statuses:            o.Statuses,
		PaymentStatus:       optionalString(o.PaymentStatus),
		PaymentStatuses:     o.PaymentStatuses,
		PaymentOverdue:      o.PaymentOverdue,
		SearchTerm:          optionalString(o.SearchTerm),
		PaymentDisputeLost:  o.PaymentDisputeLost,
		InvoiceType:         o.InvoiceTypes,
		SelfBilled:          o.SelfBilled,
		Metadata:            o.Metadata,
		Currency:            optionalString(o.Currency),
		PurchaseOrderNumber: optionalString(o.PurchaseOrderNumber),
		PartiallyPaid:       o.PartiallyPaid,
		Settlements:         o.Settlements,
		BillingEntityCodes:  o.BillingEntityCodes,
	}
	if err := pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage); err != nil {
		return p, err
	}
	return p, o.check()
}

// check refuses what Lago would misread or drop without a word.
func (o *ListInvoicesOptions) check() error {
	if err := checkOneOf("Status", "Statuses", o.Status != "", len(o.Statuses) > 0); err != nil {
		return err
	}
	if err := checkOneOf("PaymentStatus", "PaymentStatuses", o.PaymentStatus != "", len(o.PaymentStatuses) > 0); err != nil {
		return err
	}
	if o.PaymentDisputeLost != nil && !*o.PaymentDisputeLost {
		return fmt.Errorf("%w: payment_dispute_lost=false acts as true on Lago; leave PaymentDisputeLost nil", ErrInvalidArgument)
	}
	if err := checkKnown("settlements", o.Settlements); err != nil {
		return err
	}
	for k := range o.Metadata {
		if err := checkMetadataKey(k); err != nil {
			return err
		}
	}
	return nil
}

// ListInvoices returns one page of the customer's invoices, latest issuing
// date first, each with its customer, metadata and taxes. A nil opts lists
// the first page with no filter, which includes drafts.
//
// Lago may cache the count behind meta for the whole organization rather
// than for this customer, so TotalCount, TotalPages and NextPage can be
// too large: a page shorter than PerPage is the last one.
func (c *Client) ListInvoices(ctx context.Context, externalCustomerID string, opts *ListInvoicesOptions) (*InvoicePage, error) {
	return listPage[InvoicePage](ctx, c, invoiceList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerInvoicesParams) (*http.Response, error) {
		return g.FindAllCustomerInvoices(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllInvoices iterates over every invoice that opts selects, as
// AllCustomers does over customers, starting at opts.Page. It ends at the
// first page without invoices, whatever meta.next_page says: with the
// count cache ListInvoices describes, next_page can go on for as many
// pages as the organization has invoices. It goes on after a page shorter
// than PerPage, for the reasons AllCustomers gives, so the walk costs one
// request more than the customer's pages. Each range starts over from
// opts.Page; ranges share no state, and opts is never changed.
func (c *Client) AllInvoices(ctx context.Context, externalCustomerID string, opts *ListInvoicesOptions) iter.Seq2[*Invoice, error] {
	return listAll[Invoice](ctx, c, invoiceList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerInvoicesParams) (*http.Response, error) {
		return g.FindAllCustomerInvoices(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
