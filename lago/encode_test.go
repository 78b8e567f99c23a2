package lago

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
)

// fullInput sets every field of the create body, nested ones included,
// with values that need escaping.
func fullInput() CustomerInput {
	return CustomerInput{
		ExternalID:  `acme "<&>" ünï ` + "\u2028\xff",
		AccountType: Value(AccountTypePartner), AddressLine1: Value("1 <Main> St"), AddressLine2: Null[string](),
		BillingEntityCode: Value("eu"), City: Value("Lyon"), Country: Value("fr"), Currency: Value("EUR"),
		CustomerType: Null[CustomerType](), Email: Value("a@x.test,b@y.test"), ExternalSalesforceID: Value("001"),
		FinalizeZeroAmountInvoice: Value(FinalizeZeroAmountInvoiceSkip), Firstname: Value("Zoë"),
		InvoiceCustomSectionCodes: Value([]string{}), Lastname: Value("O'Brien"), LegalName: Value("Acme & Co"),
		LegalNumber: Null[string](), LogoURL: Value("https://x.test/a?b=1&c=2"), Name: Value("Acme"),
		NetPaymentTerm: Value[int64](-1), Phone: Value("+33\t1"), SkipInvoiceCustomSections: Value(false),
		State: Value(""), TaxCodes: Value([]string(nil)), TaxIdentificationNumber: Value("FR1"),
		Timezone: Null[string](), URL: Value("https://acme.test"), Zipcode: Value("69002"),
		BillingConfiguration: Value(BillingConfigurationInput{
			DocumentLocale: Value("fr"), InvoiceGracePeriod: Value[int64](3), PaymentProvider: Null[PaymentProvider](),
			PaymentProviderCode: Value("stripe_eu"), ProviderCustomerID: Value("cus_1"),
			ProviderPaymentMethods:                   Value([]ProviderPaymentMethod{ProviderPaymentMethodCard, "sepa_debit"}),
			SubscriptionInvoiceIssuingDateAdjustment: Value(InvoiceIssuingDateAdjustmentKeepAnchor),
			SubscriptionInvoiceIssuingDateAnchor:     Null[InvoiceIssuingDateAnchor](),
			Sync:                                     Value(true), SyncWithProvider: Null[bool](),
		}),
		ShippingAddress: Value(AddressInput{AddressLine1: Value("x"), Country: Null[string]()}),
		IntegrationCustomers: Value([]IntegrationCustomerInput{
			{IntegrationType: Value(IntegrationTypeAnrok), ExternalCustomerID: Null[string](), SyncWithProvider: Value(true)},
			{},
		}),
		Metadata: Value([]CustomerMetadataInput{
			{Key: "po", Value: "<1>", DisplayInInvoice: Value(true), ID: Value("6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10")},
			{Key: "", Value: ""},
		}),
	}
}

func TestEncodeCreateCustomerMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		name string
		in   CustomerInput
	}{
		{name: "only the external id", in: CustomerInput{ExternalID: "acme"}},
		{name: "every field", in: fullInput()},
		{name: "null objects and lists", in: CustomerInput{
			ExternalID: "acme", BillingConfiguration: Null[BillingConfigurationInput](), ShippingAddress: Null[AddressInput](),
			Metadata: Null[[]CustomerMetadataInput](), IntegrationCustomers: Value([]IntegrationCustomerInput(nil)),
		}},
		{name: "empty nested objects", in: CustomerInput{
			ExternalID: "acme", BillingConfiguration: Value(BillingConfigurationInput{}), ShippingAddress: Value(AddressInput{}),
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
	in := fullInput()
	allocs := testing.AllocsPerRun(100, func() { _ = encodeCreateCustomer(&in) })
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
func encodeCreateCustomer(in *CustomerInput) []byte {
	b, _ := gen.Codec.Append(make([]byte, 0, 1024), &gen.CustomerCreateInput{Customer: *in})
	return b
}
