package lagotest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestCreateWallet(t *testing.T) {
	h := newHarness(t)
	acme := h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	w := h.wallet("acme", lago.WalletInput{RateAmount: "0.5", Name: lago.Value("API credits"), PaidCredits: lago.Value[lago.DecimalInput]("100"), GrantedCredits: lago.Value[lago.DecimalInput]("20.5")})

	assert.Equal(t, lago.Wallet{
		LagoID: w.LagoID, LagoCustomerID: acme.LagoID, ExternalCustomerID: "acme", BillingEntityCode: acme.BillingEntityCode,
		Status: lago.WalletStatusActive, Currency: "EUR", Name: lago.Ptr("API credits"), Code: lago.Ptr("api_credits"),
		Priority: 50, RateAmount: "0.5", CreditsBalance: "0.0", CreditsOngoingBalance: "0.0", CreditsOngoingUsageBalance: "0.0",
		ConsumedCredits: "0.0", CreatedAt: epoch,
		RecurringTransactionRules:    []lago.RecurringTransactionRule{},
		AppliesTo:                    lago.WalletAppliesTo{FeeTypes: []lago.WalletFeeType{}, BillableMetricCodes: []string{}},
		AppliedInvoiceCustomSections: []lago.AppliedInvoiceCustomSection{},
		PaymentMethod:                lago.PaymentMethodReference{PaymentMethodType: lago.PaymentMethodTypeProvider},
	}, *w, "the top-up has not run yet")

	settled, err := h.srv.SettleWalletTopUps("acme", "api_credits")
	require.NoError(t, err)
	assert.Equal(t, "120.5", settled.CreditsBalance)
	assert.Equal(t, int64(6025), settled.BalanceCents, "120.5 credits at 0.5 EUR")
	assert.Equal(t, &epoch, settled.LastBalanceSyncAt)
	got, err := h.client.GetWallet(h.ctx(), "acme", "api_credits")
	require.NoError(t, err)
	assert.Equal(t, settled, *got)
	again, err := h.srv.SettleWalletTopUps("acme", "api_credits")
	require.NoError(t, err)
	assert.Equal(t, "120.5", again.CreditsBalance, "settling twice adds nothing")

	used, err := h.srv.ConsumeWalletCredits("acme", "api_credits", "20.5")
	require.NoError(t, err)
	assert.Equal(t, "100.0", used.CreditsBalance)
	assert.Equal(t, "20.5", used.ConsumedCredits)
	assert.Equal(t, int64(5000), used.BalanceCents)
	_, err = h.srv.ConsumeWalletCredits("acme", "api_credits", "100.01")
	assert.ErrorContains(t, err, "fewer than")
	_, err = h.srv.SettleWalletTopUps("acme", "nope")
	assert.ErrorIs(t, err, lagotest.ErrUnknownWallet)
	_, err = h.srv.SettleWalletTopUps("ghost", "api_credits")
	assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
}

func TestWalletCodes(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("USD")})
	assert.Equal(t, "default", *h.wallet("acme", lago.WalletInput{RateAmount: "1"}).Code)
	assert.Equal(t, "team_a_credits", *h.wallet("acme", lago.WalletInput{RateAmount: "1", Name: lago.Value("Team A — credits")}).Code)
	taken := h.wallet("acme", lago.WalletInput{RateAmount: "1", Name: lago.Value("Team A credits")})
	assert.Equal(t, fmt.Sprintf("team_a_credits_%d", epoch.Unix()), *taken.Code, "a derived code taken by an active wallet gets a suffix")

	_, err := h.client.CreateWallet(h.ctx(), "acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("default")})
	requireLagoError(t, err, 422, errWalletCodeTaken)

	// A code used only by terminated wallets is free again, and GET then
	// finds the older, terminated wallet while metadata finds the active one.
	_, err = h.client.TerminateWallet(h.ctx(), "acme", "default")
	require.NoError(t, err)
	fresh := h.wallet("acme", lago.WalletInput{RateAmount: "2", Code: lago.Value("default")})
	got, err := h.client.GetWallet(h.ctx(), "acme", "default")
	require.NoError(t, err)
	assert.Equal(t, lago.WalletStatusTerminated, got.Status)
	assert.NotEqual(t, fresh.LagoID, got.LagoID)
	md, err := h.client.ReplaceWalletMetadata(h.ctx(), "acme", "default", lago.WalletMetadata{"k": lago.Ptr("v")})
	require.NoError(t, err, "the metadata route picks the active wallet")
	assert.Equal(t, lago.WalletMetadata{"k": lago.Ptr("v")}, md)
	_, err = h.client.UpdateWallet(h.ctx(), "acme", "default", lago.WalletUpdateInput{Name: lago.Value("x")})
	requireLagoError(t, err, 422, errWalletTerminated)
}

func TestWalletLimitAndCurrency(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	_, err := h.client.CreateWallet(h.ctx(), "acme", lago.WalletInput{RateAmount: "1"})
	requireLagoError(t, err, 422, validation(`{"currency":["value_is_invalid"]}`))

	w := h.wallet("acme", lago.WalletInput{RateAmount: "1", Currency: lago.Value("CHF"), Code: lago.Value("w1")})
	assert.Equal(t, "CHF", w.Currency)
	cust, err := h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("CHF"), cust.Currency, "a customer without currency takes the wallet's")
	assert.Equal(t, "CHF", h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("w2")}).Currency, "and a wallet without one the customer's")
	assert.Equal(t, "EUR", h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("w3"), Currency: lago.Value("EUR")}).Currency)
	for i := 4; i <= 6; i++ {
		h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value(fmt.Sprintf("w%d", i))})
	}
	_, err = h.client.CreateWallet(h.ctx(), "acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("w7")})
	requireLagoError(t, err, 422, errWalletLimitReached)
	_, err = h.client.TerminateWallet(h.ctx(), "acme", "w6")
	require.NoError(t, err)
	h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("w7")})
}

func TestCreateWalletValidation(t *testing.T) {
	past := epoch.Add(-time.Hour)
	tests := []struct {
		name string
		in   lago.WalletInput
		want string
	}{
		{"rate not positive", lago.WalletInput{RateAmount: "0"}, `{"rate_amount":["value_is_out_of_range"]}`},
		{"priority out of range", lago.WalletInput{RateAmount: "1", Priority: lago.Value[int64](51)}, `{"priority":["value_is_invalid"]}`},
		{"expiration in the past", lago.WalletInput{RateAmount: "1", ExpirationAt: lago.Value(past)}, `{"expiration_at":["invalid_date"]}`},
		{"credits not a decimal", lago.WalletInput{RateAmount: "1", PaidCredits: lago.Value[lago.DecimalInput]("ten")}, `{"paid_credits":["invalid_paid_credits","invalid_amount"]}`},
		{"credits round to zero", lago.WalletInput{RateAmount: "0.001", GrantedCredits: lago.Value[lago.DecimalInput]("1")}, `{"granted_credits":["amount_rounds_to_zero"]}`},
		{"below the top-up minimum", lago.WalletInput{RateAmount: "1", PaidCredits: lago.Value[lago.DecimalInput]("5"), PaidTopUpMinAmountCents: lago.Value[int64](1000)},
			`{"paid_credits":["amount_below_minimum"]}`},
		{"above the top-up maximum", lago.WalletInput{RateAmount: "1", PaidCredits: lago.Value[lago.DecimalInput]("50"), PaidTopUpMaxAmountCents: lago.Value[int64](1000)},
			`{"paid_credits":["amount_above_maximum"]}`},
		{"max below min", lago.WalletInput{RateAmount: "1", PaidTopUpMinAmountCents: lago.Value[int64](500), PaidTopUpMaxAmountCents: lago.Value[int64](100)},
			`{"paid_top_up_max_amount_cents":["must_be_greater_than_or_equal_min"]}`},
		{"limit not positive", lago.WalletInput{RateAmount: "1", PaidTopUpMinAmountCents: lago.Value[int64](0)}, `{"paid_top_up_min_amount_cents":["value_is_out_of_range"]}`},
		{"unknown fee type", lago.WalletInput{RateAmount: "1", AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{"tip"})})},
			`{"applies_to":["invalid_limitations"]}`},
		{"unknown metric", lago.WalletInput{RateAmount: "1", AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"nope"})})},
			`{"applies_to":["invalid_limitations"]}`},
		{"two rules", lago.WalletInput{RateAmount: "1", RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{
			{Trigger: lago.RecurringRuleTriggerInterval, Interval: lago.Value(lago.RecurringRuleIntervalWeekly)},
			{Trigger: lago.RecurringRuleTriggerInterval, Interval: lago.Value(lago.RecurringRuleIntervalMonthly)},
		})}, `{"recurring_transaction_rules":["invalid_number_of_recurring_rules"]}`},
		{"interval rule without interval", lago.WalletInput{RateAmount: "1", RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{
			{Trigger: lago.RecurringRuleTriggerInterval},
		})}, `{"recurring_transaction_rules":["invalid_recurring_rule"]}`},
		{"six transaction metadata", lago.WalletInput{RateAmount: "1", TransactionMetadata: lago.Value(make([]lago.TransactionMetadata, 6))},
			`{"metadata":["too_many_keys"]}`},
		{"manual payment with an id", lago.WalletInput{RateAmount: "1", PaymentMethod: lago.Value(lago.PaymentMethodReferenceInput{
			PaymentMethodType: lago.Value(lago.PaymentMethodTypeManual), PaymentMethodID: lago.Value("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")})},
			`{"payment_method":["invalid_payment_method"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.srv.AddBillableMetrics("api_calls")
			h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
			_, err := h.client.CreateWallet(h.ctx(), "acme", tt.in)
			requireLagoError(t, err, 422, validation(tt.want))
			page, err := h.client.ListWallets(h.ctx(), "acme", nil)
			require.NoError(t, err)
			assert.Empty(t, page.Wallets, "nothing is created")
		})
	}
	t.Run("404s", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
		_, err := h.client.CreateWallet(h.ctx(), "ghost", lago.WalletInput{RateAmount: "1"})
		requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
		_, err = h.client.CreateWallet(h.ctx(), "acme", lago.WalletInput{RateAmount: "1", BillingEntityCode: lago.Value("nope")})
		requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	})
	t.Run("missing root", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
		for _, body := range []string{`{}`, `{"wallet":{}}`, `{"wallet":null}`} {
			requireAnswer(t, h.raw("POST", "/customers/acme/wallets", body, nil), 400, errMissingWallet)
			requireAnswer(t, h.raw("PUT", "/customers/acme/wallets/x", body, nil), 400, errMissingWallet)
		}
	})
	t.Run("invalid metadata is dropped on create", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
		md := lago.WalletMetadata{}
		for i := range 51 {
			md[fmt.Sprint(i)] = nil
		}
		w := h.wallet("acme", lago.WalletInput{RateAmount: "1", Metadata: lago.Value(md)})
		assert.Nil(t, w.Metadata)
	})
}

func TestUpdateWallet(t *testing.T) {
	h := newHarness(t)
	h.srv.AddBillableMetrics("api_calls", "storage_gb")
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{
		RateAmount: "1", Code: lago.Value("main"), Name: lago.Value("Main"), Priority: lago.Value[int64](5),
		PurchaseOrderNumber: lago.Value("  PO-1 "), InvoiceRequiresSuccessfulPayment: lago.Value(true),
		AppliesTo: lago.Value(lago.WalletAppliesToInput{
			FeeTypes: lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeCharge}), BillableMetricCodes: lago.Value([]string{"api_calls"}),
		}),
		Metadata: lago.Value(lago.WalletMetadata{"a": lago.Ptr("1")}),
	})
	c := h.client

	t.Run("null clears, absent keeps, null code and priority are ignored", func(t *testing.T) {
		w, err := c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{
			Name: lago.Null[string](), Code: lago.Null[string](), Priority: lago.Null[int64](),
			InvoiceRequiresSuccessfulPayment: lago.Null[bool](),
			AppliesTo:                        lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"api_calls"})}),
		})
		require.NoError(t, err)
		assert.Nil(t, w.Name)
		assert.Equal(t, lago.Ptr("main"), w.Code)
		assert.Equal(t, int64(5), w.Priority)
		assert.True(t, w.InvoiceRequiresSuccessfulPayment)
		assert.Equal(t, lago.Ptr("PO-1"), w.PurchaseOrderNumber, "trimmed on create, kept")
		assert.Equal(t, []lago.WalletFeeType{lago.WalletFeeTypeCharge}, w.AppliesTo.FeeTypes)
		assert.Equal(t, []string{"api_calls"}, w.AppliesTo.BillableMetricCodes)
		assert.Equal(t, lago.WalletMetadata{"a": lago.Ptr("1")}, w.Metadata)
	})
	t.Run("an update without billable_metric_codes clears them", func(t *testing.T) {
		w, err := c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{Priority: lago.Value[int64](3)})
		require.NoError(t, err)
		assert.Equal(t, int64(3), w.Priority)
		assert.Empty(t, w.AppliesTo.BillableMetricCodes)
		assert.Equal(t, []lago.WalletFeeType{lago.WalletFeeTypeCharge}, w.AppliesTo.FeeTypes, "fee types stay")
	})
	t.Run("UpdateWalletKeepingRestrictions keeps them", func(t *testing.T) {
		_, err := c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"api_calls", "storage_gb"})}),
		})
		require.NoError(t, err)
		w, err := c.UpdateWalletKeepingRestrictions(h.ctx(), "acme", "main", lago.WalletUpdateInput{
			Name: lago.Value("Renamed"), Metadata: lago.Value(lago.WalletMetadata{"b": nil}),
		})
		require.NoError(t, err)
		assert.Equal(t, lago.Ptr("Renamed"), w.Name)
		assert.Equal(t, []string{"api_calls", "storage_gb"}, w.AppliesTo.BillableMetricCodes)
		assert.Equal(t, lago.WalletMetadata{"b": nil}, w.Metadata, "metadata replaced without losing the restriction")
	})
	t.Run("errors", func(t *testing.T) {
		h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("other")})
		_, err := c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{Code: lago.Value("other")})
		requireLagoError(t, err, 422, errWalletCodeTaken)
		_, err = c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{"tip"}), BillableMetricCodes: lago.Value([]string{"nope"})}),
		})
		requireLagoError(t, err, 422, validation(`{"allowed_fee_types":["invalid_fee_types"],"billable_metrics":["invalid_identifier"]}`))
		_, err = c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{PaidTopUpMaxAmountCents: lago.Value[int64](-1)})
		requireLagoError(t, err, 422, validation(`{"paid_top_up_max_amount_cents":["value_is_out_of_range"]}`))
		_, err = c.UpdateWallet(h.ctx(), "acme", "nope", lago.WalletUpdateInput{Name: lago.Value("x")})
		requireLagoError(t, err, 404, errWalletNotFound)
		_, err = c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{BillingEntityCode: lago.Value("nope")})
		requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	})
	t.Run("rules are replaced", func(t *testing.T) {
		w, err := c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{
			{Trigger: lago.RecurringRuleTriggerThreshold, ThresholdCredits: lago.Value[lago.DecimalInput]("10"), PaidCredits: lago.Value[lago.DecimalInput]("50")},
		})})
		require.NoError(t, err)
		require.Len(t, w.RecurringTransactionRules, 1)
		rule := w.RecurringTransactionRules[0]
		assert.Nil(t, rule.Interval)
		assert.Equal(t, "10.0", rule.ThresholdCredits)
		assert.Equal(t, "50.0", rule.PaidCredits)
		w, err = c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{
			{LagoID: lago.Value(rule.LagoID), Trigger: lago.RecurringRuleTriggerThreshold, PaidCredits: lago.Value[lago.DecimalInput]("60")},
		})})
		require.NoError(t, err)
		require.Len(t, w.RecurringTransactionRules, 1)
		assert.Equal(t, rule.LagoID, w.RecurringTransactionRules[0].LagoID)
		assert.Equal(t, "60.0", w.RecurringTransactionRules[0].PaidCredits)
		assert.Equal(t, "10.0", w.RecurringTransactionRules[0].ThresholdCredits)
		w, err = c.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{})})
		require.NoError(t, err)
		assert.Empty(t, w.RecurringTransactionRules, "an unlisted rule ends")
	})
}

func TestWalletSectionsAndPaymentMethod(t *testing.T) {
	h := newHarness(t, lagotest.WithInvoiceCustomSections(lago.InvoiceCustomSection{Code: "wire_eu", Name: "Wire"}))
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	pm := "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
	w := h.wallet("acme", lago.WalletInput{
		RateAmount:           "1",
		InvoiceCustomSection: lago.Value(lago.InvoiceCustomSectionInput{InvoiceCustomSectionCodes: lago.Value([]string{"wire_eu", "unknown"})}),
		PaymentMethod:        lago.Value(lago.PaymentMethodReferenceInput{PaymentMethodID: lago.Value(pm)}),
	})
	require.Len(t, w.AppliedInvoiceCustomSections, 1)
	assert.Equal(t, "wire_eu", w.AppliedInvoiceCustomSections[0].InvoiceCustomSection.Code)
	assert.Equal(t, lago.PaymentMethodReference{PaymentMethodType: lago.PaymentMethodTypeProvider, PaymentMethodID: &pm}, w.PaymentMethod)

	w, err := h.client.UpdateWallet(h.ctx(), "acme", "default", lago.WalletUpdateInput{
		InvoiceCustomSection: lago.Value(lago.InvoiceCustomSectionInput{SkipInvoiceCustomSections: lago.Value(true)}),
		PaymentMethod:        lago.Value(lago.PaymentMethodReferenceInput{PaymentMethodType: lago.Value(lago.PaymentMethodTypeManual)}),
	})
	require.NoError(t, err)
	assert.Empty(t, w.AppliedInvoiceCustomSections)
	assert.Equal(t, lago.PaymentMethodReference{PaymentMethodType: lago.PaymentMethodTypeManual}, w.PaymentMethod)

	// Lago drops keys it does not know rather than refusing them.
	got := h.raw("PUT", "/customers/acme/wallets/default", `{"wallet":{"name":"N","rate_amount":"9"}}`, nil)
	require.Equal(t, 200, got.status, got.body)
	assert.Contains(t, got.body, `"name":"N"`)
	assert.Contains(t, got.body, `"rate_amount":"1.0"`, "the rate cannot change")
}
