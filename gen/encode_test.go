package gen_test

import (
	"encoding/json"
	"testing"

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
		var in gen.CustomerCreateInput
		if json.Unmarshal(body, &in) != nil {
			return
		}
		want, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := encodeCreateCustomer(&in.Customer); string(got) != string(want) {
			t.Fatalf("encoder wrote\n%s\nencoding/json writes\n%s", got, want)
		}
	})
}

// encodeCreateCustomer is CreateCustomer's encoding of its body.
func encodeCreateCustomer(in *lago.CustomerInput) []byte {
	b, _ := gen.Codec.Append(make([]byte, 0, 1024), &gen.CustomerCreateInput{Customer: *in})
	return b
}
