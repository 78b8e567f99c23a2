package lagotest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
)

// Lago's limits on wallets.
const (
	maxActiveWallets       = 6
	defaultWalletPriority  = 50
	maxPurchaseOrderNumber = 255
	maxTransactionMetadata = 5
	maxTransactionKey      = 20
	maxTransactionValue    = 100
)

// Lago's codes for wallet errors.
const (
	codeWalletNotFound   = "wallet_not_found"
	codeMetadataNotFound = "metadata_not_found"
	codeAlertNotFound    = "alert_not_found"
)

// walletData is what the store keeps for wallets beside the customers.
type walletData struct {
	// metrics are the billable metric codes a wallet may be restricted
	// to; see AddBillableMetrics.
	metrics map[string]bool
	// orgID is the organization's lago_id, which alerts carry.
	orgID string
}

// wallet is one wallet with what Lago keeps beside what it answers.
type wallet struct {
	gen.Wallet
	rate     *big.Rat
	credits  *big.Rat
	consumed *big.Rat
	// pending are the credits of the initial top-up, which Lago adds in the
	// background; SettleWalletTopUps adds them.
	pending *big.Rat
	// unpaid are the paid credits of the initial top-up of a wallet whose
	// invoice requires a successful payment: they wait for PayWalletTopUps.
	unpaid *big.Rat
	// ownEntity is set when the wallet has a billing entity of its own.
	ownEntity bool
	alerts    []*walletAlert
}

// allFeeTypes are the fee types Lago accepts in applies_to, more than the
// published enum.
var allFeeTypes = []gen.WalletFeeType{
	gen.WalletFeeTypeCharge, gen.WalletFeeTypeAddOn, gen.WalletFeeTypeSubscription, gen.WalletFeeTypeCredit,
	gen.WalletFeeTypeCommitment, gen.WalletFeeTypeFixedCharge, gen.WalletFeeTypeProduct,
}

// walletView is a wallet as Lago answers it: terminated_at with
// milliseconds (Lago sends it unformatted), and metadata left out when the
// wallet has none but sent when it is empty.
type walletView struct {
	gen.Wallet
	TerminatedAt *string             `json:"terminated_at"`
	Metadata     *gen.WalletMetadata `json:"metadata,omitempty"`
}

type walletEnvelope struct {
	Wallet walletView `json:"wallet"`
}

type walletPage struct {
	Wallets []walletView       `json:"wallets"`
	Meta    gen.PaginationMeta `json:"meta"`
}

// millis is how Rails writes a raw timestamp.
const millis = "2006-01-02T15:04:05.000Z07:00"

func (w *wallet) view() walletView {
	v := walletView{Wallet: w.api()}
	v.Wallet.Metadata, v.Wallet.TerminatedAt = nil, nil
	if w.TerminatedAt != nil {
		s := w.TerminatedAt.UTC().Format(millis)
		v.TerminatedAt = &s
	}
	if w.Metadata != nil {
		md := w.api().Metadata
		v.Metadata = &md
	}
	return v
}

// api is the wallet as the lago package decodes it, deep enough a copy
// for a helper to return.
func (w *wallet) api() gen.Wallet {
	out := w.Wallet
	out.CreditsBalance = decimalString(w.credits)
	out.CreditsOngoingBalance = out.CreditsBalance
	out.CreditsOngoingUsageBalance = "0.0"
	out.ConsumedCredits = decimalString(w.consumed)
	out.BalanceCents = cents(new(big.Rat).Mul(w.credits, w.rate))
	out.OngoingBalanceCents = out.BalanceCents
	out.OngoingUsageBalanceCents = 0
	out.RecurringTransactionRules = slices.Clone(w.RecurringTransactionRules)
	out.AppliedInvoiceCustomSections = slices.Clone(w.AppliedInvoiceCustomSections)
	out.AppliesTo.FeeTypes = slices.Clone(w.AppliesTo.FeeTypes)
	out.AppliesTo.BillableMetricCodes = slices.Clone(w.AppliesTo.BillableMetricCodes)
	if w.Metadata != nil {
		out.Metadata = gen.WalletMetadata{}
		for k, v := range w.Metadata {
			out.Metadata[k] = v
		}
	}
	return out
}

func (w *wallet) active() bool { return w.Status == gen.WalletStatusActive }

// walletByCode is the wallet GET, PUT and DELETE /wallets/{code} find:
// Lago looks the code up without ordering or status, which in practice
// finds the oldest wallet with it, terminated or not.
func (c *customer) walletByCode(code string) (*wallet, bool) {
	for _, w := range c.wallets {
		if w.Code != nil && *w.Code == code {
			return w, true
		}
	}
	return nil, false
}

// activeWalletByCode is the wallet the metadata and alert routes find:
// the active one with the code first.
func (c *customer) activeWalletByCode(code string) (*wallet, bool) {
	for _, w := range c.wallets {
		if w.active() && w.Code != nil && *w.Code == code {
			return w, true
		}
	}
	return c.walletByCode(code)
}

func (c *customer) activeWallets() int {
	n := 0
	for _, w := range c.wallets {
		if w.active() {
			n++
		}
	}
	return n
}

// codeTaken reports whether an active wallet other than self has code.
func (c *customer) codeTaken(code string, self *wallet) bool {
	return slices.ContainsFunc(c.wallets, func(w *wallet) bool {
		return w != self && w.active() && w.Code != nil && *w.Code == code
	})
}

var nonAlphanumeric = regexp.MustCompile(`[^a-z0-9]+`)

// walletCode is the code Lago gives a wallet created without one: its
// name in lower case with "_" for everything else, or "default", with a
// timestamp suffix when an active wallet has that code already.
func (c *customer) walletCode(name string, now time.Time) string {
	code := nonAlphanumeric.ReplaceAllString(strings.ToLower(name), "_")
	if strings.Trim(code, "_") == "" {
		code = "default"
	}
	if c.codeTaken(code, nil) {
		code = fmt.Sprintf("%s_%d", code, now.Unix())
	}
	return code
}

const walletRoot = "param is missing or the value is empty or invalid: wallet"

// createWallet checks and creates a wallet. Its initial top-up is kept
// pending, as Lago runs it after answering: the response shows no credits.
func (s *Server) createWallet(c *call) response {
	var body struct {
		Wallet walletInput `json:"wallet"`
	}
	if err := json.Unmarshal(c.body, &body); err != nil {
		return badRequest(walletRoot)
	}
	in := &body.Wallet
	st := s.store
	cust, ok := st.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	if rep, bad := st.checkEntity(in.BillingEntityCode, in.BillingEntityID); bad {
		return rep
	}

	errs := fieldErrors{}
	currency, _ := in.Currency.Get()
	if currency == "" && cust.Currency != nil {
		currency = *cust.Currency
	}
	if !isIn(currencyCodes, currency) {
		errs.add("currency", "value_is_invalid")
	}
	rate, ok := parseDecimal(in.RateAmount)
	if !ok || rate.Sign() <= 0 {
		errs.add("rate_amount", "value_is_out_of_range")
		rate = big.NewRat(1, 1)
	}
	priority := int64(defaultWalletPriority)
	if p, ok := in.Priority.Get(); ok {
		if p < 1 || p > 50 {
			errs.add("priority", "value_is_invalid")
		}
		priority = p
	}
	if t, ok := in.ExpirationAt.Get(); ok && !t.After(c.now) {
		errs.add("expiration_at", "invalid_date")
	}
	minCents, maxCents := pointer(in.PaidTopUpMinAmountCents), pointer(in.PaidTopUpMaxAmountCents)
	checkTopUpLimits(errs, minCents, maxCents)
	ignoreLimits, _ := in.IgnorePaidTopUpLimitsOnCreation.Get()
	paid := checkCredits(errs, "paid_credits", in.PaidCredits, rate, minCents, maxCents, ignoreLimits)
	granted := checkCredits(errs, "granted_credits", in.GrantedCredits, rate, nil, nil, true)
	po, poOK := purchaseOrder(in.PurchaseOrderNumber)
	if !poOK {
		errs.add("purchase_order_number", "value_is_too_long")
	}
	if applies, ok := in.AppliesTo.Get(); ok && !st.validLimitations(applies) {
		errs.add("applies_to", "invalid_limitations")
	}
	rules, _ := in.RecurringTransactionRules.Get()
	checkRules(errs, rules, nil)
	if items, _ := in.TransactionMetadata.Get(); len(items) > 0 {
		checkTransactionMetadata(errs, items)
	}
	if pm, ok := in.PaymentMethod.Get(); ok && !validPaymentMethod(pm) {
		errs.add("payment_method", "invalid_payment_method")
	}
	code, _ := in.Code.Get()
	if code != "" && cust.codeTaken(code, nil) {
		errs.add("code", "value_already_exist")
	}
	if cust.activeWallets() >= maxActiveWallets {
		errs.add("customer", "wallet_limit_reached")
	}
	if len(errs) > 0 {
		return validationFailed(errs)
	}

	if cust.Currency == nil {
		cust.Currency = &currency
	}
	if code == "" {
		name, _ := in.Name.Get()
		code = cust.walletCode(name, c.now)
	}
	w := &wallet{
		Wallet: gen.Wallet{
			LagoID:                       st.ids.new(),
			LagoCustomerID:               cust.LagoID,
			ExternalCustomerID:           cust.ExternalID,
			BillingEntityCode:            cust.BillingEntityCode,
			Status:                       gen.WalletStatusActive,
			Currency:                     currency,
			Code:                         &code,
			Priority:                     priority,
			PurchaseOrderNumber:          po,
			RateAmount:                   decimalString(rate),
			CreatedAt:                    c.now,
			RecurringTransactionRules:    []gen.RecurringTransactionRule{},
			AppliesTo:                    gen.WalletAppliesTo{FeeTypes: []gen.WalletFeeType{}, BillableMetricCodes: []string{}},
			AppliedInvoiceCustomSections: []gen.AppliedInvoiceCustomSection{},
			PaymentMethod:                gen.PaymentMethodReference{PaymentMethodType: gen.PaymentMethodTypeProvider},
		},
		rate:     rate,
		credits:  new(big.Rat),
		consumed: new(big.Rat),
		pending:  new(big.Rat).Add(paid, granted),
		unpaid:   new(big.Rat),
	}
	if name, ok := in.Name.Get(); ok {
		w.Name = &name
	}
	if t, ok := in.ExpirationAt.Get(); ok {
		t = t.UTC().Truncate(time.Second)
		w.ExpirationAt = &t
	}
	w.InvoiceRequiresSuccessfulPayment, _ = in.InvoiceRequiresSuccessfulPayment.Get()
	if w.InvoiceRequiresSuccessfulPayment {
		// The top-up keeps the setting it was made with, whatever later
		// updates say.
		w.pending, w.unpaid = granted, paid
	}
	w.PaidTopUpMinAmountCents = pointer(in.PaidTopUpMinAmountCents)
	w.PaidTopUpMaxAmountCents = pointer(in.PaidTopUpMaxAmountCents)
	if entity, ok := in.BillingEntityCode.Get(); ok && entity != "" {
		w.BillingEntityCode, w.ownEntity = entity, true
	}
	if applies, ok := in.AppliesTo.Get(); ok {
		if types, ok := applies.FeeTypes.Get(); ok {
			w.AppliesTo.FeeTypes = nonNil(types)
		}
		if codes, ok := applies.BillableMetricCodes.Get(); ok {
			w.AppliesTo.BillableMetricCodes = nonNil(codes)
		}
	}
	st.replaceRules(w, rules, c.now)
	if sec, ok := in.InvoiceCustomSection.Get(); ok {
		w.AppliedInvoiceCustomSections = st.appliedSections(sec, c.now)
	}
	if pm, ok := in.PaymentMethod.Get(); ok {
		w.PaymentMethod = paymentMethodReference(pm)
	}
	// An invalid metadata object is dropped on create, the wallet kept.
	if md, ok := in.Metadata.Get(); ok && md != nil && len(metadataProblems(md, nil)) == 0 {
		w.Metadata = cloneMetadata(md)
	}
	cust.wallets = append(cust.wallets, w)
	s.emitWalletCreated(w, paid, granted)
	return okResponse(walletEnvelope{w.view()})
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
			rule.TransactionMetadata = nonNil(items)
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

// setIf assigns the value of n, when it has one.
func setIf[T any](dst *T, n lago.Nullable[T]) {
	if v, ok := n.Get(); ok {
		*dst = v
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) getWallet(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	w, ok := cust.walletByCode(c.path["code"])
	if !ok {
		return notFound(codeWalletNotFound)
	}
	return okResponse(walletEnvelope{w.view()})
}

// updateWallet changes the keys the body carries, as Lago's update
// service does: by key presence, except code, priority and
// invoice_requires_successful_payment, which a null leaves alone, and
// applies_to.billable_metric_codes, which is always replaced, by nothing
// when absent. A terminated wallet is refused.
func (s *Server) updateWallet(c *call) response {
	var body struct {
		Wallet walletUpdateInput `json:"wallet"`
	}
	if err := json.Unmarshal(c.body, &body); err != nil {
		return badRequest(walletRoot)
	}
	in := &body.Wallet
	st := s.store
	cust, ok := st.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	w, ok := cust.walletByCode(c.path["code"])
	if !ok {
		return notFound(codeWalletNotFound)
	}
	if rep, bad := st.checkEntity(in.BillingEntityCode, in.BillingEntityID); bad {
		return rep
	}
	if !w.active() {
		return terminatedWallet()
	}

	errs := fieldErrors{}
	code, _ := in.Code.Get()
	if code != "" && cust.codeTaken(code, w) {
		errs.add("code", "value_already_exist")
	}
	if p, ok := in.Priority.Get(); ok && p != 0 && (p < 1 || p > 50) {
		errs.add("priority", "value_is_invalid")
	}
	if t, ok := in.ExpirationAt.Get(); ok && !t.After(c.now) {
		errs.add("expiration_at", "invalid_date")
	}
	minCents, maxCents := w.PaidTopUpMinAmountCents, w.PaidTopUpMaxAmountCents
	if in.PaidTopUpMinAmountCents.IsSet() {
		minCents = pointer(in.PaidTopUpMinAmountCents)
	}
	if in.PaidTopUpMaxAmountCents.IsSet() {
		maxCents = pointer(in.PaidTopUpMaxAmountCents)
	}
	checkTopUpLimits(errs, minCents, maxCents)
	po, poOK := purchaseOrder(in.PurchaseOrderNumber)
	if !poOK {
		errs.add("purchase_order_number", "value_is_too_long")
	}
	applies, _ := in.AppliesTo.Get()
	if types, _ := applies.FeeTypes.Get(); !validFeeTypes(types) {
		errs.add("allowed_fee_types", "invalid_fee_types")
	}
	metricCodes, _ := applies.BillableMetricCodes.Get()
	if !st.knownMetrics(metricCodes) {
		errs.add("billable_metrics", "invalid_identifier")
	}
	rules, _ := in.RecurringTransactionRules.Get()
	checkRules(errs, rules, w.RecurringTransactionRules)
	if pm, ok := in.PaymentMethod.Get(); ok && !validPaymentMethod(pm) {
		errs.add("payment_method", "invalid_payment_method")
	}
	md, _ := in.Metadata.Get()
	for _, p := range metadataProblems(md, nil) {
		errs.add("value", p)
	}
	if len(errs) > 0 {
		return validationFailed(errs)
	}

	if in.Name.IsSet() {
		w.Name = pointer(in.Name)
	}
	if code != "" {
		w.Code = &code
	}
	if p, ok := in.Priority.Get(); ok && p != 0 {
		w.Priority = p
	}
	if in.ExpirationAt.IsSet() {
		w.ExpirationAt = nil
		if t, ok := in.ExpirationAt.Get(); ok {
			t = t.UTC().Truncate(time.Second)
			w.ExpirationAt = &t
		}
	}
	setIf(&w.InvoiceRequiresSuccessfulPayment, in.InvoiceRequiresSuccessfulPayment)
	if in.PurchaseOrderNumber.IsSet() {
		w.PurchaseOrderNumber = po
	}
	if in.PaidTopUpMinAmountCents.IsSet() {
		w.PaidTopUpMinAmountCents = pointer(in.PaidTopUpMinAmountCents)
	}
	if in.PaidTopUpMaxAmountCents.IsSet() {
		w.PaidTopUpMaxAmountCents = pointer(in.PaidTopUpMaxAmountCents)
	}
	if entity, ok := in.BillingEntityCode.Get(); ok {
		w.BillingEntityCode, w.ownEntity = entity, entity != ""
		if entity == "" {
			w.BillingEntityCode = cust.BillingEntityCode
		}
	}
	if types, ok := applies.FeeTypes.Get(); ok {
		w.AppliesTo.FeeTypes = nonNil(types)
	} else if applies.FeeTypes.IsNull() {
		w.AppliesTo.FeeTypes = []gen.WalletFeeType{}
	}
	// Lago reconciles the metric targets with the list sent, absent or not.
	w.AppliesTo.BillableMetricCodes = nonNil(metricCodes)
	if in.RecurringTransactionRules.IsSet() {
		st.replaceRules(w, rules, c.now)
	}
	if sec, ok := in.InvoiceCustomSection.Get(); ok {
		w.AppliedInvoiceCustomSections = st.appliedSections(sec, c.now)
	}
	if pm, ok := in.PaymentMethod.Get(); ok {
		w.PaymentMethod = paymentMethodReference(pm)
	}
	if in.Metadata.IsSet() {
		w.Metadata = cloneMetadata(md)
	}
	s.emitWallet(eventWalletUpdated, w)
	return okResponse(walletEnvelope{w.view()})
}

// pointer is the value of n, nil when absent or null.
func pointer[T any](n lago.Nullable[T]) *T {
	if v, ok := n.Get(); ok {
		return &v
	}
	return nil
}

func terminatedWallet() response {
	return validationFailed(fieldErrors{"wallet_id": {"wallet_is_terminated"}})
}

// terminateWallet ends the wallet and its rules, keeping its credits; a
// terminated wallet is answered as it is.
func (s *Server) terminateWallet(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	w, ok := cust.walletByCode(c.path["code"])
	if !ok {
		return notFound(codeWalletNotFound)
	}
	if w.active() {
		// Lago stores and sends this one with milliseconds.
		at := s.cfg.clock().UTC().Truncate(time.Millisecond)
		w.Status, w.TerminatedAt = gen.WalletStatusTerminated, &at
		w.RecurringTransactionRules = []gen.RecurringTransactionRule{}
		s.emitWallet(eventWalletTerminated, w)
	}
	return okResponse(walletEnvelope{w.view()})
}

// listWallets answers the customer's wallets, terminated ones included,
// newest first.
func (s *Server) listWallets(c *call) response {
	st := s.store
	cust, ok := st.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	entities := c.query["billing_entity_codes[]"]
	for _, e := range entities {
		if !st.hasEntity(e) {
			return notFound(codeBillingEntityNotFound)
		}
	}
	currency := c.query.Get("currency")
	items := []walletView{}
	for _, w := range slices.Backward(cust.wallets) {
		if len(entities) > 0 && !slices.Contains(entities, w.BillingEntityCode) || currency != "" && w.Currency != currency {
			continue
		}
		items = append(items, w.view())
	}
	slices.SortStableFunc(items, func(a, b walletView) int { return b.CreatedAt.Compare(a.CreatedAt) })
	page, meta := paginate(items, pagingOf(c.query))
	return okResponse(walletPage{Wallets: page, Meta: meta})
}

// walletRootProblem is rootProblem for the wallet operations: their bodies
// need a non-empty wallet or alert object, or for a batch of alerts a
// non-empty alerts list. The metadata routes need nothing.
func walletRootProblem(op string, r *http.Request, body []byte) (response, bool) {
	switch op {
	case OpCreateWallet, OpUpdateWallet:
		return rootProblem(r, body, "wallet")
	case OpCreateWalletAlert:
		var batch struct {
			Alerts []json.RawMessage `json:"alerts"`
		}
		if json.Unmarshal(body, &batch) == nil && len(batch.Alerts) > 0 {
			return response{}, false
		}
		return rootProblem(r, body, "alert")
	case OpUpdateWalletAlert:
		return rootProblem(r, body, "alert")
	}
	return response{}, false
}

// ownedByWalletHandler leaves every body problem of the wallet operations
// to their handlers, which answer with Lago's codes, or drop unknown keys
// as Lago does.
func ownedByWalletHandler(op string, v specval.Violation) bool {
	return walletOps[op] && v.In == "body"
}

var walletOps = map[string]bool{
	OpCreateWallet: true, OpUpdateWallet: true, OpReplaceWalletMetadata: true, OpMergeWalletMetadata: true,
	OpCreateWalletAlert: true, OpUpdateWalletAlert: true,
}

// ErrUnknownWallet is returned by the wallet helpers when the customer has
// no wallet with the code given.
var ErrUnknownWallet = errors.New("lagotest: no wallet with this code")

// helperWallet finds the wallet a helper works on, the active one first.
func (st *store) helperWallet(externalCustomerID, code string) (*wallet, error) {
	cust, err := st.liveCustomer(externalCustomerID)
	if err != nil {
		return nil, err
	}
	w, ok := cust.activeWalletByCode(code)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownWallet, code)
	}
	return w, nil
}

// SettleWalletTopUps runs what Lago does in the background after a wallet
// is created, and returns the wallet as GET then answers it. The wallet is
// the customer's active one with this code. Settling again adds nothing.
//
// The granted credits of the initial top-up are added to the balance, as
// Lago adds them. Lago adds paid credits only once the payment of the
// top-up's invoice succeeds. For a wallet created with
// InvoiceRequiresSuccessfulPayment they wait here too, until
// PayWalletTopUps; for any other wallet SettleWalletTopUps takes the
// invoice as paid at once and adds the paid credits as well, so that a
// test of a wallet's balance needs one call. No invoice is created for a
// top-up: the customer's invoice list does not show it.
func (s *Server) SettleWalletTopUps(externalCustomerID, walletCode string) (lago.Wallet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store.helperWallet(externalCustomerID, walletCode)
	if err != nil {
		return lago.Wallet{}, err
	}
	s.credit(w, w.pending)
	w.pending = new(big.Rat)
	s.emitTopUps(w)
	return w.api(), nil
}

// PayWalletTopUps marks the payment of the wallet's initial top-up
// succeeded, as a payment provider or a payment recorded in Lago would:
// it does what SettleWalletTopUps does, and adds the paid credits that a
// wallet created with InvoiceRequiresSuccessfulPayment keeps waiting. It
// returns the wallet as GET then answers it; paying again adds nothing.
func (s *Server) PayWalletTopUps(externalCustomerID, walletCode string) (lago.Wallet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store.helperWallet(externalCustomerID, walletCode)
	if err != nil {
		return lago.Wallet{}, err
	}
	s.credit(w, new(big.Rat).Add(w.pending, w.unpaid))
	w.pending, w.unpaid = new(big.Rat), new(big.Rat)
	s.emitTopUps(w)
	return w.api(), nil
}

// credit adds credits to the wallet's balance, if there are any.
func (s *Server) credit(w *wallet, credits *big.Rat) {
	if credits.Sign() <= 0 {
		return
	}
	w.credits.Add(w.credits, credits)
	now := s.now()
	w.LastBalanceSyncAt = &now
}

// ConsumeWalletCredits uses credits of the customer's active wallet with
// this code, as invoices do, which the API cannot make happen. The credits
// are a decimal string; more than the balance is refused.
func (s *Server) ConsumeWalletCredits(externalCustomerID, walletCode, credits string) (lago.Wallet, error) {
	amount, ok := parseDecimal(credits)
	if !ok || amount.Sign() <= 0 {
		return lago.Wallet{}, fmt.Errorf("lagotest: credits %q is not a positive decimal string", credits)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store.helperWallet(externalCustomerID, walletCode)
	if err != nil {
		return lago.Wallet{}, err
	}
	if amount.Cmp(w.credits) > 0 {
		return lago.Wallet{}, fmt.Errorf("lagotest: wallet %q holds %s credits, fewer than %s", walletCode, decimalString(w.credits), credits)
	}
	w.credits.Sub(w.credits, amount)
	w.consumed.Add(w.consumed, amount)
	now := s.now()
	w.LastConsumedCreditAt = &now
	s.emitWallet(eventWalletUpdated, w)
	return w.api(), nil
}

// AddBillableMetrics makes these billable metric codes known, so that a
// wallet's applies_to.billable_metric_codes may name them. The API has no
// operation that creates billable metrics.
func (s *Server) AddBillableMetrics(codes ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store.walletData.metrics == nil {
		s.store.walletData.metrics = map[string]bool{}
	}
	for _, code := range codes {
		s.store.walletData.metrics[code] = true
	}
}
