package lago

import (
	"context"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var paymentList = newList(gen.OpFindAllCustomerPayments, func(p *gen.FindAllCustomerPaymentsParams) **int64 { return &p.Page })

// ListPaymentsOptions filters and pages ListPayments and AllPayments. The
// zero value of a field sends nothing for it.
type ListPaymentsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// InvoiceID keeps the payments of the invoice with this LagoID and of
	// the payment requests that include it. One that is not a UUID is an
	// error matching ErrValidation; another customer's invoice gives an
	// empty list.
	InvoiceID string
}

func (o *ListPaymentsOptions) params() (*gen.FindAllCustomerPaymentsParams, error) {
	p := &gen.FindAllCustomerPaymentsParams{}
	if o == nil {
		return p, nil
	}
	p.InvoiceID = optionalString(o.InvoiceID)
	return p, pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage)
}

// ListPayments returns one page of the customer's payments, newest first:
// payments of invoices and of payment requests alike (see PayableType).
// Payments of invoices that are not visible, such as deleted drafts, are
// left out. A nil opts lists the first page.
func (c *Client) ListPayments(ctx context.Context, externalCustomerID string, opts *ListPaymentsOptions) (*PaymentPage, error) {
	return listPage[PaymentPage](ctx, c, paymentList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerPaymentsParams) (*http.Response, error) {
		return g.FindAllCustomerPayments(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllPayments iterates over every payment that opts selects, as
// AllCustomers does over customers, starting at opts.Page. It ends at the
// first page without payments, whatever meta.next_page says, and goes on
// after a page shorter than PerPage, for the reasons AllCustomers gives.
// Each range starts over from opts.Page; ranges share no state, and opts
// is never changed.
func (c *Client) AllPayments(ctx context.Context, externalCustomerID string, opts *ListPaymentsOptions) iter.Seq2[*Payment, error] {
	return listAll[Payment](ctx, c, paymentList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerPaymentsParams) (*http.Response, error) {
		return g.FindAllCustomerPayments(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
