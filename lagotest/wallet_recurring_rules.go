package lagotest

import (
	"slices"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// checkRules validates recurring rules: at most one, and each complete
// for its trigger and method. Lago reports a bad rule without saying what
// is wrong with it.
// An item naming an existing rule by lago_id only needs valid values.
func checkRules(errs fieldErrors, rules []ruleInput, existing []gen.RecurringTransactionRule) {
	if len(rules) > 1 {
		errs.add("recurring_transaction_rules", "invalid_number_of_recurring_rules")
		return
	}
	for _, r := range rules {
		id, _ := r.LagoID.Get()
		known := slices.ContainsFunc(existing, func(e gen.RecurringTransactionRule) bool { return e.LagoID == id })
		if !validRule(r, known) {
			errs.add("recurring_transaction_rules", "invalid_recurring_rule")
		}
	}
}

func validRule(r ruleInput, known bool) bool {
	if known {
		return validRuleValues(r)
	}
	interval, hasInterval := r.Interval.Get()
	_, hasThreshold := r.ThresholdCredits.Get()
	method, _ := r.Method.Get()
	switch {
	case r.Trigger == gen.RecurringRuleTriggerInterval && (!hasInterval || !slices.Contains([]gen.RecurringRuleInterval{
		gen.RecurringRuleIntervalWeekly, gen.RecurringRuleIntervalMonthly, gen.RecurringRuleIntervalQuarterly,
		gen.RecurringRuleIntervalSemiannual, gen.RecurringRuleIntervalYearly}, interval)):
		return false
	case r.Trigger == gen.RecurringRuleTriggerThreshold && !hasThreshold:
		return false
	case r.Trigger != gen.RecurringRuleTriggerInterval && r.Trigger != gen.RecurringRuleTriggerThreshold:
		return false
	case method != "" && method != gen.RecurringRuleMethodFixed && method != gen.RecurringRuleMethodTarget:
		return false
	}
	if method == gen.RecurringRuleMethodTarget {
		if _, ok := r.TargetOngoingBalance.Get(); !ok {
			return false
		}
	}
	return validRuleValues(r)
}

// validRuleValues checks the decimals of a rule.
func validRuleValues(r ruleInput) bool {
	for _, d := range []lago.Nullable[string]{r.PaidCredits, r.GrantedCredits, r.TargetOngoingBalance, r.ThresholdCredits} {
		if v, ok := d.Get(); ok {
			if _, ok := parseDecimal(v); !ok {
				return false
			}
		}
	}
	return true
}

// replaceRules makes rules the wallet's active rules: an item with the
// lago_id of an active rule changes it, one without is created, and active
// rules not listed end.
func (st *store) replaceRules(w *wallet, rules []ruleInput, now time.Time) {
	out := []gen.RecurringTransactionRule{}
	for _, in := range rules {
		rule := gen.RecurringTransactionRule{
			LagoID: st.ids.new(), Status: gen.RecurringRuleStatusActive, CreatedAt: now,
			Method: gen.RecurringRuleMethodFixed, PaidCredits: "0.0", GrantedCredits: "0.0", ThresholdCredits: "0.0",
			TransactionMetadata: []gen.TransactionMetadata{}, AppliedInvoiceCustomSections: []gen.AppliedInvoiceCustomSection{},
			PaymentMethod: gen.PaymentMethodReference{PaymentMethodType: gen.PaymentMethodTypeProvider},
		}
		if id, ok := in.LagoID.Get(); ok {
			if i := slices.IndexFunc(w.RecurringTransactionRules, func(r gen.RecurringTransactionRule) bool { return r.LagoID == id }); i >= 0 {
				rule = w.RecurringTransactionRules[i]
			}
		}
		rule.Trigger = in.Trigger
		setIf(&rule.Method, in.Method)
		if v, ok := in.Interval.Get(); ok {
			rule.Interval = &v
		} else if in.Interval.IsNull() {
			rule.Interval = nil
		}
		for _, d := range []struct {
			dst *string
			in  lago.Nullable[string]
		}{{&rule.PaidCredits, in.PaidCredits}, {&rule.GrantedCredits, in.GrantedCredits}, {&rule.ThresholdCredits, in.ThresholdCredits}} {
			if v, ok := d.in.Get(); ok {
				r, _ := parseDecimal(v)
				*d.dst = decimalString(r)
			}
		}
		if v, ok := in.TargetOngoingBalance.Get(); ok {
			r, _ := parseDecimal(v)
			s := decimalString(r)
			rule.TargetOngoingBalance = &s
		}
		setIf(&rule.GrantsTargetTopUp, in.GrantsTargetTopUp)
		setIf(&rule.InvoiceRequiresSuccessfulPayment, in.InvoiceRequiresSuccessfulPayment)
		setIf(&rule.IgnorePaidTopUpLimits, in.IgnorePaidTopUpLimits)
		if in.StartedAt.IsSet() {
			rule.StartedAt = pointer(in.StartedAt)
		}
		if in.ExpirationAt.IsSet() {
			rule.ExpirationAt = pointer(in.ExpirationAt)
		}
		if items, ok := in.TransactionMetadata.Get(); ok {
			rule.TransactionMetadata = orEmpty(items)
		}
		if in.TransactionName.IsSet() {
			rule.TransactionName = pointer(in.TransactionName)
		}
		if in.PurchaseOrderNumber.IsSet() {
			rule.PurchaseOrderNumber, _ = purchaseOrder(in.PurchaseOrderNumber)
		}
		if sec, ok := in.InvoiceCustomSection.Get(); ok {
			rule.AppliedInvoiceCustomSections = st.appliedSections(sec, now)
		}
		if pm, ok := in.PaymentMethod.Get(); ok {
			rule.PaymentMethod = paymentMethodReference(pm)
		}
		out = append(out, rule)
	}
	w.RecurringTransactionRules = out
}
