package bench

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// The generated encoder against json.Marshal on the create-customer body
// the call benchmarks send (lagoInput), side by side in one run:
// BENCHMARKS.md's request encoder section.
func BenchmarkEncodeCreateCustomer(b *testing.B) {
	body := gen.CustomerCreateInput{Customer: lagoInput}
	benchEncode(b, &body)
}

// walletInput is a create-wallet body as a prepaid setup sends it: credits,
// an expiry, metadata, a threshold top-up rule and a fee restriction.
var walletInput = gen.WalletInputEnvelope{Wallet: lago.WalletInput{
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
	benchEncode(b, &walletInput)
}

// benchEncode runs the generated encoder, as package lago calls it
// (gen.Codec.Append), and json.Marshal of the same body v as two
// sub-benchmarks.
func benchEncode(b *testing.B, v any) {
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := gen.Codec.Append(make([]byte, 0, 1024), v); !ok {
				b.Fatal("the generated encoder refused the body")
			}
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
