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

var (
	appliedCouponList     = newList(gen.OpFindAllCustomerAppliedCoupons, func(p *gen.FindAllCustomerAppliedCouponsParams) **int64 { return &p.Page })
	opDeleteAppliedCoupon = newOperation(gen.OpDeleteAppliedCoupon)
)

func (o *ListAppliedCouponsOptions) params() (*gen.FindAllCustomerAppliedCouponsParams, error) {
	if o == nil {
		return &gen.FindAllCustomerAppliedCouponsParams{}, nil
	}
	p := &gen.FindAllCustomerAppliedCouponsParams{Status: optionalString(o.Status), CouponCode: o.CouponCodes}
	return p, pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage)
}

// ListAppliedCoupons returns one page of the coupons applied to the
// customer, newest first, each with the credits it produced. A nil opts
// lists the first page with no filter.
func (c *Client) ListAppliedCoupons(ctx context.Context, externalCustomerID string, opts *ListAppliedCouponsOptions) (*AppliedCouponPage, error) {
	return listPage[AppliedCouponPage](ctx, c, appliedCouponList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerAppliedCouponsParams) (*http.Response, error) {
		return g.FindAllCustomerAppliedCoupons(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// DeleteAppliedCoupon terminates a coupon applied to the customer. Its
// appliedCouponID is the applied coupon's LagoID, not the coupon's. The
// coupon is answered with status terminated and without credits; deleting
// it again answers the same.
func (c *Client) DeleteAppliedCoupon(ctx context.Context, externalCustomerID, appliedCouponID string) (*AppliedCoupon, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DeleteAppliedCoupon(ctx, externalCustomerID, appliedCouponID)
	}
	env, err := call[gen.AppliedCouponEnvelope](ctx, c, opDeleteAppliedCoupon, send, externalCustomerID, appliedCouponID)
	if err != nil {
		return nil, err
	}
	return &env.AppliedCoupon, nil
}

// AllAppliedCoupons iterates over every applied coupon that opts selects,
// as AllCustomers does over customers, starting at opts.Page. It ends at
// the first page without applied coupons, whatever meta.next_page says,
// and goes on after a page shorter than PerPage, for the reasons
// AllCustomers gives. Each range starts over from opts.Page; ranges share
// no state, and opts is never changed.
func (c *Client) AllAppliedCoupons(ctx context.Context, externalCustomerID string, opts *ListAppliedCouponsOptions) iter.Seq2[*AppliedCoupon, error] {
	return listAll[AppliedCoupon](ctx, c, appliedCouponList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerAppliedCouponsParams) (*http.Response, error) {
		return g.FindAllCustomerAppliedCoupons(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
