package lagotest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestApplyCouponRefusesBadCoupons(t *testing.T) {
	tests := []struct {
		name   string
		coupon lagotest.Coupon
		want   string
	}{
		{name: "no code", coupon: lagotest.Coupon{AmountCents: 100}, want: "without a code"},
		{name: "no discount", coupon: lagotest.Coupon{Code: "c"}, want: "either AmountCents"},
		{name: "two discounts", coupon: lagotest.Coupon{Code: "c", AmountCents: 100, PercentageRate: "10.0"}, want: "either AmountCents"},
		{name: "rate not decimal", coupon: lagotest.Coupon{Code: "c", PercentageRate: "10%"}, want: "not a decimal string"},
		{name: "unknown frequency", coupon: lagotest.Coupon{Code: "c", AmountCents: 1, Frequency: "weekly"}, want: "unknown frequency"},
		{name: "recurring without duration", coupon: lagotest.Coupon{Code: "c", AmountCents: 1, Frequency: lago.CouponFrequencyRecurring}, want: "FrequencyDuration"},
		{name: "duration without recurring", coupon: lagotest.Coupon{Code: "c", AmountCents: 1, FrequencyDuration: 3}, want: "FrequencyDuration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.create(lago.CustomerInput{ExternalID: "acme"})
			_, err := h.srv.ApplyCoupon("acme", tt.coupon)
			assert.ErrorContains(t, err, tt.want)
		})
	}

	t.Run("unknown customer", func(t *testing.T) {
		h := newHarness(t)
		_, err := h.srv.ApplyCoupon("ghost", lagotest.Coupon{Code: "c", AmountCents: 1})
		assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
	})
}

func TestApplyCoupon(t *testing.T) {
	h := newHarness(t)
	acme := h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	expires := epoch.Add(30 * 24 * time.Hour)

	fixed, err := h.srv.ApplyCoupon("acme", lagotest.Coupon{
		Code: "WELCOME50", Name: "Welcome", Description: "50 EUR off", AmountCents: 5000, ExpirationAt: expires,
		Credits: []lago.Credit{{AmountCents: 3750}},
	})
	require.NoError(t, err)
	require.Len(t, fixed.Credits, 1)
	credit := fixed.Credits[0]
	assert.Equal(t, lago.AppliedCoupon{
		LagoID: fixed.LagoID, LagoCouponID: fixed.LagoCouponID, CouponCode: "WELCOME50", CouponName: "Welcome",
		CouponDescription: lago.Ptr("50 EUR off"), CouponStatus: lago.AppliedCouponStatusActive,
		LagoCustomerID: acme.LagoID, ExternalCustomerID: "acme", Status: lago.AppliedCouponStatusActive,
		AmountCents: lago.Ptr[int64](5000), AmountCentsRemaining: lago.Ptr[int64](1250), AmountCurrency: lago.Ptr("EUR"),
		Frequency: lago.CouponFrequencyOnce, ExpirationAt: &expires, CreatedAt: epoch,
		Credits: []lago.Credit{{
			LagoID: credit.LagoID, AmountCents: 3750, AmountCurrency: "EUR", BeforeTaxes: true,
			Item:    lago.CreditItem{LagoItemID: fixed.LagoCouponID, Type: lago.CreditItemTypeCoupon, Code: "WELCOME50", Name: "Welcome"},
			Invoice: lago.CreditInvoice{LagoID: credit.Invoice.LagoID, PaymentStatus: lago.InvoicePaymentStatusSucceeded},
		}},
	}, fixed)
	for _, id := range []string{fixed.LagoID, fixed.LagoCouponID, credit.LagoID, credit.Invoice.LagoID} {
		assert.Regexp(t, uuidPattern, id)
	}

	percent, err := h.srv.ApplyCoupon("acme", lagotest.Coupon{
		Code: "LOYAL10", PercentageRate: "10.0", Frequency: lago.CouponFrequencyRecurring, FrequencyDuration: 12,
		Credits: []lago.Credit{{AmountCents: 100}, {AmountCents: 90}},
	})
	require.NoError(t, err)
	assert.Equal(t, "LOYAL10", percent.CouponName)
	assert.Nil(t, percent.AmountCents)
	assert.Nil(t, percent.AmountCurrency)
	assert.Nil(t, percent.AmountCentsRemaining, "only one-time fixed amounts have a remainder")
	assert.Equal(t, lago.Ptr("10.0"), percent.PercentageRate)
	assert.Equal(t, lago.Ptr[int64](12), percent.FrequencyDuration)
	assert.Equal(t, lago.Ptr[int64](10), percent.FrequencyDurationRemaining)

	again, err := h.srv.ApplyCoupon("acme", lagotest.Coupon{Code: "WELCOME50", AmountCents: 1000})
	require.NoError(t, err)
	assert.Equal(t, fixed.LagoCouponID, again.LagoCouponID, "one coupon, one id")
	assert.NotEqual(t, fixed.LagoID, again.LagoID)
}

func TestListAppliedCoupons(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	h.create(lago.CustomerInput{ExternalID: "other"})
	apply := func(customer string, c lagotest.Coupon) lago.AppliedCoupon {
		ac, err := h.srv.ApplyCoupon(customer, c)
		require.NoError(t, err)
		h.clock.Advance(time.Second)
		return ac
	}
	oldest := apply("acme", lagotest.Coupon{Code: "A", AmountCents: 100, Credits: []lago.Credit{{AmountCents: 50}}})
	middle := apply("acme", lagotest.Coupon{Code: "B", PercentageRate: "5.5"})
	newest := apply("acme", lagotest.Coupon{Code: "A", AmountCents: 200, Frequency: lago.CouponFrequencyForever})
	apply("other", lagotest.Coupon{Code: "A", AmountCents: 100})
	_, err := h.client.DeleteAppliedCoupon(h.ctx(), "acme", middle.LagoID)
	require.NoError(t, err)
	middle.Status, middle.TerminatedAt = lago.AppliedCouponStatusTerminated, lago.Ptr(epoch.Add(4*time.Second))

	lagoIDs := func(acs []lago.AppliedCoupon) []string {
		ids := []string{}
		for _, ac := range acs {
			ids = append(ids, ac.LagoID)
		}
		return ids
	}
	tests := []struct {
		name string
		opts *lago.ListAppliedCouponsOptions
		want []string
		meta lago.PaginationMeta
	}{
		{name: "all, newest first", want: []string{newest.LagoID, middle.LagoID, oldest.LagoID},
			meta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 3}},
		{name: "active", opts: &lago.ListAppliedCouponsOptions{Status: lago.AppliedCouponStatusActive}, want: []string{newest.LagoID, oldest.LagoID},
			meta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 2}},
		{name: "terminated", opts: &lago.ListAppliedCouponsOptions{Status: lago.AppliedCouponStatusTerminated}, want: []string{middle.LagoID},
			meta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 1}},
		{name: "an unknown status is ignored", opts: &lago.ListAppliedCouponsOptions{Status: "expired"}, want: []string{newest.LagoID, middle.LagoID, oldest.LagoID},
			meta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 3}},
		{name: "coupon code", opts: &lago.ListAppliedCouponsOptions{CouponCodes: []string{"A"}}, want: []string{newest.LagoID, oldest.LagoID},
			meta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 2}},
		{name: "unknown coupon code", opts: &lago.ListAppliedCouponsOptions{CouponCodes: []string{"Z"}}, want: []string{}},
		{name: "second page", opts: &lago.ListAppliedCouponsOptions{Page: 2, PerPage: 2}, want: []string{oldest.LagoID},
			meta: lago.PaginationMeta{CurrentPage: 2, PrevPage: lago.Ptr[int64](1), TotalPages: 2, TotalCount: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := h.client.ListAppliedCoupons(h.ctx(), "acme", tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.want, lagoIDs(page.AppliedCoupons))
			assert.Equal(t, tt.meta, page.Meta)
		})
	}

	t.Run("items are the applied coupons with their credits", func(t *testing.T) {
		page, err := h.client.ListAppliedCoupons(h.ctx(), "acme", nil)
		require.NoError(t, err)
		newest.Credits, middle.Credits = []lago.Credit{}, []lago.Credit{}
		assert.Equal(t, []lago.AppliedCoupon{newest, middle, oldest}, page.AppliedCoupons)
	})
	t.Run("credits are sent even when empty", func(t *testing.T) {
		got := h.raw(http.MethodGet, "/customers/acme/applied_coupons?coupon_code[]=B", "", nil)
		require.Equal(t, http.StatusOK, got.status)
		assert.Contains(t, got.body, `"credits":[]`)
	})
	t.Run("unknown customer", func(t *testing.T) {
		_, err := h.client.ListAppliedCoupons(h.ctx(), "ghost", nil)
		requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
	})
}

func TestDeleteAppliedCoupon(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	h.create(lago.CustomerInput{ExternalID: "other"})
	ac, err := h.srv.ApplyCoupon("acme", lagotest.Coupon{Code: "A", AmountCents: 100, Credits: []lago.Credit{{AmountCents: 10}}})
	require.NoError(t, err)
	theirs, err := h.srv.ApplyCoupon("other", lagotest.Coupon{Code: "A", AmountCents: 100})
	require.NoError(t, err)

	h.clock.Advance(time.Hour)
	got := h.raw(http.MethodDelete, "/customers/acme/applied_coupons/"+ac.LagoID, "", nil)
	require.Equal(t, http.StatusOK, got.status, got.body)
	assert.NotContains(t, got.body, "credits", "DELETE answers without credits")

	want := ac
	want.Credits = nil
	want.Status, want.TerminatedAt = lago.AppliedCouponStatusTerminated, lago.Ptr(epoch.Add(time.Hour))
	h.clock.Advance(time.Hour)
	again, err := h.client.DeleteAppliedCoupon(h.ctx(), "acme", ac.LagoID)
	require.NoError(t, err, "deleting again answers 200 again")
	assert.Equal(t, want, *again, "and keeps the first termination time")

	notFound := `{"status":404,"error":"Not Found","code":"applied_coupon_not_found"}`
	for _, id := range []string{"not-a-uuid", "6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10", theirs.LagoID} {
		_, err := h.client.DeleteAppliedCoupon(h.ctx(), "acme", id)
		requireLagoError(t, err, http.StatusNotFound, notFound)
	}
	_, err = h.client.DeleteAppliedCoupon(h.ctx(), "ghost", ac.LagoID)
	requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
}
