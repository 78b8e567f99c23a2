package lagotest

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// SubscriptionStatus is the state of a subscription set up with
// AddSubscription.
type SubscriptionStatus string

// The subscription states that matter to usage: Lago reports current and
// projected usage only for an active subscription, and past usage for
// either.
const (
	SubscriptionActive     SubscriptionStatus = "active"
	SubscriptionTerminated SubscriptionStatus = "terminated"
)

// Subscription is a customer's subscription and the usage the server
// reports for it. The API has no operation that creates subscriptions or
// records usage, so tests set them up with AddSubscription.
//
// Zero fields of the usage are filled in when it is added: the current
// period is the clock's calendar month in UTC, and past periods without
// dates are the months before it, newest first in the order given; the
// currency is the customer's (USD without one); ids are generated; an
// amount of 0 is the sum of the charges' amounts, a total of 0 is amount
// plus taxes, and a projected amount or projected units default to the
// current ones. Lists left nil are sent as [] and units left empty as
// "0.0". Past periods get an invoice id; current and projected usage never
// have one.
type Subscription struct {
	// ExternalID is the subscription's external_id, which the usage
	// requests name; required.
	ExternalID string
	// Status is SubscriptionActive when empty.
	Status SubscriptionStatus
	// CurrentUsage is what current_usage answers.
	CurrentUsage lago.CustomerUsage
	// PastUsage holds the invoiced periods past_usage answers; the server
	// sends them newest first whatever their order here.
	PastUsage []lago.CustomerUsage
	// ProjectedUsage is what projected_usage answers. Its period and
	// currency default to those of CurrentUsage.
	ProjectedUsage lago.CustomerProjectedUsage
	// Details is the subscription as the customer's subscription list
	// shows it; see AddSubscription for what is filled in.
	Details lago.Subscription
	// Overridden puts the subscription on a plan overridden for it, which
	// the list's overridden filter selects.
	Overridden bool
}

// AddSubscription gives the live customer with this external id a
// subscription, or replaces the one it has with the same external id.
// Another customer's subscription cannot have that id.
//
// The subscription list shows sub.Details with its zero fields filled in:
// the ids and external ids, status from Status, billing time calendar,
// plan code "standard" in the customer's currency, creation, start and
// subscription times of now (terminated ones also end now), a closing
// invoice on termination, a provider payment method, and [] for the
// activation rules. Details.Status may be any subscription status, such
// as pending or canceled; usage follows Status alone.
func (s *Server) AddSubscription(externalCustomerID string, sub Subscription) error {
	if sub.ExternalID == "" {
		return fmt.Errorf("lagotest: AddSubscription: the subscription needs an ExternalID")
	}
	if sub.Status == "" {
		sub.Status = SubscriptionActive
	}
	if sub.Status != SubscriptionActive && sub.Status != SubscriptionTerminated {
		return fmt.Errorf("lagotest: AddSubscription: unknown status %q", sub.Status)
	}
	sub, err := clone(sub)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.store
	cust, err := st.liveCustomer(externalCustomerID)
	if err != nil {
		return err
	}
	for _, other := range st.live {
		if other != cust && slices.ContainsFunc(other.subscriptions, func(o *Subscription) bool { return o.ExternalID == sub.ExternalID }) {
			return fmt.Errorf("lagotest: AddSubscription: customer %q already has subscription %q", other.ExternalID, sub.ExternalID)
		}
	}

	now, currency := s.now(), cust.currency()
	from, to := monthOf(now)
	st.fillUsage(&sub.CurrentUsage, from, to, currency)
	sub.CurrentUsage.LagoInvoiceID = nil
	for i := range sub.PastUsage {
		pFrom, pTo := monthOf(from.AddDate(0, -1-i, 0))
		st.fillUsage(&sub.PastUsage[i], pFrom, pTo, currency)
		if sub.PastUsage[i].LagoInvoiceID == nil {
			id := st.ids.new()
			sub.PastUsage[i].LagoInvoiceID = &id
		}
	}
	slices.SortStableFunc(sub.PastUsage, func(a, b gen.CustomerUsage) int { return b.FromDatetime.Compare(a.FromDatetime) })
	cur := sub.CurrentUsage
	st.fillProjected(&sub.ProjectedUsage, cur.FromDatetime, cur.ToDatetime, cur.Currency)
	st.fillDetails(&sub, cust, now)

	if i := slices.IndexFunc(cust.subscriptions, func(o *Subscription) bool { return o.ExternalID == sub.ExternalID }); i >= 0 {
		cust.subscriptions[i] = &sub
	} else {
		cust.subscriptions = append(cust.subscriptions, &sub)
	}
	return nil
}

// monthOf is the calendar month around t, in UTC, as Lago bounds a
// monthly period: from its first second to its last.
func monthOf(t time.Time) (from, to time.Time) {
	t = t.UTC()
	from = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 1, 0).Add(-time.Second)
}

// dateOf is the day of t, as the issuing dates show it.
func dateOf(t time.Time) lago.Date {
	return lago.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

func (st *store) fillUsage(u *gen.CustomerUsage, from, to time.Time, currency string) {
	if u.FromDatetime.IsZero() && u.ToDatetime.IsZero() {
		u.FromDatetime, u.ToDatetime = from, to
	}
	if u.IssuingDate.IsZero() {
		u.IssuingDate = dateOf(u.ToDatetime)
	}
	if u.Currency == "" {
		u.Currency = currency
	}
	if u.ChargesUsage == nil {
		u.ChargesUsage = []gen.ChargeUsage{}
	}
	var sum int64
	for i := range u.ChargesUsage {
		ch := &u.ChargesUsage[i]
		decimal0(&ch.Units)
		orValue(&ch.TotalAggregatedUnits, ch.Units)
		orValue(&ch.AmountCurrency, u.Currency)
		st.fillCharge(&ch.Charge, &ch.BillableMetric)
		ch.Filters = orEmpty(ch.Filters)
		for j := range ch.Filters {
			f := &ch.Filters[j]
			decimal0(&f.Units)
			orValue(&f.TotalAggregatedUnits, f.Units)
			f.PresentationBreakdowns = fillBreakdowns(f.PresentationBreakdowns)
		}
		ch.GroupedUsage = orEmpty(ch.GroupedUsage)
		for j := range ch.GroupedUsage {
			g := &ch.GroupedUsage[j]
			decimal0(&g.Units)
			orValue(&g.TotalAggregatedUnits, g.Units)
			g.GroupedBy = orGroup(g.GroupedBy)
			for k := range g.Filters {
				decimal0(&g.Filters[k].Units)
				orValue(&g.Filters[k].TotalAggregatedUnits, g.Filters[k].Units)
			}
			g.PresentationBreakdowns = fillBreakdowns(g.PresentationBreakdowns)
		}
		ch.PresentationBreakdowns = fillBreakdowns(orEmpty(ch.PresentationBreakdowns))
		sum += ch.AmountCents
	}
	if u.AmountCents == 0 {
		u.AmountCents = sum
	}
	if u.TotalAmountCents == 0 {
		u.TotalAmountCents = u.AmountCents + u.TaxesAmountCents
	}
}

func (st *store) fillProjected(u *gen.CustomerProjectedUsage, from, to time.Time, currency string) {
	if u.FromDatetime.IsZero() && u.ToDatetime.IsZero() {
		u.FromDatetime, u.ToDatetime = from, to
	}
	if u.IssuingDate.IsZero() {
		u.IssuingDate = dateOf(u.ToDatetime)
	}
	u.LagoInvoiceID = nil
	if u.Currency == "" {
		u.Currency = currency
	}
	if u.ChargesUsage == nil {
		u.ChargesUsage = []gen.ProjectedChargeUsage{}
	}
	var sum int64
	for i := range u.ChargesUsage {
		ch := &u.ChargesUsage[i]
		decimal0(&ch.Units)
		orValue(&ch.ProjectedUnits, ch.Units)
		orValue(&ch.AmountCurrency, u.Currency)
		if ch.ProjectedAmountCents == 0 {
			ch.ProjectedAmountCents = ch.AmountCents
		}
		st.fillCharge(&ch.Charge, &ch.BillableMetric)
		// Lago leaves the charge code out of projected usage.
		ch.Charge.Code = nil
		ch.Filters = orEmpty(ch.Filters)
		for j := range ch.Filters {
			f := &ch.Filters[j]
			decimal0(&f.Units)
			orValue(&f.ProjectedUnits, f.Units)
			f.PresentationBreakdowns = fillBreakdowns(f.PresentationBreakdowns)
			f.ProjectedPresentationBreakdowns = fillBreakdowns(f.ProjectedPresentationBreakdowns)
		}
		ch.GroupedUsage = orEmpty(ch.GroupedUsage)
		for j := range ch.GroupedUsage {
			g := &ch.GroupedUsage[j]
			decimal0(&g.Units)
			orValue(&g.ProjectedUnits, g.Units)
			g.GroupedBy = orGroup(g.GroupedBy)
			for k := range g.Filters {
				decimal0(&g.Filters[k].Units)
				orValue(&g.Filters[k].ProjectedUnits, g.Filters[k].Units)
			}
			g.PresentationBreakdowns = fillBreakdowns(g.PresentationBreakdowns)
			g.ProjectedPresentationBreakdowns = fillBreakdowns(g.ProjectedPresentationBreakdowns)
		}
		ch.PresentationBreakdowns = fillBreakdowns(orEmpty(ch.PresentationBreakdowns))
		ch.ProjectedPresentationBreakdowns = fillBreakdowns(ch.ProjectedPresentationBreakdowns)
		sum += ch.AmountCents
	}
	if u.AmountCents == 0 {
		u.AmountCents = sum
	}
	// A zero json.Number comes back from the copy as "0".
	if u.ProjectedAmountCents == "" || u.ProjectedAmountCents == "0" {
		u.ProjectedAmountCents = gen.DecimalCents(strconv.FormatInt(u.AmountCents, 10))
	}
	if u.TotalAmountCents == 0 {
		u.TotalAmountCents = u.AmountCents + u.TaxesAmountCents
	}
}

func (st *store) fillCharge(ch *gen.UsageCharge, bm *gen.UsageBillableMetric) {
	orValue(&ch.LagoID, st.ids.new())
	orValue(&ch.ChargeModel, gen.ChargeModelStandard)
	orValue(&bm.LagoID, st.ids.new())
	orValue(&bm.Name, bm.Code)
	orValue(&bm.AggregationType, gen.AggregationTypeCountAgg)
}

func fillBreakdowns(bs []gen.PresentationBreakdown) []gen.PresentationBreakdown {
	for i := range bs {
		bs[i].PresentationBy = orGroup(bs[i].PresentationBy)
		decimal0(&bs[i].Units)
	}
	return bs
}

func orValue[T comparable](dst *T, def T) {
	var zero T
	if *dst == zero {
		*dst = def
	}
}

func decimal0(d *gen.Decimal) { orValue(d, "0.0") }

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func orGroup(g gen.GroupValues) gen.GroupValues {
	if g == nil {
		return gen.GroupValues{}
	}
	return g
}
