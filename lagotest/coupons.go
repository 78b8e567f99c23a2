package lagotest

import (
	"fmt"
	"slices"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// Coupon is a coupon to apply to a customer with ApplyCoupon. The API has
// no operation that applies coupons, so tests set them up this way.
type Coupon struct {
	// Code identifies the coupon; required.
	Code string
	// Name is the coupon's name; Code when empty.
	Name string
	// Description is optional.
	Description string
	// AmountCents makes a fixed-amount coupon of this discount. Set it or
	// PercentageRate, not both.
	AmountCents int64
	// AmountCurrency is the currency of AmountCents; the customer's
	// currency when empty, or USD for a customer without one.
	AmountCurrency string
	// PercentageRate makes a percentage coupon of this rate, a decimal
	// string such as "10.0".
	PercentageRate string
	// Frequency is once when empty.
	Frequency lago.CouponFrequency
	// FrequencyDuration is the number of periods of a recurring coupon;
	// required for those, and only for those.
	FrequencyDuration int64
	// ExpirationAt is when the coupon stops applying; zero for never.
	ExpirationAt time.Time
	// Credits are the discounts the coupon produced, which the list of
	// applied coupons shows. Zero fields are filled in: ids, the currency,
	// the item (this coupon) and the invoice (paid).
	Credits []lago.Credit
}

func (cp *Coupon) check() error {
	switch {
	case cp.Code == "":
		return fmt.Errorf("lagotest: coupon without a code")
	case (cp.AmountCents > 0) == (cp.PercentageRate != ""):
		return fmt.Errorf("lagotest: coupon %q: set either AmountCents (> 0) or PercentageRate", cp.Code)
	case cp.PercentageRate != "" && !decimal.MatchString(cp.PercentageRate):
		return fmt.Errorf("lagotest: coupon %q: PercentageRate %q is not a decimal string", cp.Code, cp.PercentageRate)
	case cp.Frequency != "" && !cp.Frequency.Valid():
		return fmt.Errorf("lagotest: coupon %q: unknown frequency %q", cp.Code, cp.Frequency)
	case (cp.Frequency == lago.CouponFrequencyRecurring) != (cp.FrequencyDuration > 0):
		return fmt.Errorf("lagotest: coupon %q: a recurring coupon, and only one, needs FrequencyDuration > 0", cp.Code)
	}
	return nil
}

// ApplyCoupon applies a coupon to the live customer with this external id
// and returns the applied coupon as the list shows it, credits included.
// Its LagoID is what DeleteAppliedCoupon takes.
func (s *Server) ApplyCoupon(externalCustomerID string, cp Coupon) (lago.AppliedCoupon, error) {
	if err := cp.check(); err != nil {
		return lago.AppliedCoupon{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.store
	cust, err := st.liveCustomer(externalCustomerID)
	if err != nil {
		return lago.AppliedCoupon{}, err
	}
	couponID, ok := st.couponIDs[cp.Code]
	if !ok {
		couponID = st.ids.new()
		st.couponIDs[cp.Code] = couponID
	}
	if cp.Name == "" {
		cp.Name = cp.Code
	}
	if cp.Frequency == "" {
		cp.Frequency = lago.CouponFrequencyOnce
	}
	ac := gen.AppliedCoupon{
		LagoID:             st.ids.new(),
		LagoCouponID:       couponID,
		CouponCode:         cp.Code,
		CouponName:         cp.Name,
		CouponStatus:       gen.AppliedCouponStatusActive,
		LagoCustomerID:     cust.LagoID,
		ExternalCustomerID: cust.ExternalID,
		Status:             gen.AppliedCouponStatusActive,
		Frequency:          cp.Frequency,
		CreatedAt:          s.now(),
	}
	if cp.Description != "" {
		ac.CouponDescription = &cp.Description
	}
	if !cp.ExpirationAt.IsZero() {
		at := cp.ExpirationAt.UTC().Truncate(time.Second)
		ac.ExpirationAt = &at
	}
	currency := cust.currency()
	if cp.AmountCents > 0 {
		if cp.AmountCurrency != "" {
			currency = cp.AmountCurrency
		}
		ac.AmountCents, ac.AmountCurrency = &cp.AmountCents, &currency
	} else {
		ac.PercentageRate = &cp.PercentageRate
	}

	credits, err := clone(cp.Credits)
	if err != nil {
		return lago.AppliedCoupon{}, err
	}
	ac.Credits = make([]gen.Credit, len(credits))
	var credited int64
	for i, cr := range credits {
		ac.Credits[i] = st.fillCredit(cr, &ac, currency)
		credited += cr.AmountCents
	}
	// What is left: the amount of a one-time fixed-amount coupon, the
	// periods of a recurring one.
	if cp.AmountCents > 0 && cp.Frequency == lago.CouponFrequencyOnce {
		left := max(cp.AmountCents-credited, 0)
		ac.AmountCentsRemaining = &left
	}
	if cp.Frequency == lago.CouponFrequencyRecurring {
		left := max(cp.FrequencyDuration-int64(len(cp.Credits)), 0)
		ac.FrequencyDuration, ac.FrequencyDurationRemaining = &cp.FrequencyDuration, &left
	}
	cust.coupons = append(cust.coupons, &ac)
	out := ac
	out.Credits = slices.Clone(ac.Credits)
	return out, nil
}

func (st *store) fillCredit(cr gen.Credit, ac *gen.AppliedCoupon, currency string) gen.Credit {
	if cr.LagoID == "" {
		cr.LagoID = st.ids.new()
	}
	if cr.AmountCurrency == "" {
		cr.AmountCurrency = currency
	}
	// A coupon's discount always applies before taxes.
	cr.BeforeTaxes = true
	if cr.Item.Type == "" {
		cr.Item.Type = gen.CreditItemTypeCoupon
	}
	if cr.Item.LagoItemID == "" {
		cr.Item.LagoItemID = ac.LagoCouponID
	}
	if cr.Item.Code == "" {
		cr.Item.Code = ac.CouponCode
	}
	if cr.Item.Name == "" {
		cr.Item.Name = ac.CouponName
	}
	if cr.Invoice.LagoID == "" {
		cr.Invoice.LagoID = st.ids.new()
	}
	if cr.Invoice.PaymentStatus == "" {
		cr.Invoice.PaymentStatus = gen.InvoicePaymentStatusSucceeded
	}
	return cr
}

// appliedCouponItem is an applied coupon as the list shows it, with its
// credits even when there are none, which the omitempty tag of
// gen.AppliedCoupon would drop.
type appliedCouponItem struct {
	gen.AppliedCoupon
	Credits []gen.Credit `json:"credits"`
}

type appliedCouponPage struct {
	AppliedCoupons []appliedCouponItem `json:"applied_coupons"`
	Meta           gen.PaginationMeta  `json:"meta"`
}

// listAppliedCoupons answers the customer's applied coupons, newest first.
// Like Lago it ignores a status it does not know.
func (s *Server) listAppliedCoupons(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	status := gen.AppliedCouponStatus(c.query.Get("status"))
	codes := c.query["coupon_code[]"]
	items := []appliedCouponItem{}
	for _, ac := range slices.Backward(cust.coupons) {
		if status.Valid() && ac.Status != status || len(codes) > 0 && !slices.Contains(codes, ac.CouponCode) {
			continue
		}
		items = append(items, appliedCouponItem{AppliedCoupon: *ac, Credits: ac.Credits})
	}
	// Coupons are stored as they are applied, so backwards is newest first
	// among those applied in the same second, which the stable sort keeps.
	slices.SortStableFunc(items, func(a, b appliedCouponItem) int { return b.CreatedAt.Compare(a.CreatedAt) })
	page, meta := paginate(items, pagingOf(c.query))
	return okResponse(appliedCouponPage{AppliedCoupons: page, Meta: meta})
}

type appliedCouponEnvelope struct {
	AppliedCoupon gen.AppliedCoupon `json:"applied_coupon"`
}

// deleteAppliedCoupon terminates the applied coupon; one already
// terminated is answered as it is.
func (s *Server) deleteAppliedCoupon(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	id := c.path["applied_coupon_id"]
	i := slices.IndexFunc(cust.coupons, func(ac *gen.AppliedCoupon) bool { return ac.LagoID == id })
	if i < 0 {
		return notFound(codeAppliedCouponNotFound)
	}
	ac := cust.coupons[i]
	if ac.Status != gen.AppliedCouponStatusTerminated {
		now := c.now
		ac.Status, ac.TerminatedAt = gen.AppliedCouponStatusTerminated, &now
	}
	out := *ac
	out.Credits = nil
	return okResponse(appliedCouponEnvelope{AppliedCoupon: out})
}
