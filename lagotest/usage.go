package lagotest

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// activeSubscription finds the customer's active subscription with this
// external id, the only kind current and projected usage report on.
func (c *customer) activeSubscription(externalID string) (*Subscription, bool) {
	i := slices.IndexFunc(c.subscriptions, func(s *Subscription) bool {
		return s.ExternalID == externalID && s.Status == SubscriptionActive
	})
	if i < 0 {
		return nil, false
	}
	return c.subscriptions[i], true
}

// usageSubscription finds what current and projected usage report on.
// An unknown customer is a 404 whose code is resource_not_found: Lago's
// lookup fails there in a way that loses the usual customer_not_found.
func (s *Server) usageSubscription(c *call) (*Subscription, response, bool) {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return nil, notFound(codeResourceNotFound), false
	}
	sub, ok := cust.activeSubscription(c.query.Get("external_subscription_id"))
	if !ok {
		return nil, errorResponse(http.StatusMethodNotAllowed, codeNoActiveSubscription, ""), false
	}
	return sub, response{}, true
}

// taxesApplied reports apply_taxes, true unless sent as false.
func taxesApplied(c *call) bool {
	b, err := strconv.ParseBool(c.query.Get("apply_taxes"))
	return err != nil || b
}

// currentUsage answers the usage of an active subscription, with Lago's
// charge filters: charge_id, else charge_code, else billable_metric_code
// (or their former names) keep the matching charges, and none matching is
// 404 charge_not_found. The period's amounts stay those of all charges.
func (s *Server) currentUsage(c *call) response {
	sub, rep, ok := s.usageSubscription(c)
	if !ok {
		return rep
	}
	usage, err := clone(sub.CurrentUsage)
	if err != nil {
		return errorResponse(http.StatusInternalServerError, "", err.Error())
	}
	q := c.query
	first := func(names ...string) string {
		for _, n := range names {
			if v := q.Get(n); v != "" {
				return v
			}
		}
		return ""
	}
	chargeID, chargeCode := first("charge_id", "filter_by_charge_id"), first("charge_code", "filter_by_charge_code")
	metric := first("billable_metric_code", "filter_by_metric_code")
	grouped := slices.ContainsFunc(slices.Collect(maps.Keys(q)), func(k string) bool {
		return strings.HasPrefix(k, "group[") || strings.HasPrefix(k, "filter_by_group[")
	})
	if full, _ := strconv.ParseBool(q.Get("full_usage")); full && chargeID == "" && chargeCode == "" && metric == "" && !grouped {
		return errorResponse(http.StatusMethodNotAllowed, codeFullUsageNotAllowed, "")
	}
	if chargeID != "" || chargeCode != "" || metric != "" {
		usage.ChargesUsage = slices.DeleteFunc(usage.ChargesUsage, func(ch gen.ChargeUsage) bool {
			switch {
			case chargeID != "":
				return ch.Charge.LagoID != chargeID
			case chargeCode != "":
				return ch.Charge.Code == nil || *ch.Charge.Code != chargeCode
			}
			return ch.BillableMetric.Code != metric
		})
		if len(usage.ChargesUsage) == 0 {
			return notFound(codeChargeNotFound)
		}
	}
	if skip, _ := strconv.ParseBool(q.Get("skip_grouping")); skip {
		for i := range usage.ChargesUsage {
			usage.ChargesUsage[i].GroupedUsage = []gen.GroupedUsage{}
		}
	}
	if !taxesApplied(c) {
		usage.TaxesAmountCents, usage.TotalAmountCents = 0, usage.AmountCents
	}
	return okResponse(gen.CustomerUsageEnvelope{CustomerUsage: usage})
}

// projectedUsage answers the projection for an active subscription, once
// the organization has the feature.
func (s *Server) projectedUsage(c *call) response {
	if !s.cfg.projectedUsage {
		return errorResponse(http.StatusForbidden, codeProjectedUsageDisabled, "")
	}
	sub, rep, ok := s.usageSubscription(c)
	if !ok {
		return rep
	}
	usage := sub.ProjectedUsage
	if !taxesApplied(c) {
		usage.TaxesAmountCents, usage.TotalAmountCents = 0, usage.AmountCents
	}
	return okResponse(gen.CustomerProjectedUsageEnvelope{CustomerProjectedUsage: usage})
}

// pastUsage answers the invoiced periods of a subscription, ended or not,
// newest first. Like Lago it does not look the customer up: an unknown
// one has no periods.
func (s *Server) pastUsage(c *call) response {
	subID := c.query.Get("external_subscription_id")
	if subID == "" {
		return validationFailed(fieldErrors{"external_subscription_id": {"value_is_mandatory"}})
	}
	metric := c.query.Get("billable_metric_code")
	if metric != "" && !s.store.knowsMetric(metric) {
		return notFound(codeBillableMetricNotFound)
	}
	periods := []gen.CustomerUsage{}
	if cust, ok := s.store.customer(c.customerID()); ok {
		for _, sub := range cust.subscriptions {
			if sub.ExternalID == subID {
				var err error
				if periods, err = clone(sub.PastUsage); err != nil {
					return errorResponse(http.StatusInternalServerError, "", err.Error())
				}
				periods = orEmpty(periods)
			}
		}
	}
	if n, err := strconv.Atoi(c.query.Get("periods_count")); err == nil && n >= 0 && n < len(periods) {
		periods = periods[:n]
	}
	if metric != "" {
		for i := range periods {
			periods[i].ChargesUsage = slices.DeleteFunc(periods[i].ChargesUsage, func(ch gen.ChargeUsage) bool {
				return ch.BillableMetric.Code != metric
			})
		}
	}
	page, meta := paginate(periods, pagingOf(c.query))
	return okResponse(gen.PastUsagePage{UsagePeriods: page, Meta: meta})
}

// knowsMetric reports whether a billable metric code appears in any usage
// the server holds, which is what the organization's metrics are here.
func (st *store) knowsMetric(code string) bool {
	for _, cust := range st.customers {
		for _, sub := range cust.subscriptions {
			for _, u := range append([]gen.CustomerUsage{sub.CurrentUsage}, sub.PastUsage...) {
				if slices.ContainsFunc(u.ChargesUsage, func(ch gen.ChargeUsage) bool { return ch.BillableMetric.Code == code }) {
					return true
				}
			}
			if slices.ContainsFunc(sub.ProjectedUsage.ChargesUsage, func(ch gen.ProjectedChargeUsage) bool { return ch.BillableMetric.Code == code }) {
				return true
			}
		}
	}
	return false
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

func decimal0(d *gen.Decimal) { orValue(d, "0.0") }

func orGroup(g gen.GroupValues) gen.GroupValues {
	if g == nil {
		return gen.GroupValues{}
	}
	return g
}
