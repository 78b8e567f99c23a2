package lagotest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// storage is a charge as a test writes it: only what matters to it.
func storage(amount int64) lago.ChargeUsage {
	return lago.ChargeUsage{
		Units:          "10.5",
		AmountCents:    amount,
		Charge:         lago.UsageCharge{Code: lago.Ptr("storage_gb"), ChargeModel: lago.ChargeModelPackage},
		BillableMetric: lago.UsageBillableMetric{Code: "storage", AggregationType: lago.AggregationTypeSumAgg},
		GroupedUsage:   []lago.GroupedUsage{{AmountCents: amount, Units: "10.5"}},
	}
}

func calls(amount int64) lago.ChargeUsage {
	return lago.ChargeUsage{
		Units:          "3",
		AmountCents:    amount,
		Charge:         lago.UsageCharge{Code: lago.Ptr("api_calls")},
		BillableMetric: lago.UsageBillableMetric{Code: "calls", Name: "API calls"},
	}
}

// usageFixture gives acme an active subscription with usage and a
// terminated one, and other an active one.
func usageFixture(t *testing.T, opts ...lagotest.Option) *harness {
	h := newHarness(t, opts...)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.create(lago.CustomerInput{ExternalID: "other"})
	require.NoError(t, h.srv.AddSubscription("acme", lagotest.Subscription{
		ExternalID: "sub-active",
		CurrentUsage: lago.CustomerUsage{
			TaxesAmountCents: 200,
			ChargesUsage:     []lago.ChargeUsage{storage(1000), calls(250)},
		},
		PastUsage: []lago.CustomerUsage{
			{AmountCents: 900, ChargesUsage: []lago.ChargeUsage{storage(900)}},
			{AmountCents: 800, ChargesUsage: []lago.ChargeUsage{calls(800)}},
			{AmountCents: 700},
		},
		ProjectedUsage: lago.CustomerProjectedUsage{
			TaxesAmountCents: 20,
			ChargesUsage:     []lago.ProjectedChargeUsage{{Units: "2.0", ProjectedUnits: "4.0", AmountCents: 100, Charge: lago.UsageCharge{Code: lago.Ptr("c")}}},
		},
	}))
	require.NoError(t, h.srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "sub-ended", Status: lagotest.SubscriptionTerminated,
		PastUsage: []lago.CustomerUsage{{AmountCents: 5}}}))
	require.NoError(t, h.srv.AddSubscription("other", lagotest.Subscription{ExternalID: "sub-other"}))
	return h
}

func TestAddSubscriptionRefusals(t *testing.T) {
	h := usageFixture(t)
	assert.ErrorContains(t, h.srv.AddSubscription("acme", lagotest.Subscription{}), "needs an ExternalID")
	assert.ErrorContains(t, h.srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "s", Status: "paused"}), "unknown status")
	assert.ErrorIs(t, h.srv.AddSubscription("ghost", lagotest.Subscription{ExternalID: "s"}), lagotest.ErrUnknownCustomer)
	assert.ErrorContains(t, h.srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "sub-other"}), `customer "other" already has`)
	assert.ErrorContains(t, h.srv.AddSubscription("acme", lagotest.Subscription{
		ExternalID: "s", ProjectedUsage: lago.CustomerProjectedUsage{ProjectedAmountCents: "a lot"}}), "cannot be sent as JSON")
}

func TestCurrentUsage(t *testing.T) {
	h := usageFixture(t)
	usage, err := h.client.GetCurrentUsage(h.ctx(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-active"})
	require.NoError(t, err)

	assert.Equal(t, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), usage.FromDatetime, "the clock's month")
	assert.Equal(t, time.Date(2026, 11, 30, 23, 59, 59, 0, time.UTC), usage.ToDatetime)
	assert.Equal(t, "2026-11-30", usage.IssuingDate.String(), "the last day of the period")
	assert.Nil(t, usage.LagoInvoiceID)
	assert.Equal(t, "EUR", usage.Currency, "the customer's currency")
	assert.Equal(t, int64(1250), usage.AmountCents, "the charges' sum")
	assert.Equal(t, int64(200), usage.TaxesAmountCents)
	assert.Equal(t, int64(1450), usage.TotalAmountCents)
	require.Len(t, usage.ChargesUsage, 2)

	ch := usage.ChargesUsage[0]
	assert.Regexp(t, uuidPattern, ch.Charge.LagoID)
	assert.Regexp(t, uuidPattern, ch.BillableMetric.LagoID)
	assert.Equal(t, lago.ChargeUsage{
		Units: "10.5", TotalAggregatedUnits: "10.5", AmountCents: 1000, AmountCurrency: "EUR",
		Charge:         lago.UsageCharge{LagoID: ch.Charge.LagoID, Code: lago.Ptr("storage_gb"), ChargeModel: lago.ChargeModelPackage},
		BillableMetric: lago.UsageBillableMetric{LagoID: ch.BillableMetric.LagoID, Name: "storage", Code: "storage", AggregationType: lago.AggregationTypeSumAgg},
		Filters:        []lago.ChargeFilterUsage{},
		GroupedUsage: []lago.GroupedUsage{{
			AmountCents: 1000, Units: "10.5", TotalAggregatedUnits: "10.5", GroupedBy: lago.GroupValues{},
		}},
		PresentationBreakdowns: []lago.PresentationBreakdown{},
	}, ch)
	assert.Equal(t, lago.ChargeModelStandard, usage.ChargesUsage[1].Charge.ChargeModel)
	assert.Equal(t, lago.AggregationTypeCountAgg, usage.ChargesUsage[1].BillableMetric.AggregationType)

	again, err := h.client.GetCurrentUsage(h.ctx(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-active"})
	require.NoError(t, err)
	assert.Equal(t, usage, again, "filled in once, the same every time")
}

func TestCurrentUsageOptions(t *testing.T) {
	h := usageFixture(t)
	get := func(opts lago.CurrentUsageOptions) (*lago.CustomerUsage, error) {
		opts.ExternalSubscriptionID = "sub-active"
		return h.client.GetCurrentUsage(h.ctx(), "acme", opts)
	}
	codes := func(u *lago.CustomerUsage) []string {
		out := []string{}
		for _, ch := range u.ChargesUsage {
			out = append(out, *ch.Charge.Code)
		}
		return out
	}
	all, err := get(lago.CurrentUsageOptions{})
	require.NoError(t, err)

	t.Run("without taxes", func(t *testing.T) {
		u, err := get(lago.CurrentUsageOptions{ApplyTaxes: lago.Ptr(false)})
		require.NoError(t, err)
		assert.Equal(t, int64(0), u.TaxesAmountCents)
		assert.Equal(t, int64(1250), u.TotalAmountCents)
	})
	tests := []struct {
		name string
		opts lago.CurrentUsageOptions
		want []string
	}{
		{name: "charge id", opts: lago.CurrentUsageOptions{ChargeID: all.ChargesUsage[1].Charge.LagoID}, want: []string{"api_calls"}},
		{name: "charge id wins", opts: lago.CurrentUsageOptions{ChargeID: all.ChargesUsage[1].Charge.LagoID, ChargeCode: "storage_gb"}, want: []string{"api_calls"}},
		{name: "charge code", opts: lago.CurrentUsageOptions{ChargeCode: "storage_gb", BillableMetricCode: "calls"}, want: []string{"storage_gb"}},
		{name: "billable metric", opts: lago.CurrentUsageOptions{BillableMetricCode: "calls"}, want: []string{"api_calls"}},
		//lint:ignore SA1019 Lago still takes the former name, so the fake must too.
		{name: "former name", opts: lago.CurrentUsageOptions{FilterByChargeCode: "api_calls"}, want: []string{"api_calls"}},
		{name: "full usage with a filter", opts: lago.CurrentUsageOptions{FullUsage: true, BillableMetricCode: "storage"}, want: []string{"storage_gb"}},
		{name: "full usage with a group", opts: lago.CurrentUsageOptions{FullUsage: true, Group: map[string]string{"cloud": "aws"}}, want: []string{"storage_gb", "api_calls"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := get(tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.want, codes(u))
		})
	}
	t.Run("no charge matches", func(t *testing.T) {
		_, err := get(lago.CurrentUsageOptions{ChargeCode: "nope"})
		requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"charge_not_found"}`)
	})
	t.Run("full usage needs a filter", func(t *testing.T) {
		_, err := get(lago.CurrentUsageOptions{FullUsage: true})
		requireLagoError(t, err, http.StatusMethodNotAllowed, `{"status":405,"error":"Method Not Allowed","code":"full_usage_not_allowed"}`)
	})
	t.Run("skip grouping", func(t *testing.T) {
		u, err := get(lago.CurrentUsageOptions{SkipGrouping: true})
		require.NoError(t, err)
		assert.Equal(t, []lago.GroupedUsage{}, u.ChargesUsage[0].GroupedUsage)
		stored, err := get(lago.CurrentUsageOptions{})
		require.NoError(t, err)
		assert.Len(t, stored.ChargesUsage[0].GroupedUsage, 1, "skipping does not change what is stored")
	})
}

func TestUsageWithoutActiveSubscription(t *testing.T) {
	h := usageFixture(t)
	noSub := `{"status":405,"error":"Method Not Allowed","code":"no_active_subscription"}`
	for _, op := range []string{"current_usage", "projected_usage"} {
		t.Run(op, func(t *testing.T) {
			tests := []struct {
				name, query string
			}{
				{name: "missing", query: ""},
				{name: "empty", query: "?external_subscription_id="},
				{name: "unknown", query: "?external_subscription_id=nope"},
				{name: "another customer's", query: "?external_subscription_id=sub-other"},
				{name: "terminated", query: "?external_subscription_id=sub-ended"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					requireAnswer(t, h.raw(http.MethodGet, "/customers/acme/"+op+tt.query, "", nil), http.StatusMethodNotAllowed, noSub)
				})
			}
			t.Run("unknown customer", func(t *testing.T) {
				requireAnswer(t, h.raw(http.MethodGet, "/customers/ghost/"+op+"?external_subscription_id=sub-active", "", nil),
					http.StatusNotFound, `{"status":404,"error":"Not Found","code":"resource_not_found"}`)
			})
		})
	}
	t.Run("through the client", func(t *testing.T) {
		_, err := h.client.GetCurrentUsage(h.ctx(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-ended"})
		require.ErrorIs(t, err, lago.ErrNotAllowed)
		requireLagoError(t, err, http.StatusMethodNotAllowed, noSub)
	})
	t.Run("a deleted customer's subscription", func(t *testing.T) {
		_, err := h.client.DeleteCustomer(h.ctx(), "other")
		require.NoError(t, err)
		h.create(lago.CustomerInput{ExternalID: "other"})
		_, err = h.client.GetCurrentUsage(h.ctx(), "other", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-other"})
		requireLagoError(t, err, http.StatusMethodNotAllowed, noSub)
	})
}

func TestProjectedUsage(t *testing.T) {
	h := usageFixture(t)
	u, err := h.client.GetProjectedUsage(h.ctx(), "acme", lago.ProjectedUsageOptions{ExternalSubscriptionID: "sub-active"})
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), u.FromDatetime)
	assert.Equal(t, "2026-11-30", u.IssuingDate.String())
	assert.Equal(t, "EUR", u.Currency)
	assert.Nil(t, u.LagoInvoiceID)
	assert.Equal(t, int64(100), u.AmountCents)
	assert.Equal(t, json.Number("100"), u.ProjectedAmountCents)
	assert.Equal(t, int64(120), u.TotalAmountCents)
	require.Len(t, u.ChargesUsage, 1)
	ch := u.ChargesUsage[0]
	assert.Equal(t, lago.Decimal("4.0"), ch.ProjectedUnits)
	assert.Equal(t, int64(100), ch.ProjectedAmountCents)
	assert.Nil(t, ch.Charge.Code, "Lago leaves the charge code out of projections")

	noTax, err := h.client.GetProjectedUsage(h.ctx(), "acme", lago.ProjectedUsageOptions{ExternalSubscriptionID: "sub-active", ApplyTaxes: lago.Ptr(false)})
	require.NoError(t, err)
	assert.Equal(t, int64(0), noTax.TaxesAmountCents)
	assert.Equal(t, int64(100), noTax.TotalAmountCents)

	t.Run("feature off", func(t *testing.T) {
		h := usageFixture(t, lagotest.WithProjectedUsage(false))
		_, err := h.client.GetProjectedUsage(h.ctx(), "acme", lago.ProjectedUsageOptions{ExternalSubscriptionID: "sub-active"})
		require.ErrorIs(t, err, lago.ErrForbidden)
		requireLagoError(t, err, http.StatusForbidden, `{"status":403,"error":"Forbidden","code":"projected_usage_not_enabled"}`)
		_, err = h.client.GetProjectedUsage(h.ctx(), "ghost", lago.ProjectedUsageOptions{ExternalSubscriptionID: "x"})
		require.ErrorIs(t, err, lago.ErrForbidden, "the feature is checked first")
	})
}

func TestPastUsage(t *testing.T) {
	h := usageFixture(t)
	list := func(customer string, opts lago.PastUsageOptions) *lago.PastUsagePage {
		t.Helper()
		page, err := h.client.ListPastUsage(h.ctx(), customer, opts)
		require.NoError(t, err)
		return page
	}
	amounts := func(p *lago.PastUsagePage) []int64 {
		out := []int64{}
		for _, u := range p.UsagePeriods {
			out = append(out, u.AmountCents)
		}
		return out
	}

	all := list("acme", lago.PastUsageOptions{ExternalSubscriptionID: "sub-active"})
	assert.Equal(t, []int64{900, 800, 700}, amounts(all))
	assert.Equal(t, lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 3}, all.Meta)
	newest := all.UsagePeriods[0]
	assert.Equal(t, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), newest.FromDatetime, "the month before the current one")
	assert.Equal(t, time.Date(2026, 10, 31, 23, 59, 59, 0, time.UTC), newest.ToDatetime)
	assert.Equal(t, time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC), all.UsagePeriods[2].FromDatetime)
	for _, u := range all.UsagePeriods {
		require.NotNil(t, u.LagoInvoiceID)
		assert.Regexp(t, uuidPattern, *u.LagoInvoiceID)
	}

	tests := []struct {
		name string
		opts lago.PastUsageOptions
		want []int64
		meta lago.PaginationMeta
	}{
		{name: "periods count", opts: lago.PastUsageOptions{PeriodsCount: 2}, want: []int64{900, 800},
			meta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 2}},
		{name: "paged", opts: lago.PastUsageOptions{Page: 2, PerPage: 2}, want: []int64{700},
			meta: lago.PaginationMeta{CurrentPage: 2, PrevPage: lago.Ptr[int64](1), TotalPages: 2, TotalCount: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.ExternalSubscriptionID = "sub-active"
			page := list("acme", tt.opts)
			assert.Equal(t, tt.want, amounts(page))
			assert.Equal(t, tt.meta, page.Meta)
		})
	}
	t.Run("billable metric", func(t *testing.T) {
		page := list("acme", lago.PastUsageOptions{ExternalSubscriptionID: "sub-active", BillableMetricCode: "calls"})
		require.Len(t, page.UsagePeriods, 3)
		assert.Empty(t, page.UsagePeriods[0].ChargesUsage)
		require.Len(t, page.UsagePeriods[1].ChargesUsage, 1)
		assert.Equal(t, "calls", page.UsagePeriods[1].ChargesUsage[0].BillableMetric.Code)

		_, err := h.client.ListPastUsage(h.ctx(), "acme", lago.PastUsageOptions{ExternalSubscriptionID: "sub-active", BillableMetricCode: "nope"})
		requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"billable_metric_not_found"}`)
	})
	t.Run("a terminated subscription", func(t *testing.T) {
		assert.Equal(t, []int64{5}, amounts(list("acme", lago.PastUsageOptions{ExternalSubscriptionID: "sub-ended"})))
	})
	t.Run("unknown customer or subscription", func(t *testing.T) {
		empty := `{"usage_periods":[],"meta":{"current_page":0,"next_page":null,"prev_page":null,"total_pages":0,"total_count":0}}`
		requireAnswer(t, h.raw(http.MethodGet, "/customers/ghost/past_usage?external_subscription_id=sub-active", "", nil), http.StatusOK, empty)
		requireAnswer(t, h.raw(http.MethodGet, "/customers/acme/past_usage?external_subscription_id=sub-other", "", nil), http.StatusOK, empty)
	})
	t.Run("missing subscription", func(t *testing.T) {
		mandatory := `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"external_subscription_id":["value_is_mandatory"]}}`
		requireAnswer(t, h.raw(http.MethodGet, "/customers/acme/past_usage", "", nil), http.StatusUnprocessableEntity, mandatory)
		requireAnswer(t, h.raw(http.MethodGet, "/customers/ghost/past_usage?external_subscription_id=", "", nil), http.StatusUnprocessableEntity, mandatory)
	})
}

func TestAddSubscriptionReplaces(t *testing.T) {
	h := usageFixture(t)
	require.NoError(t, h.srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "sub-active", CurrentUsage: lago.CustomerUsage{AmountCents: 42}}))
	u, err := h.client.GetCurrentUsage(h.ctx(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-active"})
	require.NoError(t, err)
	assert.Equal(t, int64(42), u.AmountCents)
	assert.Equal(t, []lago.ChargeUsage{}, u.ChargesUsage)

	require.NoError(t, h.srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "sub-active", Status: lagotest.SubscriptionTerminated}))
	_, err = h.client.GetCurrentUsage(h.ctx(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-active"})
	require.ErrorIs(t, err, lago.ErrNotAllowed)
}
