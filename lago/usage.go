package lago

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var (
	opGetCurrentUsage   = newOperation(gen.OpFindCustomerCurrentUsage)
	pastUsageList       = newList(gen.OpFindAllCustomerPastUsage, func(p *gen.FindAllCustomerPastUsageParams) **int64 { return &p.Page })
	opGetProjectedUsage = newOperation(gen.OpFindCustomerProjectedUsage)
)

// CurrentUsageOptions selects the usage GetCurrentUsage returns.
// ExternalSubscriptionID is required; the zero value of any other field
// sends nothing for it.
type CurrentUsageOptions struct {
	// ExternalSubscriptionID is the external_id of an active subscription
	// of the customer. Lago answers ErrNotAllowed (no_active_subscription)
	// for one that is unknown or ended.
	ExternalSubscriptionID string
	// ApplyTaxes set to false leaves taxes out; Lago applies them by default.
	ApplyTaxes *bool
	// ChargeID keeps only the charge with this Lago id; it wins over
	// ChargeCode and BillableMetricCode.
	ChargeID string
	// ChargeCode keeps only the charge with this code; it wins over
	// BillableMetricCode.
	ChargeCode string
	// BillableMetricCode keeps only the charges of this billable metric.
	BillableMetricCode string
	// Group keeps only the usage of this pricing group, by key and value.
	Group map[string]string
	// FullUsage asks for usage since the subscription started. It needs a
	// charge or group filter; otherwise Lago answers ErrNotAllowed
	// (full_usage_not_allowed).
	FullUsage bool
	// FilterByPresentation keeps only the presentation breakdowns with these
	// values. nil sends nothing; an empty, non-nil slice drops every
	// presentation breakdown.
	FilterByPresentation []string
	// SkipGrouping leaves grouped usage out of the response.
	SkipGrouping bool

	// Deprecated: use ChargeID.
	FilterByChargeID string
	// Deprecated: use ChargeCode.
	FilterByChargeCode string
	// Deprecated: use BillableMetricCode.
	FilterByMetricCode string
	// Deprecated: use Group.
	FilterByGroup map[string]string
}

func (o *CurrentUsageOptions) params() (*gen.FindCustomerCurrentUsageParams, error) {
	if err := checkSubscription(o.ExternalSubscriptionID); err != nil {
		return nil, err
	}
	p := &gen.FindCustomerCurrentUsageParams{
		ExternalSubscriptionID: o.ExternalSubscriptionID,
		ApplyTaxes:             o.ApplyTaxes,
		ChargeID:               optionalString(o.ChargeID),
		ChargeCode:             optionalString(o.ChargeCode),
		BillableMetricCode:     optionalString(o.BillableMetricCode),
		Group:                  o.Group,
		FilterByChargeID:       optionalString(o.FilterByChargeID),
		FilterByChargeCode:     optionalString(o.FilterByChargeCode),
		FilterByMetricCode:     optionalString(o.FilterByMetricCode),
		FilterByGroup:          o.FilterByGroup,
	}
	if o.FullUsage {
		p.FullUsage = &o.FullUsage
	}
	if o.SkipGrouping {
		p.SkipGrouping = &o.SkipGrouping
	}
	if o.FilterByPresentation != nil {
		values, err := json.Marshal(o.FilterByPresentation)
		if err != nil {
			return nil, err
		}
		s := string(values)
		p.FilterByPresentation = &s
	}
	return p, nil
}

// GetCurrentUsage returns the usage of one subscription of the customer in
// its current billing period.
func (c *Client) GetCurrentUsage(ctx context.Context, externalCustomerID string, opts CurrentUsageOptions) (*CustomerUsage, error) {
	params, err := opts.params()
	if err != nil {
		return nil, fmt.Errorf("lago: %s: %w", opGetCurrentUsage, err)
	}
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.FindCustomerCurrentUsage(ctx, externalCustomerID, params)
	}
	env, err := call[gen.CustomerUsageEnvelope](ctx, c, opGetCurrentUsage, send, externalCustomerID)
	if err != nil {
		return nil, err
	}
	return &env.CustomerUsage, nil
}

// PastUsageOptions selects the periods ListPastUsage returns.
// ExternalSubscriptionID is required; the zero value of any other field
// sends nothing for it.
type PastUsageOptions struct {
	// ExternalSubscriptionID is the external_id of the subscription, which
	// may have ended.
	ExternalSubscriptionID string
	// BillableMetricCode keeps only the charges of this billable metric.
	BillableMetricCode string
	// PeriodsCount returns at most this many periods.
	PeriodsCount int
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
}

func (o *PastUsageOptions) params() (*gen.FindAllCustomerPastUsageParams, error) {
	p := &gen.FindAllCustomerPastUsageParams{
		ExternalSubscriptionID: o.ExternalSubscriptionID,
		BillableMetricCode:     optionalString(o.BillableMetricCode),
		PeriodsCount:           optionalInt(o.PeriodsCount),
		Page:                   optionalInt(o.Page),
		PerPage:                optionalInt(o.PerPage),
	}
	if err := checkSubscription(o.ExternalSubscriptionID); err != nil {
		return p, err
	}
	if err := checkPaging(o.Page, o.PerPage); err != nil {
		return p, err
	}
	if o.PeriodsCount < 0 {
		return p, fmt.Errorf("%w: periods_count must not be negative", ErrInvalidArgument)
	}
	return p, nil
}

// ListPastUsage returns one page of the invoiced past periods of one
// subscription of the customer, newest first. Lago does not look the
// customer up here: an unknown customer gives an empty page, not an error.
func (c *Client) ListPastUsage(ctx context.Context, externalCustomerID string, opts PastUsageOptions) (*PastUsagePage, error) {
	return listPage[PastUsagePage](ctx, c, pastUsageList, &opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerPastUsageParams) (*http.Response, error) {
		return g.FindAllCustomerPastUsage(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllPastUsage iterates over every past period that opts selects, as
// AllCustomers does over customers, starting at opts.Page. It ends at the
// first page without periods, whatever meta.next_page says, and goes on
// after a page shorter than PerPage, for the reasons AllCustomers gives.
// Each range starts over from opts.Page; ranges share no state.
func (c *Client) AllPastUsage(ctx context.Context, externalCustomerID string, opts PastUsageOptions) iter.Seq2[*CustomerUsage, error] {
	return listAll[CustomerUsage](ctx, c, pastUsageList, &opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerPastUsageParams) (*http.Response, error) {
		return g.FindAllCustomerPastUsage(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// ProjectedUsageOptions selects the usage GetProjectedUsage returns.
type ProjectedUsageOptions struct {
	// ExternalSubscriptionID is the external_id of an active subscription
	// of the customer; required.
	ExternalSubscriptionID string
	// ApplyTaxes set to false leaves taxes out; Lago applies them by default.
	ApplyTaxes *bool
}

// GetProjectedUsage returns the usage of one subscription of the customer
// in its current period, with Lago's projection to the end of the period.
// Organizations without the projected usage feature get an error matching
// ErrForbidden (projected_usage_not_enabled).
func (c *Client) GetProjectedUsage(ctx context.Context, externalCustomerID string, opts ProjectedUsageOptions) (*CustomerProjectedUsage, error) {
	if err := checkSubscription(opts.ExternalSubscriptionID); err != nil {
		return nil, fmt.Errorf("lago: %s: %w", opGetProjectedUsage, err)
	}
	params := &gen.FindCustomerProjectedUsageParams{ExternalSubscriptionID: opts.ExternalSubscriptionID, ApplyTaxes: opts.ApplyTaxes}
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.FindCustomerProjectedUsage(ctx, externalCustomerID, params)
	}
	env, err := call[gen.CustomerProjectedUsageEnvelope](ctx, c, opGetProjectedUsage, send, externalCustomerID)
	if err != nil {
		return nil, err
	}
	return &env.CustomerProjectedUsage, nil
}

func checkSubscription(id string) error {
	if id == "" {
		return fmt.Errorf("%w: external_subscription_id is required", ErrInvalidArgument)
	}
	return nil
}
