package lagotest

import (
	"encoding/json"
	"math/big"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

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
			w.AppliesTo.FeeTypes = orEmpty(types)
		}
		if codes, ok := applies.BillableMetricCodes.Get(); ok {
			w.AppliesTo.BillableMetricCodes = orEmpty(codes)
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
	cust, w, rep, ok := s.pathWallet(c)
	if !ok {
		return rep
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
		w.AppliesTo.FeeTypes = orEmpty(types)
	} else if applies.FeeTypes.IsNull() {
		w.AppliesTo.FeeTypes = []gen.WalletFeeType{}
	}
	// Lago reconciles the metric targets with the list sent, absent or not.
	w.AppliesTo.BillableMetricCodes = orEmpty(metricCodes)
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
