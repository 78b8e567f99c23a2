package lago

import (
	"context"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var (
	paymentMethodList         = newList(gen.OpFindAllCustomersPaymentMethods, func(p *gen.FindAllCustomersPaymentMethodsParams) **int64 { return &p.Page })
	opSetDefaultPaymentMethod = newOperation(gen.OpPaymentMethodSetAsDefault)
	opDeletePaymentMethod     = newOperation(gen.OpDestroyPaymentMethod)
)

// ListPaymentMethodsOptions pages ListPaymentMethods and AllPaymentMethods;
// Lago offers no filter on this list.
type ListPaymentMethodsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
}

func (o *ListPaymentMethodsOptions) params() (*gen.FindAllCustomersPaymentMethodsParams, error) {
	p := &gen.FindAllCustomersPaymentMethodsParams{}
	if o == nil {
		return p, nil
	}
	return p, pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage)
}

// ListPaymentMethods returns one page of the customer's payment methods,
// newest first; deleted ones are left out. A nil opts lists the first
// page.
func (c *Client) ListPaymentMethods(ctx context.Context, externalCustomerID string, opts *ListPaymentMethodsOptions) (*PaymentMethodPage, error) {
	return listPage[PaymentMethodPage](ctx, c, paymentMethodList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomersPaymentMethodsParams) (*http.Response, error) {
		return g.FindAllCustomersPaymentMethods(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllPaymentMethods iterates over every payment method of the customer, as
// AllCustomers does over customers, starting at opts.Page. It ends at the
// first page without payment methods, whatever meta.next_page says, and
// goes on after a page shorter than PerPage, for the reasons AllCustomers
// gives. Each range starts over from opts.Page; ranges share no state, and
// opts is never changed.
func (c *Client) AllPaymentMethods(ctx context.Context, externalCustomerID string, opts *ListPaymentMethodsOptions) iter.Seq2[*PaymentMethod, error] {
	return listAll[PaymentMethod](ctx, c, paymentMethodList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomersPaymentMethodsParams) (*http.Response, error) {
		return g.FindAllCustomersPaymentMethods(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// SetDefaultPaymentMethod makes the payment method whose LagoID is
// paymentMethodID the customer's default; every other method of the
// customer stops being it. Setting the default again answers it
// unchanged. An unknown or deleted method is an error matching
// ErrNotFound; while another change of the customer's default holds
// Lago's lock, the error matches ErrValidation with code
// lock_acquisition_failed, and trying again later is safe.
func (c *Client) SetDefaultPaymentMethod(ctx context.Context, externalCustomerID, paymentMethodID string) (*PaymentMethod, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.PaymentMethodSetAsDefault(ctx, externalCustomerID, paymentMethodID)
	}
	return paymentMethodCall(ctx, c, opSetDefaultPaymentMethod, send, externalCustomerID, paymentMethodID)
}

// DeletePaymentMethod deletes the payment method whose LagoID is
// paymentMethodID and returns it, no longer the default. The delete is
// Lago's alone: the payment provider keeps the method, no other method
// becomes the default, and subscriptions or wallets that name it keep
// naming it. Deleting it again is an error matching ErrNotFound, so a
// retried delete whose first attempt reached Lago answers ErrNotFound.
func (c *Client) DeletePaymentMethod(ctx context.Context, externalCustomerID, paymentMethodID string) (*PaymentMethod, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DestroyPaymentMethod(ctx, externalCustomerID, paymentMethodID)
	}
	return paymentMethodCall(ctx, c, opDeletePaymentMethod, send, externalCustomerID, paymentMethodID)
}

// paymentMethodCall runs an operation that answers one payment method.
func paymentMethodCall(ctx context.Context, c *Client, op *operation, send sender, pathArgs ...string) (*PaymentMethod, error) {
	env, err := call[gen.PaymentMethodEnvelope](ctx, c, op, send, pathArgs...)
	if err != nil {
		return nil, err
	}
	return &env.PaymentMethod, nil
}
