package gen_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// benchInput is internal/bench's create-customer request: 12 fields, a
// billing configuration of 6, 2 metadata pairs and a tax code.
var benchInput = gen.CustomerCreateInput{Customer: lago.CustomerInput{
	ExternalID:              "acme-eu-042",
	Name:                    lago.Value("Acme Europe"),
	LegalName:               lago.Value("Acme Europe SAS"),
	CustomerType:            lago.Value(lago.CustomerTypeCompany),
	Email:                   lago.Value("billing@acme.test,finance@acme.test"),
	Currency:                lago.Value("EUR"),
	Country:                 lago.Value("FR"),
	City:                    lago.Value("Lyon"),
	AddressLine1:            lago.Value("12 Rue des Lilas"),
	Zipcode:                 lago.Value("69002"),
	TaxIdentificationNumber: lago.Value("FR40812345678"),
	Timezone:                lago.Value("Europe/Paris"),
	BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
		PaymentProvider:        lago.Value(lago.PaymentProviderStripe),
		PaymentProviderCode:    lago.Value("stripe_eu"),
		ProviderCustomerID:     lago.Value("cus_Q8xY2mN4pL"),
		ProviderPaymentMethods: lago.Value([]lago.ProviderPaymentMethod{"card", "sepa_debit"}),
		SyncWithProvider:       lago.Value(true),
		DocumentLocale:         lago.Value("fr"),
	}),
	Metadata: lago.Value([]lago.CustomerMetadataInput{
		{Key: "po_number", Value: "PO-2026-118", DisplayInInvoice: lago.Value(true)},
		{Key: "crm_id", Value: "0065g00000XyZ12", DisplayInInvoice: lago.Value(false)},
	}),
	TaxCodes: lago.Value([]string{"fr_standard_vat"}),
}}

// The generated encoder against json.Marshal on the create-customer body,
// side by side in one run: BENCHMARKS.md's request encoding section.
func BenchmarkEncodeCreateCustomer(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = gen.AppendCustomerCreateInput(make([]byte, 0, 1024), &benchInput)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&benchInput); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchWallet is a create-wallet body as a prepaid setup sends it: credits,
// an expiry, metadata, a threshold top-up rule and a fee restriction.
var benchWallet = gen.WalletInputEnvelope{Wallet: lago.WalletInput{
	Code:           lago.Value("prepaid_eu"),
	Name:           lago.Value("Prepaid credits"),
	Currency:       lago.Value("EUR"),
	RateAmount:     "1.5",
	PaidCredits:    lago.Value[lago.DecimalInput]("100"),
	GrantedCredits: lago.Value[lago.DecimalInput]("10"),
	ExpirationAt:   lago.Value(time.Date(2027, 12, 31, 23, 59, 59, 0, time.UTC)),
	Metadata:       lago.Value(lago.WalletMetadata{"crm_id": lago.Ptr("0065g00000XyZ12"), "team": lago.Ptr("platform")}),
	RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{{
		Trigger:          lago.RecurringRuleTriggerThreshold,
		ThresholdCredits: lago.Value[lago.DecimalInput]("20"),
		PaidCredits:      lago.Value[lago.DecimalInput]("50"),
	}}),
	AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeCharge})}),
}}

// The same on the create-wallet body.
func BenchmarkEncodeCreateWallet(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = gen.AppendWalletInputEnvelope(make([]byte, 0, 1024), &benchWallet)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&benchWallet); err != nil {
				b.Fatal(err)
			}
		}
	})
}
