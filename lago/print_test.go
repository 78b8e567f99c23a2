package lago_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// A customer as Lago answers it, with a name but a null email, a nested
// struct, a list and enums, decoded by encoding/json.
const printedCustomerJSON = `{
	"lago_id": "1a2b", "external_id": "acme", "name": "Acme Inc.", "email": null,
	"currency": "EUR", "customer_type": "company", "account_type": "customer",
	"net_payment_term": 30, "created_at": "2026-03-31T12:00:00Z",
	"billing_configuration": {"payment_provider": "stripe", "sync": true},
	"metadata": [{"key": "segment", "value": "smb", "display_in_invoice": true}]
}`

// What %v and %+v print for it: every field by name, pointers followed.
const printedCustomer = `Customer{AccountType:"customer", AddressLine1:<nil>, AddressLine2:<nil>, ` +
	`ApplicableInvoiceCustomSections:<nil>, ApplicableTimezone:"", ` +
	`BillingConfiguration:BillingConfiguration{DocumentLocale:<nil>, InvoiceGracePeriod:<nil>, ` +
	`PaymentProvider:"stripe", PaymentProviderCode:<nil>, ProviderCustomerID:<nil>, ` +
	`ProviderPaymentMethods:<nil>, SubscriptionInvoiceIssuingDateAdjustment:<nil>, ` +
	`SubscriptionInvoiceIssuingDateAnchor:<nil>, Sync:true, SyncWithProvider:<nil>}, ` +
	`BillingEntityCode:"", City:<nil>, Country:<nil>, CreatedAt:2026-03-31 12:00:00 +0000 UTC, ` +
	`Currency:"EUR", CustomerType:"company", Email:<nil>, ErrorDetails:<nil>, ExternalID:"acme", ` +
	`ExternalSalesforceID:<nil>, FinalizeZeroAmountInvoice:"", Firstname:<nil>, ` +
	`IntegrationCustomers:<nil>, LagoID:"1a2b", Lastname:<nil>, LegalName:<nil>, ` +
	`LegalNumber:<nil>, LogoURL:<nil>, ` +
	`Metadata:[CustomerMetadata{CreatedAt:0001-01-01 00:00:00 +0000 UTC, DisplayInInvoice:true, ` +
	`Key:"segment", LagoID:"", Value:"smb"}], ` +
	`Name:"Acme Inc.", NetPaymentTerm:30, Phone:<nil>, SequentialID:0, ` +
	`ShippingAddress:Address{AddressLine1:<nil>, AddressLine2:<nil>, City:<nil>, Country:<nil>, ` +
	`State:<nil>, Zipcode:<nil>}, SkipInvoiceCustomSections:false, Slug:"", State:<nil>, ` +
	`TaxIdentificationNumber:<nil>, Taxes:<nil>, Timezone:<nil>, ` +
	`UpdatedAt:0001-01-01 00:00:00 +0000 UTC, URL:<nil>, Zipcode:<nil>}`

func TestAnswersPrintTheirValues(t *testing.T) {
	var customer lago.Customer
	require.NoError(t, json.Unmarshal([]byte(printedCustomerJSON), &customer))
	metadata := lago.WalletMetadata{"plan": lago.Ptr("gold"), "seats": nil, "": lago.Ptr("")}

	tests := []struct {
		name   string
		format string
		value  any
		want   string
	}{
		{"customer %v", "%v", customer, printedCustomer},
		{"customer %+v", "%+v", customer, printedCustomer},
		{"pointer to customer %v", "%v", &customer, printedCustomer},
		{"pointer to customer %+v", "%+v", &customer, printedCustomer},
		{"nil customer", "%v", (*lago.Customer)(nil), "<nil>"},
		{"metadata %v", "%v", metadata, `WalletMetadata{"":"", "plan":"gold", "seats":<nil>}`},
		{"metadata %+v", "%+v", metadata, `WalletMetadata{"":"", "plan":"gold", "seats":<nil>}`},
		{"empty metadata", "%v", lago.WalletMetadata{}, `WalletMetadata{}`},
		{"nil metadata", "%v", lago.WalletMetadata(nil), `<nil>`},
		// Requests show what each field sends.
		{"request", "%v", lago.AddressInput{City: lago.Value("Paris"), Zipcode: lago.Null[string]()},
			`AddressInput{AddressLine1:<absent>, AddressLine2:<absent>, City:"Paris", Country:<absent>, State:<absent>, Zipcode:null}`},
		{"nullable", "%v", lago.Value("Paris"), `"Paris"`},
		{"list of metadata", "%v", []lago.WalletMetadata{{"a": nil}}, `[WalletMetadata{"a":<nil>}]`},
		// Enums print as fmt always printed them: no String of their own.
		{"enum", "%v", lago.CustomerTypeCompany, "company"},
		{"enum %q", "%q", lago.CustomerTypeCompany, `"company"`},
		{"map keyed by an enum", "%v", map[lago.CustomerType]int{lago.CustomerTypeIndividual: 2, lago.CustomerTypeCompany: 1}, "map[company:1 individual:2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, fmt.Sprintf(tt.format, tt.value))
		})
	}
}
