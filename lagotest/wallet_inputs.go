package lagotest

import (
	"math/big"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// The wallet bodies as Lago reads them. The request types of package gen
// refuse, when decoding, a decimal that is not one (lago.DecimalInput),
// where Lago takes the body and reports the field. These types shadow the
// decimal fields with plain strings, which encoding/json prefers to the
// embedded ones, being shallower.

type walletInput struct {
	gen.WalletInput
	RateAmount                string                     `json:"rate_amount"`
	PaidCredits               lago.Nullable[string]      `json:"paid_credits,omitzero"`
	GrantedCredits            lago.Nullable[string]      `json:"granted_credits,omitzero"`
	RecurringTransactionRules lago.Nullable[[]ruleInput] `json:"recurring_transaction_rules,omitzero"`
}

type walletUpdateInput struct {
	gen.WalletUpdateInput
	RecurringTransactionRules lago.Nullable[[]ruleInput] `json:"recurring_transaction_rules,omitzero"`
}

type ruleInput struct {
	gen.RecurringTransactionRuleInput
	GrantedCredits       lago.Nullable[string] `json:"granted_credits,omitzero"`
	PaidCredits          lago.Nullable[string] `json:"paid_credits,omitzero"`
	TargetOngoingBalance lago.Nullable[string] `json:"target_ongoing_balance,omitzero"`
	ThresholdCredits     lago.Nullable[string] `json:"threshold_credits,omitzero"`
}

// checkEntity answers 404 for a billing entity the organization lacks.
// Package lagotest knows entities by code only, so any billing_entity_id is
// unknown.
func (st *store) checkEntity(code, id lago.Nullable[string]) (response, bool) {
	if v, ok := code.Get(); ok && v != "" && !st.hasEntity(v) {
		return notFound(codeBillingEntityNotFound), true
	}
	if v, ok := id.Get(); ok && v != "" {
		return notFound(codeBillingEntityNotFound), true
	}
	return response{}, false
}

// checkTopUpLimits checks the paid top-up limits, nil meaning none.
func checkTopUpLimits(errs fieldErrors, minCents, maxCents *int64) {
	if minCents != nil && *minCents <= 0 {
		errs.add("paid_top_up_min_amount_cents", "value_is_out_of_range")
	}
	if maxCents != nil && *maxCents <= 0 {
		errs.add("paid_top_up_max_amount_cents", "value_is_out_of_range")
	}
	if minCents != nil && maxCents != nil && *maxCents < *minCents {
		errs.add("paid_top_up_max_amount_cents", "must_be_greater_than_or_equal_min")
	}
}

// checkCredits validates the credits of a top-up and returns them, zero
// when absent or invalid.
func checkCredits(errs fieldErrors, field string, in lago.Nullable[string], rate *big.Rat, minCents, maxCents *int64, ignoreLimits bool) *big.Rat {
	s, ok := in.Get()
	if !ok {
		return new(big.Rat)
	}
	credits, ok := parseDecimal(s)
	if !ok || credits.Sign() < 0 {
		errs.add(field, "invalid_"+field)
		errs.add(field, "invalid_amount")
		return new(big.Rat)
	}
	if credits.Sign() == 0 {
		return credits
	}
	amount := cents(new(big.Rat).Mul(credits, rate))
	switch {
	case amount == 0:
		errs.add(field, "amount_rounds_to_zero")
	case !ignoreLimits && minCents != nil && amount < *minCents:
		errs.add(field, "amount_below_minimum")
	case !ignoreLimits && maxCents != nil && amount > *maxCents:
		errs.add(field, "amount_above_maximum")
	}
	return credits
}

// purchaseOrder trims the number as Lago does, blank meaning null, and
// reports whether it fits.
func purchaseOrder(in lago.Nullable[string]) (*string, bool) {
	s, ok := in.Get()
	s = strings.TrimSpace(s)
	if !ok || s == "" {
		return nil, true
	}
	return &s, utf8.RuneCountInString(s) <= maxPurchaseOrderNumber
}

// validLimitations reports whether every fee type is one Lago knows and
// every billable metric code one the organization has.
func (st *store) validLimitations(applies gen.WalletAppliesToInput) bool {
	types, _ := applies.FeeTypes.Get()
	codes, _ := applies.BillableMetricCodes.Get()
	return validFeeTypes(types) && st.knownMetrics(codes)
}

func validFeeTypes(types []gen.WalletFeeType) bool {
	for _, t := range types {
		if !slices.Contains(allFeeTypes, t) {
			return false
		}
	}
	return true
}

func (st *store) knownMetrics(codes []string) bool {
	for _, code := range codes {
		if !st.walletData.metrics[code] {
			return false
		}
	}
	return true
}

// checkTransactionMetadata applies Lago's limits, reporting under
// "metadata" as Lago does.
func checkTransactionMetadata(errs fieldErrors, items []gen.TransactionMetadata) {
	if len(items) > maxTransactionMetadata {
		errs.add("metadata", "too_many_keys")
		return
	}
	for _, it := range items {
		switch {
		case utf8.RuneCountInString(it.Key) > maxTransactionKey:
			errs.add("metadata", "key_too_long")
			return
		case utf8.RuneCountInString(it.Value) > maxTransactionValue:
			errs.add("metadata", "value_too_long")
			return
		}
	}
}

// validPaymentMethod refuses a manual payment method that names a
// provider's payment method.
func validPaymentMethod(pm gen.PaymentMethodReferenceInput) bool {
	t, _ := pm.PaymentMethodType.Get()
	id, _ := pm.PaymentMethodID.Get()
	switch t {
	case gen.PaymentMethodTypeManual:
		return id == ""
	case "", gen.PaymentMethodTypeProvider:
		return true
	}
	return false
}

func paymentMethodReference(pm gen.PaymentMethodReferenceInput) gen.PaymentMethodReference {
	out := gen.PaymentMethodReference{PaymentMethodType: gen.PaymentMethodTypeProvider}
	if t, ok := pm.PaymentMethodType.Get(); ok {
		out.PaymentMethodType = t
	}
	if id, ok := pm.PaymentMethodID.Get(); ok && id != "" {
		out.PaymentMethodID = &id
	}
	return out
}

// appliedSections selects the organization's invoice custom sections
// with these codes; unknown codes are skipped.
func (st *store) appliedSections(in gen.InvoiceCustomSectionInput, now time.Time) []gen.AppliedInvoiceCustomSection {
	out := []gen.AppliedInvoiceCustomSection{}
	if skip, _ := in.SkipInvoiceCustomSections.Get(); skip {
		return out
	}
	codes, _ := in.InvoiceCustomSectionCodes.Get()
	for _, code := range codes {
		if sec, ok := st.sections[code]; ok {
			id := sec.LagoID
			applied := gen.AppliedInvoiceCustomSection{LagoID: st.ids.new(), CreatedAt: now, InvoiceCustomSection: sec}
			// The spec deprecates invoice_custom_section_id, but Lago still
			// sends it next to invoice_custom_section, so the fake must too.
			applied.InvoiceCustomSectionID = &id //nolint:staticcheck // SA1019: Lago still sends the deprecated key.
			out = append(out, applied)
		}
	}
	return out
}
