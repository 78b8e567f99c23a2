package lagotest

import (
	"slices"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// fillDetails completes what the subscription list shows of sub.
func (st *store) fillDetails(sub *Subscription, cust *customer, now time.Time) {
	d := &sub.Details
	st.orNew(&d.LagoID)
	d.ExternalID = sub.ExternalID
	d.LagoCustomerID, d.ExternalCustomerID = cust.LagoID, cust.ExternalID
	orValue(&d.Status, gen.SubscriptionStatus(sub.Status))
	orValue(&d.BillingTime, gen.BillingTimeCalendar)
	orValue(&d.PlanCode, "standard")
	orValue(&d.PlanAmountCurrency, cust.currency())
	orValue(&d.CreatedAt, now)
	orValue(&d.SubscriptionAt, d.CreatedAt)
	if d.StartedAt == nil && d.Status != gen.SubscriptionStatusPending {
		d.StartedAt = &d.SubscriptionAt
	}
	if d.TerminatedAt == nil && d.Status == gen.SubscriptionStatusTerminated {
		d.TerminatedAt = &now
	}
	orValue(&d.OnTerminationInvoice, gen.OnTerminationInvoiceGenerate)
	orValue(&d.PaymentMethod.PaymentMethodType, gen.PaymentMethodTypeProvider)
	d.ActivationRules = orEmpty(d.ActivationRules)
	for i := range d.ActivationRules {
		r := &d.ActivationRules[i]
		st.orNew(&r.LagoID)
		orValue(&r.Type, gen.ActivationRuleTypePayment)
		orValue(&r.CreatedAt, now)
		orValue(&r.UpdatedAt, r.CreatedAt)
	}
}

// subscriptionStatusesOf reads status[] as Lago does: without it only
// active subscriptions; one value it does not know drops the whole filter,
// so every status is listed (nil); incomplete is known, though the
// published description leaves it out.
func subscriptionStatusesOf(values []string) []gen.SubscriptionStatus {
	if len(values) == 0 {
		return []gen.SubscriptionStatus{gen.SubscriptionStatusActive}
	}
	out := known[gen.SubscriptionStatus](values)
	if len(out) != len(values) {
		return nil
	}
	return out
}

// listSubscriptions answers one page of the live customer's
// subscriptions that match every filter, latest subscription time first.
// The billing_entity_codes[] filter matches the subscription's own billing
// entity, else the customer's; the list never shows that entity.
func (s *Server) listSubscriptions(c *call) response {
	st := s.store
	cust, ok := st.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	entities := c.query["billing_entity_codes[]"]
	if st.entitiesMissing(entities, false) {
		return notFound(codeBillingEntityNotFound)
	}
	q := newFilterQuery(c.query)
	plan, externalID, currency := q.text("plan_code"), q.text("external_id"), q.text("currency")
	overridden := q.boolean("overridden", false)
	statuses := subscriptionStatusesOf(c.query["status[]"])
	matched := []gen.Subscription{}
	for _, sub := range cust.subscriptions {
		d := sub.Details
		entity := cust.BillingEntityCode
		if d.BillingEntityCode != nil {
			entity = *d.BillingEntityCode
		}
		switch {
		case plan != nil && *plan != d.PlanCode,
			externalID != nil && *externalID != d.ExternalID,
			currency != nil && *currency != d.PlanAmountCurrency,
			overridden != nil && *overridden != sub.Overridden,
			!in(statuses, d.Status), !in(entities, entity):
			continue
		}
		d.BillingEntityCode, d.AppliedInvoiceCustomSections = nil, nil
		matched = append(matched, d)
	}
	slices.SortStableFunc(matched, func(a, b gen.Subscription) int {
		if c := b.SubscriptionAt.Compare(a.SubscriptionAt); c != 0 {
			return c
		}
		return newestFirst(a.CreatedAt, b.CreatedAt, a.LagoID, b.LagoID)
	})
	page, meta := paginate(matched, pagingOf(c.query))
	return okResponse(gen.SubscriptionPage{Subscriptions: page, Meta: meta})
}
