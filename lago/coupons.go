package lago

import (
	"context"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// ListAppliedCouponsOptions filters and pages ListAppliedCoupons. The zero
// value of a field sends nothing for it.
type ListAppliedCouponsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// Status keeps applied coupons in this state. Lago ignores a value it
	// does not know rather than refusing it.
	Status AppliedCouponStatus
	// CouponCodes keeps applied coupons of these coupon codes.
	CouponCodes []string
}

func (o *ListAppliedCouponsOptions) params() (*gen.FindAllCustomerAppliedCouponsParams, error) {
	p := &gen.FindAllCustomerAppliedCouponsParams{}
	if o == nil {
		return p, nil
	}
	if err := checkPaging(o.Page, o.PerPage); err != nil {
		return p, err
	}
	p.Page = optionalInt(o.Page)
	p.PerPage = optionalInt(o.PerPage)
	if o.Status != "" {
		p.Status = &o.Status
	}
	p.CouponCode = o.CouponCodes
	return p, nil
}

// ListAppliedCoupons returns one page of the coupons applied to the
// customer, newest first, each with the credits it produced. A nil opts
// lists the first page with no filter.
func (c *Client) ListAppliedCoupons(ctx context.Context, externalCustomerID string, opts *ListAppliedCouponsOptions) (*AppliedCouponPage, error) {
	params, err := opts.params()
	send := func(ctx context.Context) (*http.Response, error) {
		return c.gen.FindAllCustomerAppliedCoupons(ctx, externalCustomerID, params)
	}
	return listPage[AppliedCouponPage](ctx, c, opListAppliedCoupons, err, send, externalCustomerID)
}

// DeleteAppliedCoupon terminates a coupon applied to the customer.
// appliedCouponID is the applied coupon's LagoID, not the coupon's. The
// coupon is answered with status terminated and without credits; deleting
// it again answers the same.
func (c *Client) DeleteAppliedCoupon(ctx context.Context, externalCustomerID, appliedCouponID string) (*AppliedCoupon, error) {
	send := func(ctx context.Context) (*http.Response, error) {
		return c.gen.DeleteAppliedCoupon(ctx, externalCustomerID, appliedCouponID)
	}
	env, err := call[gen.AppliedCouponEnvelope](ctx, c, opDeleteAppliedCoupon, send, externalCustomerID, appliedCouponID)
	if err != nil {
		return nil, err
	}
	return &env.AppliedCoupon, nil
}

// AllAppliedCoupons iterates over every applied coupon that opts selects,
// as AllCustomers does over customers, starting at opts.Page.
func (c *Client) AllAppliedCoupons(ctx context.Context, externalCustomerID string, opts *ListAppliedCouponsOptions) iter.Seq2[*AppliedCoupon, error] {
	params, err := opts.params()
	send := func(ctx context.Context) (*http.Response, error) {
		return c.gen.FindAllCustomerAppliedCoupons(ctx, externalCustomerID, params)
	}
	return walk[AppliedCoupon](ctx, c, opListAppliedCoupons, err, &params.Page, send, externalCustomerID)
}
