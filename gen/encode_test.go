package gen_test

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// fullInput sets every field of the create body, nested ones included,
// with values that need escaping.
func fullInput() lago.CustomerInput {
	return lago.CustomerInput{
		ExternalID:  `acme "<&>" ünï ` + "\u2028\xff",
		AccountType: lago.Value(lago.AccountTypePartner), AddressLine1: lago.Value("1 <Main> St"), AddressLine2: lago.Null[string](),
		BillingEntityCode: lago.Value("eu"), City: lago.Value("Lyon"), Country: lago.Value("fr"), Currency: lago.Value("EUR"),
		CustomerType: lago.Null[lago.CustomerType](), Email: lago.Value("a@x.test,b@y.test"), ExternalSalesforceID: lago.Value("001"),
		FinalizeZeroAmountInvoice: lago.Value(lago.FinalizeZeroAmountInvoiceSkip), Firstname: lago.Value("Zoë"),
		InvoiceCustomSectionCodes: lago.Value([]string{}), Lastname: lago.Value("O'Brien"), LegalName: lago.Value("Acme & Co"),
		LegalNumber: lago.Null[string](), LogoURL: lago.Value("https://x.test/a?b=1&c=2"), Name: lago.Value("Acme"),
		NetPaymentTerm: lago.Value[int64](-1), Phone: lago.Value("+33\t1"), SkipInvoiceCustomSections: lago.Value(false),
		State: lago.Value(""), TaxCodes: lago.Value([]string(nil)), TaxIdentificationNumber: lago.Value("FR1"),
		Timezone: lago.Null[string](), URL: lago.Value("https://acme.test"), Zipcode: lago.Value("69002"),
		BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			DocumentLocale: lago.Value("fr"), InvoiceGracePeriod: lago.Value[int64](3), PaymentProvider: lago.Null[lago.PaymentProvider](),
			PaymentProviderCode: lago.Value("stripe_eu"), ProviderCustomerID: lago.Value("cus_1"),
			ProviderPaymentMethods:                   lago.Value([]lago.ProviderPaymentMethod{lago.ProviderPaymentMethodCard, "sepa_debit"}),
			SubscriptionInvoiceIssuingDateAdjustment: lago.Value(lago.InvoiceIssuingDateAdjustmentKeepAnchor),
			SubscriptionInvoiceIssuingDateAnchor:     lago.Null[lago.InvoiceIssuingDateAnchor](),
			Sync:                                     lago.Value(true), SyncWithProvider: lago.Null[bool](),
		}),
		ShippingAddress: lago.Value(lago.AddressInput{AddressLine1: lago.Value("x"), Country: lago.Null[string]()}),
		IntegrationCustomers: lago.Value([]lago.IntegrationCustomerInput{
			{IntegrationType: lago.Value(lago.IntegrationTypeAnrok), ExternalCustomerID: lago.Null[string](), SyncWithProvider: lago.Value(true)},
			{},
		}),
		Metadata: lago.Value([]lago.CustomerMetadataInput{
			{Key: "po", Value: "<1>", DisplayInInvoice: lago.Value(true), ID: lago.Value("6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10")},
			{Key: "", Value: ""},
		}),
	}
}

func TestEncodeCreateCustomerMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		name string
		in   lago.CustomerInput
	}{
		{name: "only the external id", in: lago.CustomerInput{ExternalID: "acme"}},
		{name: "every field", in: fullInput()},
		{name: "null objects and lists", in: lago.CustomerInput{
			ExternalID: "acme", BillingConfiguration: lago.Null[lago.BillingConfigurationInput](), ShippingAddress: lago.Null[lago.AddressInput](),
			Metadata: lago.Null[[]lago.CustomerMetadataInput](), IntegrationCustomers: lago.Value([]lago.IntegrationCustomerInput(nil)),
		}},
		{name: "empty nested objects", in: lago.CustomerInput{
			ExternalID: "acme", BillingConfiguration: lago.Value(lago.BillingConfigurationInput{}), ShippingAddress: lago.Value(lago.AddressInput{}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(gen.CustomerCreateInput{Customer: tt.in})
			require.NoError(t, err)
			assert.Equal(t, string(want), string(encodeCreateCustomer(&tt.in)))
		})
	}
}

func TestEncodeCreateCustomerAllocations(t *testing.T) {
	body := gen.CustomerCreateInput{Customer: fullInput()}
	allocs := testing.AllocsPerRun(100, func() { _, _ = gen.Codec.Append(make([]byte, 0, 1024), &body) })
	assert.LessOrEqual(t, allocs, 2.0)
}

// FuzzEncodeCreateCustomer decodes arbitrary bodies into the create input
// and checks that the generated encoder writes what encoding/json writes.
func FuzzEncodeCreateCustomer(f *testing.F) {
	full, err := json.Marshal(gen.CustomerCreateInput{Customer: fullInput()})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Add([]byte(`{"customer":{"external_id":"a","tax_codes":null,"metadata":[{"key":"k","value":"v","display_in_invoice":null}]}}`))
	f.Add([]byte(`{"customer":{"external_id":"\u003c\u2028\ud800","billing_configuration":{"provider_payment_methods":[]},"net_payment_term":0}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		checkEncodes(t, reflect.TypeFor[gen.CustomerCreateInput](), body)
	})
}

// FuzzEncodeBodies decodes arbitrary bodies into the request body type
// which picks, among every one the generated encoder serves, and checks
// that it writes what encoding/json writes.
func FuzzEncodeBodies(f *testing.F) {
	for i := range gen.EncodedTypes {
		for seed := range uint64(4) {
			f.Add(uint8(i), randomBodyOf(bodyType(i), seed))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		checkEncodes(t, bodyType(int(which)%len(gen.EncodedTypes)), body)
	})
}

// TestEncodeBodiesMatchEncodingJSON gives every request body type random
// values of every shape it may take; FuzzEncodeBodies mutates from there.
func TestEncodeBodiesMatchEncodingJSON(t *testing.T) {
	for i := range gen.EncodedTypes {
		typ := bodyType(i)
		t.Run(typ.Name(), func(t *testing.T) {
			for seed := range uint64(500) {
				body := randomBodyOf(typ, seed)
				require.NoError(t, json.Unmarshal(body, reflect.New(typ).Interface()), "seed %d: %s", seed, body)
				checkEncodes(t, typ, body)
			}
		})
	}
}

// TestEncodeLeavesRefusalsToEncodingJSON covers the values json.Marshal
// refuses: the encoder reports false for each, and the caller asks
// encoding/json for its error.
func TestEncodeLeavesRefusalsToEncodingJSON(t *testing.T) {
	tests := []struct {
		name string
		body any
	}{
		{name: "a year past 9999", body: &gen.WalletInputEnvelope{Wallet: lago.WalletInput{
			RateAmount: "1", ExpirationAt: lago.Value(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)),
		}}},
		{name: "a year before 0", body: &gen.WalletUpdateInputEnvelope{Wallet: lago.WalletUpdateInput{
			ExpirationAt: lago.Value(time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)),
		}}},
		{name: "an offset of 24 hours in a rule", body: &gen.WalletUpdateInputEnvelope{Wallet: lago.WalletUpdateInput{
			RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{
				{Trigger: "interval", StartedAt: lago.Value(time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600)))},
			}),
		}}},
		{name: "an empty union", body: &gen.WalletAlertCreateEnvelope{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok := gen.Codec.Append(nil, tt.body)
			_, err := json.Marshal(tt.body)
			if _, isEmptyUnion := tt.body.(*gen.WalletAlertCreateEnvelope); isEmptyUnion {
				// A union holding nothing is null to both.
				assert.True(t, ok)
				require.NoError(t, err)
				return
			}
			assert.False(t, ok)
			require.Error(t, err)
		})
	}
}

// checkEncodes decodes body into a new typ and, when encoding/json takes
// it, checks that the generated encoder writes what json.Marshal writes.
func checkEncodes(t *testing.T, typ reflect.Type, body []byte) {
	t.Helper()
	v := reflect.New(typ).Interface()
	if json.Unmarshal(body, v) != nil {
		return
	}
	want, wantErr := json.Marshal(v)
	got, ok := gen.Codec.Append(nil, v)
	if wantErr != nil {
		if ok {
			t.Fatalf("encoder wrote\n%s\nwhere encoding/json fails: %v", got, wantErr)
		}
		return
	}
	if !ok || string(got) != string(want) {
		t.Fatalf("%s from %s: encoder wrote (ok %v)\n%s\nencoding/json writes\n%s", typ, body, ok, got, want)
	}
}

func bodyType(i int) reflect.Type { return reflect.TypeOf(gen.EncodedTypes[i]).Elem() }

func randomBodyOf(typ reflect.Type, seed uint64) []byte {
	g := &randomBody{r: rand.New(rand.NewPCG(seed, uint64(len(typ.Name()))))}
	g.value(typ, 0)
	return g.b
}

// encodeCreateCustomer is CreateCustomer's encoding of its body.
func encodeCreateCustomer(in *lago.CustomerInput) []byte {
	b, _ := gen.Codec.Append(make([]byte, 0, 1024), &gen.CustomerCreateInput{Customer: *in})
	return b
}
