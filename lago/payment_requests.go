package lago

import (
	"context"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var paymentRequestList = newList(gen.OpFindAllCustomerPaymentRequests, func(p *gen.FindAllCustomerPaymentRequestsParams) **int64 { return &p.Page })

// ListPaymentRequestsOptions filters and pages ListPaymentRequests and
// AllPaymentRequests. The zero value of a field sends nothing for it.
type ListPaymentRequestsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// PaymentStatus keeps payment requests in this payment status. Lago
	// does not check it: a value it does not know matches nothing.
	PaymentStatus InvoicePaymentStatus
	// BillingEntityCodes keeps payment requests with at least one invoice
	// of these billing entities, archived ones included. An unknown code is
	// an error matching ErrNotFound.
	BillingEntityCodes []string
	// Currency keeps payment requests in this ISO 4217 currency.
	Currency string
}

func (o *ListPaymentRequestsOptions) params() (*gen.FindAllCustomerPaymentRequestsParams, error) {
	p := &gen.FindAllCustomerPaymentRequestsParams{}
	if o == nil {
		return p, nil
	}
	p.PaymentStatus = optionalString(o.PaymentStatus)
	p.BillingEntityCodes = o.BillingEntityCodes
	p.Currency = optionalString(o.Currency)
	return p, pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage)
}

// ListPaymentRequests returns one page of the customer's payment requests,
// newest first, each with the invoices it asks to pay. A nil opts lists
// the first page with no filter.
func (c *Client) ListPaymentRequests(ctx context.Context, externalCustomerID string, opts *ListPaymentRequestsOptions) (*PaymentRequestPage, error) {
	return listPage[PaymentRequestPage](ctx, c, paymentRequestList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerPaymentRequestsParams) (*http.Response, error) {
		return g.FindAllCustomerPaymentRequests(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllPaymentRequests iterates over every payment request that opts
// selects, as AllCustomers does over customers, starting at opts.Page. It
// ends at the first page without payment requests, whatever meta.next_page
// says, and goes on after a page shorter than PerPage, for the reasons
// AllCustomers gives. Each range starts over from opts.Page; ranges share
// no state, and opts is never changed.
func (c *Client) AllPaymentRequests(ctx context.Context, externalCustomerID string, opts *ListPaymentRequestsOptions) iter.Seq2[*PaymentRequest, error] {
	return listAll[PaymentRequest](ctx, c, paymentRequestList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerPaymentRequestsParams) (*http.Response, error) {
		return g.FindAllCustomerPaymentRequests(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
