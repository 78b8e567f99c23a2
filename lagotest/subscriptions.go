package lagotest

import (
	"fmt"
	"slices"
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
