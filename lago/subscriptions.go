package lago

import (
	"context"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var subscriptionList = newList(gen.OpFindAllCustomerSubscriptions, func(p *gen.FindAllCustomerSubscriptionsParams) **int64 { return &p.Page })

// ListSubscriptionsOptions filters and pages ListSubscriptions and
// AllSubscriptions. The zero value of a field sends nothing for it; a nil
// pointer too.
type ListSubscriptionsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// PlanCode keeps subscriptions to the plan with exactly this code.
	PlanCode string
	// Statuses keeps subscriptions in one of these statuses. Without any,
	// Lago lists active subscriptions only. One status Lago does not know
	// makes it drop the whole filter and list every status, so the client
	// refuses such a value with ErrInvalidArgument.
	Statuses []SubscriptionStatus
	// BillingEntityCodes keeps subscriptions of these billing entities
	// (the subscription's own, else the customer's). An unknown or repeated
	// code is an error matching ErrNotFound.
	BillingEntityCodes []string
	// ExternalID keeps the subscription with exactly this external_id.
	ExternalID string
	// Currency keeps subscriptions whose plan is in this ISO 4217 currency.
	Currency string
	// Overridden keeps subscriptions on plans overridden for them (true) or
	// on their parent plans (false).
	Overridden *bool
}

func (o *ListSubscriptionsOptions) params() (*gen.FindAllCustomerSubscriptionsParams, error) {
	if o == nil {
		return &gen.FindAllCustomerSubscriptionsParams{}, nil
	}
	p := &gen.FindAllCustomerSubscriptionsParams{
		PlanCode:           optionalString(o.PlanCode),
		Status:             o.Statuses,
		BillingEntityCodes: o.BillingEntityCodes,
		ExternalID:         optionalString(o.ExternalID),
		Currency:           optionalString(o.Currency),
		Overridden:         o.Overridden,
	}
	if err := pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage); err != nil {
		return p, err
	}
	return p, checkKnown("status", o.Statuses)
}

// ListSubscriptions returns one page of the customer's subscriptions,
// latest start first. A nil opts lists the first page of its active
// subscriptions only, as Lago does without a status filter.
func (c *Client) ListSubscriptions(ctx context.Context, externalCustomerID string, opts *ListSubscriptionsOptions) (*SubscriptionPage, error) {
	return listPage[SubscriptionPage](ctx, c, subscriptionList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerSubscriptionsParams) (*http.Response, error) {
		return g.FindAllCustomerSubscriptions(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllSubscriptions iterates over every subscription that opts selects, as
// AllCustomers does over customers, starting at opts.Page. It ends at the
// first page without subscriptions, whatever meta.next_page says, and goes
// on after a page shorter than PerPage, for the reasons AllCustomers
// gives. Each range starts over from opts.Page; ranges share no state, and
// opts is never changed.
func (c *Client) AllSubscriptions(ctx context.Context, externalCustomerID string, opts *ListSubscriptionsOptions) iter.Seq2[*Subscription, error] {
	return listAll[Subscription](ctx, c, subscriptionList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerSubscriptionsParams) (*http.Response, error) {
		return g.FindAllCustomerSubscriptions(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
