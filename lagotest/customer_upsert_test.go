package lagotest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// newCustomerJSON is a customer created with nothing but its external_id
// at epoch, as one-customer answers show it, with lago_id and slug
// replaced by placeholders.
const newCustomerJSON = `{
	"lago_id": "LAGO_ID", "sequential_id": 1, "slug": "SLUG", "external_id": "acme",
	"billing_entity_code": "default", "account_type": "customer",
	"address_line1": null, "address_line2": null, "city": null, "country": null,
	"state": null, "zipcode": null, "currency": null, "email": null,
	"legal_name": null, "legal_number": null, "logo_url": null, "name": null,
	"firstname": null, "lastname": null, "customer_type": null, "phone": null,
	"tax_identification_number": null, "timezone": null, "applicable_timezone": "UTC",
	"url": null, "net_payment_term": null, "external_salesforce_id": null,
	"created_at": "2026-11-14T09:30:00Z", "updated_at": "2026-11-14T09:30:00Z",
	"finalize_zero_amount_invoice": "inherit", "skip_invoice_custom_sections": false,
	"billing_configuration": {
		"invoice_grace_period": null, "subscription_invoice_issuing_date_anchor": null,
		"subscription_invoice_issuing_date_adjustment": null, "payment_provider": null,
		"payment_provider_code": null, "document_locale": null
	},
	"shipping_address": {"address_line1": null, "address_line2": null, "city": null, "country": null, "state": null, "zipcode": null},
	"metadata": [], "integration_customers": [], "taxes": [],
	"applicable_invoice_custom_sections": [], "error_details": []
}`

// placeholders swaps the generated lago_id and slug of a customer for the
// placeholders of newCustomerJSON, after checking their shape.
func placeholders(t *testing.T, customer map[string]any) {
	t.Helper()
	assert.Regexp(t, uuidPattern, customer["lago_id"])
	assert.Regexp(t, slugPattern, customer["slug"])
	customer["lago_id"], customer["slug"] = "LAGO_ID", "SLUG"
}

func TestCreateCustomerAnswersEveryKeyWithDefaults(t *testing.T) {
	h := newHarness(t)
	got := h.raw(http.MethodPost, "/customers", `{"customer":{"external_id":"acme"}}`, nil)
	require.Equal(t, http.StatusOK, got.status, got.body)

	var env map[string]map[string]any
	require.NoError(t, json.Unmarshal([]byte(got.body), &env))
	placeholders(t, env["customer"])
	normalized, err := json.Marshal(env)
	require.NoError(t, err)
	assert.JSONEq(t, `{"customer":`+newCustomerJSON+`}`, string(normalized))

	get := h.raw(http.MethodGet, "/customers/acme", "", nil)
	assert.JSONEq(t, got.body, get.body, "GET answers the customer as POST did")
	deleted := h.raw(http.MethodDelete, "/customers/acme", "", nil)
	assert.JSONEq(t, got.body, deleted.body, "so does DELETE")
}

func TestCreateCustomerAssignsIDsInCreationOrder(t *testing.T) {
	h := newHarness(t)
	a := h.create(lago.CustomerInput{ExternalID: "a"})
	b := h.create(lago.CustomerInput{ExternalID: "b"})

	assert.Equal(t, int64(1), a.SequentialID)
	assert.Equal(t, int64(2), b.SequentialID)
	assert.Less(t, a.LagoID, b.LagoID, "lago_ids ascend with creation")
	prefixA := slugPattern.FindStringSubmatch(a.Slug)
	prefixB := slugPattern.FindStringSubmatch(b.Slug)
	require.NotNil(t, prefixA)
	require.NotNil(t, prefixB)
	assert.Equal(t, "001", prefixA[1])
	assert.Equal(t, "002", prefixB[1])
	assert.Equal(t, a.Slug[:8], b.Slug[:8], "one organization prefix")
}

func TestCreateCustomerIsAnUpsert(t *testing.T) {
	full := lago.CustomerInput{
		ExternalID:                "acme",
		Name:                      lago.Value("Acme"),
		City:                      lago.Value("Lyon"),
		Country:                   lago.Value("fr"),
		Currency:                  lago.Value("EUR"),
		Email:                     lago.Value("billing@acme.test"),
		CustomerType:              lago.Value(lago.CustomerTypeCompany),
		NetPaymentTerm:            lago.Value[int64](30),
		Timezone:                  lago.Value("Europe/Paris"),
		FinalizeZeroAmountInvoice: lago.Value(lago.FinalizeZeroAmountInvoiceSkip),
		BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			InvoiceGracePeriod:                   lago.Value[int64](3),
			DocumentLocale:                       lago.Value("fr"),
			SubscriptionInvoiceIssuingDateAnchor: lago.Value(lago.InvoiceIssuingDateAnchorNextPeriodStart),
		}),
		ShippingAddress: lago.Value(lago.AddressInput{
			AddressLine1: lago.Value("1 Quai Perrache"),
			City:         lago.Value("Lyon"),
			Country:      lago.Value("fr"),
		}),
	}
	tests := []struct {
		name   string
		update lago.CustomerInput
		// change turns the customer as created into the one expected.
		change func(c *lago.Customer)
	}{
		{
			name:   "absent keys keep their values",
			update: lago.CustomerInput{ExternalID: "acme"},
			change: func(*lago.Customer) {},
		},
		{
			name:   "null clears",
			update: lago.CustomerInput{ExternalID: "acme", Name: lago.Null[string](), NetPaymentTerm: lago.Null[int64](), CustomerType: lago.Null[lago.CustomerType]()},
			change: func(c *lago.Customer) { c.Name, c.NetPaymentTerm, c.CustomerType = nil, nil, nil },
		},
		{
			name:   "a value sets",
			update: lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme SAS"), Phone: lago.Value("+33 4 00 00 00 00")},
			change: func(c *lago.Customer) { c.Name, c.Phone = lago.Ptr("Acme SAS"), lago.Ptr("+33 4 00 00 00 00") },
		},
		{
			name:   "country is upper-cased",
			update: lago.CustomerInput{ExternalID: "acme", Country: lago.Value("de")},
			change: func(c *lago.Customer) { c.Country = lago.Ptr("DE") },
		},
		{
			name:   "null finalize_zero_amount_invoice is inherit",
			update: lago.CustomerInput{ExternalID: "acme", FinalizeZeroAmountInvoice: lago.Null[lago.FinalizeZeroAmountInvoice]()},
			change: func(c *lago.Customer) { c.FinalizeZeroAmountInvoice = lago.FinalizeZeroAmountInvoiceInherit },
		},
		{
			name:   "null timezone falls back to UTC",
			update: lago.CustomerInput{ExternalID: "acme", Timezone: lago.Null[string]()},
			change: func(c *lago.Customer) { c.Timezone, c.ApplicableTimezone = nil, "UTC" },
		},
		{
			name: "inside billing_configuration, absent keeps and null clears",
			update: lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
				DocumentLocale:                           lago.Null[string](),
				SubscriptionInvoiceIssuingDateAdjustment: lago.Value(lago.InvoiceIssuingDateAdjustmentKeepAnchor),
			})},
			change: func(c *lago.Customer) {
				c.BillingConfiguration.DocumentLocale = nil
				c.BillingConfiguration.SubscriptionInvoiceIssuingDateAdjustment = lago.Ptr(lago.InvoiceIssuingDateAdjustmentKeepAnchor)
			},
		},
		{
			name:   "null billing_configuration clears all its keys",
			update: lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Null[lago.BillingConfigurationInput]()},
			change: func(c *lago.Customer) { c.BillingConfiguration = lago.BillingConfiguration{} },
		},
		{
			name: "inside shipping_address, absent keeps and null clears",
			update: lago.CustomerInput{ExternalID: "acme", ShippingAddress: lago.Value(lago.AddressInput{
				AddressLine1: lago.Null[string](),
				Zipcode:      lago.Value("69002"),
				Country:      lago.Value("be"),
			})},
			change: func(c *lago.Customer) {
				c.ShippingAddress.AddressLine1 = nil
				c.ShippingAddress.Zipcode = lago.Ptr("69002")
				c.ShippingAddress.Country = lago.Ptr("BE")
			},
		},
		{
			name:   "null shipping_address clears all its keys",
			update: lago.CustomerInput{ExternalID: "acme", ShippingAddress: lago.Null[lago.AddressInput]()},
			change: func(c *lago.Customer) { c.ShippingAddress = lago.Address{} },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			created := h.create(full)
			assert.Equal(t, lago.Ptr("FR"), created.Country)
			assert.Equal(t, "Europe/Paris", created.ApplicableTimezone)

			h.clock.Advance(time.Minute)
			updated := h.create(tt.update)

			want := *created
			want.UpdatedAt = epoch.Add(time.Minute)
			tt.change(&want)
			assert.Equal(t, want, *updated)

			got, err := h.client.GetCustomer(h.ctx(), "acme")
			require.NoError(t, err)
			assert.Equal(t, want, *got, "GET shows the update")
		})
	}
}

func TestCreateCustomerReplacesMetadata(t *testing.T) {
	h := newHarness(t)
	created := h.create(lago.CustomerInput{ExternalID: "acme", Metadata: lago.Value([]lago.CustomerMetadataInput{
		{Key: "po", Value: "PO-1", DisplayInInvoice: lago.Value(true)},
		{Key: "tier", Value: "gold"},
	})})
	require.Len(t, created.Metadata, 2)
	po, tier := created.Metadata[0], created.Metadata[1]
	assert.Regexp(t, uuidPattern, po.LagoID)
	assert.Equal(t, lago.CustomerMetadata{LagoID: po.LagoID, Key: "po", Value: "PO-1", DisplayInInvoice: true, CreatedAt: epoch}, po)
	assert.Equal(t, lago.CustomerMetadata{LagoID: tier.LagoID, Key: "tier", Value: "gold", DisplayInInvoice: false, CreatedAt: epoch}, tier)

	h.clock.Advance(time.Hour)
	updated := h.create(lago.CustomerInput{ExternalID: "acme", Metadata: lago.Value([]lago.CustomerMetadataInput{
		{ID: lago.Value(po.LagoID), Key: "po", Value: "PO-2"},
		{Key: "region", Value: "emea", DisplayInInvoice: lago.Value(true)},
	})})
	require.Len(t, updated.Metadata, 2)
	assert.Equal(t, lago.CustomerMetadata{LagoID: po.LagoID, Key: "po", Value: "PO-2", DisplayInInvoice: false, CreatedAt: epoch}, updated.Metadata[0],
		"the pair with an id is updated in place")
	region := updated.Metadata[1]
	assert.NotEqual(t, tier.LagoID, region.LagoID)
	assert.Equal(t, lago.CustomerMetadata{LagoID: region.LagoID, Key: "region", Value: "emea", DisplayInInvoice: true, CreatedAt: epoch.Add(time.Hour)}, region,
		"the pair without an id is new; tier, not sent, is gone")

	kept := h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme")})
	assert.Equal(t, updated.Metadata, kept.Metadata, "absent metadata is kept")

	cleared := h.create(lago.CustomerInput{ExternalID: "acme", Metadata: lago.Null[[]lago.CustomerMetadataInput]()})
	assert.Equal(t, []lago.CustomerMetadata{}, cleared.Metadata)

	six := make([]lago.CustomerMetadataInput, 6)
	for i := range six {
		six[i] = lago.CustomerMetadataInput{Key: "k" + string(rune('a'+i)), Value: "v"}
	}
	_, err := h.client.CreateCustomer(h.ctx(), lago.CustomerInput{ExternalID: "acme", Metadata: lago.Value(six), Name: lago.Value("changed")})
	requireLagoError(t, err, http.StatusUnprocessableEntity,
		`{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"metadata":["invalid_count"]}}`)
	got, err := h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("Acme"), got.Name, "a refused upsert changes nothing")
}

func TestCreateCustomerReplacesTaxes(t *testing.T) {
	vat := lago.Tax{Code: "fr_vat", Name: "TVA 20%", Rate: 20}
	reduced := lago.Tax{Code: "fr_reduced", Name: "TVA 5.5%", Rate: 5.5, Description: lago.Ptr("Books")}
	h := newHarness(t, lagotest.WithTaxes(vat, reduced))

	created := h.create(lago.CustomerInput{ExternalID: "acme", TaxCodes: lago.Value([]string{"fr_vat"})})
	require.Len(t, created.Taxes, 1)
	zero := lago.Ptr[int64](0)
	assert.Regexp(t, uuidPattern, created.Taxes[0].LagoID)
	assert.Equal(t, lago.Tax{
		LagoID: created.Taxes[0].LagoID, Code: "fr_vat", Name: "TVA 20%", Rate: 20, CreatedAt: epoch,
		AddOnsCount: zero, CustomersCount: zero, PlansCount: zero, ChargesCount: zero, CommitmentsCount: zero,
		AppliedToBillingEntitiesCodes: []string{},
	}, created.Taxes[0])

	replaced := h.create(lago.CustomerInput{ExternalID: "acme", TaxCodes: lago.Value([]string{"fr_reduced", "fr_reduced"})})
	require.Len(t, replaced.Taxes, 1, "the set is replaced, without repeats")
	assert.Equal(t, "fr_reduced", replaced.Taxes[0].Code)
	assert.Equal(t, lago.Ptr("Books"), replaced.Taxes[0].Description)

	kept := h.create(lago.CustomerInput{ExternalID: "acme"})
	assert.Equal(t, replaced.Taxes, kept.Taxes, "absent tax_codes keep the set")

	_, err := h.client.CreateCustomer(h.ctx(), lago.CustomerInput{ExternalID: "acme", TaxCodes: lago.Value([]string{"fr_vat", "us_sales"})})
	requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"tax_not_found"}`)
	got, err := h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)
	assert.Equal(t, replaced.Taxes, got.Taxes, "an unknown code changes nothing")

	cleared := h.create(lago.CustomerInput{ExternalID: "acme", TaxCodes: lago.Null[[]string]()})
	assert.Equal(t, []lago.Tax{}, cleared.Taxes)
}

func TestCreateCustomerBillingEntity(t *testing.T) {
	h := newHarness(t, lagotest.WithBillingEntities("eu", "us"))

	assert.Equal(t, "eu", h.create(lago.CustomerInput{ExternalID: "a"}).BillingEntityCode, "the first entity is the default")
	assert.Equal(t, "us", h.create(lago.CustomerInput{ExternalID: "b", BillingEntityCode: lago.Value("us")}).BillingEntityCode)

	_, err := h.client.CreateCustomer(h.ctx(), lago.CustomerInput{ExternalID: "c", BillingEntityCode: lago.Value("apac")})
	requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	_, err = h.client.GetCustomer(h.ctx(), "c")
	require.ErrorIs(t, err, lago.ErrNotFound, "nothing was created")
}

func TestCreateCustomerValidation(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		details string
	}{
		{name: "Lago's own example", body: `{"customer":{"currency":"EURO"}}`, details: `{"currency":["value_is_invalid"],"external_id":["value_is_mandatory"]}`},
		{name: "empty external_id", body: `{"customer":{"external_id":""}}`, details: `{"external_id":["value_is_mandatory"]}`},
		{name: "null external_id", body: `{"customer":{"external_id":null,"name":"x"}}`, details: `{"external_id":["value_is_mandatory"]}`},
		{name: "lower-case currency", body: `{"customer":{"external_id":"a","currency":"eur"}}`, details: `{"currency":["value_is_invalid"]}`},
		{name: "unknown country", body: `{"customer":{"external_id":"a","country":"ZZ"}}`, details: `{"country":["not_a_valid_country_code"]}`},
		{name: "unknown shipping country", body: `{"customer":{"external_id":"a","shipping_address":{"country":"zz"}}}`, details: `{"shipping_country":["not_a_valid_country_code"]}`},
		{name: "email", body: `{"customer":{"external_id":"a","email":"billing at acme"}}`, details: `{"email":["invalid_email_format"]}`},
		{name: "one bad email of two", body: `{"customer":{"external_id":"a","email":"a@acme.test,b"}}`, details: `{"email":["invalid_email_format"]}`},
		{name: "name too long", body: `{"customer":{"external_id":"a","name":"` + strings.Repeat("é", 256) + `"}}`, details: `{"name":["value_is_too_long"]}`},
		{name: "negative net_payment_term", body: `{"customer":{"external_id":"a","net_payment_term":-1}}`, details: `{"net_payment_term":["value_is_out_of_range"]}`},
		{name: "negative invoice_grace_period", body: `{"customer":{"external_id":"a","billing_configuration":{"invoice_grace_period":-1}}}`, details: `{"invoice_grace_period":["value_is_out_of_range"]}`},
		{name: "timezone", body: `{"customer":{"external_id":"a","timezone":"Mars/Olympus_Mons"}}`, details: `{"timezone":["invalid_timezone"]}`},
		{name: "former timezone name", body: `{"customer":{"external_id":"a","timezone":"Europe/Kiev"}}`, details: `{"timezone":["invalid_timezone"]}`},
		{name: "finalize_zero_amount_invoice", body: `{"customer":{"external_id":"a","finalize_zero_amount_invoice":"sometimes"}}`, details: `{"finalize_zero_amount_invoice":["invalid_value"]}`},
		{name: "all model errors at once", body: `{"customer":{"external_id":"a","country":"ZZ","net_payment_term":-5,"email":"x"}}`, details: `{"country":["not_a_valid_country_code"],"net_payment_term":["value_is_out_of_range"],"email":["invalid_email_format"]}`},
		{name: "six metadata", body: `{"customer":{"external_id":"a","metadata":[{"key":"a","value":"1"},{"key":"b","value":"1"},{"key":"c","value":"1"},{"key":"d","value":"1"},{"key":"e","value":"1"},{"key":"f","value":"1"}]}}`, details: `{"metadata":["invalid_count"]}`},
		{name: "two links of one integration type", body: `{"customer":{"external_id":"a","integration_customers":[{"integration_type":"netsuite","integration_code":"ns1"},{"integration_type":"netsuite","integration_code":"ns2"}]}}`, details: `{"integration_customers":["invalid_count_per_integration_type"]}`},
		{name: "sections skipped and selected", body: `{"customer":{"external_id":"a","skip_invoice_custom_sections":true,"invoice_custom_section_codes":["bank"]}}`, details: `{"invoice_custom_sections":["skip_sections_and_selected_ids_sent_together"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			got := h.raw(http.MethodPost, "/customers", tt.body, nil)
			requireAnswer(t, got, http.StatusUnprocessableEntity,
				`{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":`+tt.details+`}`)
			page, err := h.client.ListCustomers(h.ctx(), nil)
			require.NoError(t, err)
			assert.Empty(t, page.Customers, "nothing was created")
		})
	}
}

func TestCreateCustomerAcceptsWhatLagoAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   lago.CustomerInput
	}{
		{name: "Kosovo", in: lago.CustomerInput{ExternalID: "a", Country: lago.Value("xk")}},
		{name: "a currency beyond the published list", in: lago.CustomerInput{ExternalID: "a", Currency: lago.Value("KWD")}},
		{name: "several emails", in: lago.CustomerInput{ExternalID: "a", Email: lago.Value("a@acme.test, b@acme.test")}},
		{name: "unicode email", in: lago.CustomerInput{ExternalID: "a", Email: lago.Value("jörg@beispiel.de")}},
		{name: "empty email", in: lago.CustomerInput{ExternalID: "a", Email: lago.Value("")}},
		{name: "name of 255 characters", in: lago.CustomerInput{ExternalID: "a", Name: lago.Value(strings.Repeat("é", 255))}},
		{name: "current timezone name", in: lago.CustomerInput{ExternalID: "a", Timezone: lago.Value("Europe/Kyiv")}},
		{name: "zero net_payment_term", in: lago.CustomerInput{ExternalID: "a", NetPaymentTerm: lago.Value[int64](0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			_, err := h.client.CreateCustomer(h.ctx(), tt.in)
			require.NoError(t, err)
		})
	}
}

func TestCreateCustomerPaymentProvider(t *testing.T) {
	stripe := lago.Value(lago.PaymentProviderStripe)
	tests := []struct {
		name string
		in   lago.BillingConfigurationInput
		want lago.BillingConfiguration
	}{
		{
			name: "a provider alone is not linked on creation",
			in:   lago.BillingConfigurationInput{PaymentProvider: stripe, PaymentProviderCode: lago.Value("stripe_eu")},
			want: lago.BillingConfiguration{},
		},
		{
			name: "with the provider's customer id",
			in:   lago.BillingConfigurationInput{PaymentProvider: stripe, PaymentProviderCode: lago.Value("stripe_eu"), ProviderCustomerID: lago.Value("cus_1")},
			want: lago.BillingConfiguration{
				PaymentProvider: lago.Ptr(lago.PaymentProviderStripe), PaymentProviderCode: lago.Ptr("stripe_eu"),
				ProviderCustomerID: lago.Ptr("cus_1"), ProviderPaymentMethods: []lago.ProviderPaymentMethod{lago.ProviderPaymentMethodCard},
			},
		},
		{
			name: "synced with the provider, payment methods given, sync not echoed",
			in: lago.BillingConfigurationInput{
				PaymentProvider: stripe, SyncWithProvider: lago.Value(true), Sync: lago.Value(true),
				ProviderPaymentMethods: lago.Value([]lago.ProviderPaymentMethod{lago.ProviderPaymentMethodSepaDebit}),
			},
			want: lago.BillingConfiguration{
				PaymentProvider: lago.Ptr(lago.PaymentProviderStripe), SyncWithProvider: lago.Ptr(true),
				ProviderPaymentMethods: []lago.ProviderPaymentMethod{lago.ProviderPaymentMethodSepaDebit},
			},
		},
		{
			name: "payment methods are Stripe's only",
			in: lago.BillingConfigurationInput{
				PaymentProvider: lago.Value(lago.PaymentProviderGocardless), ProviderCustomerID: lago.Value("CU1"),
				ProviderPaymentMethods: lago.Value([]lago.ProviderPaymentMethod{lago.ProviderPaymentMethodCard}),
			},
			want: lago.BillingConfiguration{PaymentProvider: lago.Ptr(lago.PaymentProviderGocardless), ProviderCustomerID: lago.Ptr("CU1")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			got := h.create(lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Value(tt.in)})
			assert.Equal(t, tt.want, got.BillingConfiguration)
		})
	}

	t.Run("an update links and null detaches", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme"})
		linked := h.create(lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			PaymentProvider: lago.Value(lago.PaymentProviderAdyen), PaymentProviderCode: lago.Value("adyen_1"),
		})})
		assert.Equal(t, lago.BillingConfiguration{PaymentProvider: lago.Ptr(lago.PaymentProviderAdyen), PaymentProviderCode: lago.Ptr("adyen_1")}, linked.BillingConfiguration)

		detached := h.create(lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			PaymentProvider: lago.Null[lago.PaymentProvider](),
		})})
		assert.Equal(t, lago.BillingConfiguration{}, detached.BillingConfiguration)
	})
}

func TestCreateCustomerAccountType(t *testing.T) {
	partner := lago.Value(lago.AccountTypePartner)
	t.Run("set with revenue share", func(t *testing.T) {
		h := newHarness(t)
		assert.Equal(t, lago.AccountTypePartner, h.create(lago.CustomerInput{ExternalID: "a", AccountType: partner}).AccountType)
		assert.Equal(t, lago.AccountTypeCustomer, h.create(lago.CustomerInput{ExternalID: "a", AccountType: lago.Null[lago.AccountType]()}).AccountType)
	})
	t.Run("ignored without revenue share", func(t *testing.T) {
		h := newHarness(t, lagotest.WithRevenueShare(false))
		assert.Equal(t, lago.AccountTypeCustomer, h.create(lago.CustomerInput{ExternalID: "a", AccountType: partner}).AccountType)
	})
	t.Run("frozen once the customer has a subscription", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "a"})
		require.NoError(t, h.srv.AddSubscription("a", lagotest.Subscription{ExternalID: "sub"}))
		assert.Equal(t, lago.AccountTypeCustomer, h.create(lago.CustomerInput{ExternalID: "a", AccountType: partner}).AccountType)
	})
	t.Run("frozen once the customer has a fixed-amount coupon", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "a"})
		_, err := h.srv.ApplyCoupon("a", lagotest.Coupon{Code: "fifty", AmountCents: 5000})
		require.NoError(t, err)
		assert.Equal(t, lago.AccountTypeCustomer, h.create(lago.CustomerInput{ExternalID: "a", AccountType: partner}).AccountType)
	})
}

func TestCreateCustomerInvoiceCustomSections(t *testing.T) {
	bank := lago.InvoiceCustomSection{Code: "bank", Name: "Bank details", Details: lago.Ptr("IBAN FR76 3000"), DisplayName: lago.Ptr("Pay to")}
	legal := lago.InvoiceCustomSection{Code: "legal", Name: "Legal notice"}
	h := newHarness(t, lagotest.WithInvoiceCustomSections(bank, legal))

	selected := h.create(lago.CustomerInput{ExternalID: "acme", InvoiceCustomSectionCodes: lago.Value([]string{"bank", "unknown", "legal"})})
	require.Len(t, selected.ApplicableInvoiceCustomSections, 2, "unknown codes are ignored")
	got := selected.ApplicableInvoiceCustomSections[0]
	assert.Regexp(t, uuidPattern, got.LagoID)
	bank.LagoID = got.LagoID
	assert.Equal(t, bank, got)
	assert.Equal(t, "legal", selected.ApplicableInvoiceCustomSections[1].Code)
	assert.False(t, selected.SkipInvoiceCustomSections)

	skipped := h.create(lago.CustomerInput{ExternalID: "acme", SkipInvoiceCustomSections: lago.Value(true)})
	assert.True(t, skipped.SkipInvoiceCustomSections)
	assert.Equal(t, []lago.InvoiceCustomSection{}, skipped.ApplicableInvoiceCustomSections)

	reselected := h.create(lago.CustomerInput{ExternalID: "acme", InvoiceCustomSectionCodes: lago.Value([]string{"legal"})})
	assert.False(t, reselected.SkipInvoiceCustomSections, "selecting sections stops skipping them")
	require.Len(t, reselected.ApplicableInvoiceCustomSections, 1)
	assert.Equal(t, "legal", reselected.ApplicableInvoiceCustomSections[0].Code)

	list := h.raw(http.MethodGet, "/customers", "", nil)
	assert.NotContains(t, list.body, "applicable_invoice_custom_sections", "list items leave the sections out")
	assert.NotContains(t, list.body, "error_details")
}

func TestCreateCustomerIntegrationCustomers(t *testing.T) {
	h := newHarness(t)
	created := h.create(lago.CustomerInput{ExternalID: "acme", IntegrationCustomers: lago.Value([]lago.IntegrationCustomerInput{
		{IntegrationType: lago.Value(lago.IntegrationTypeAnrok), IntegrationCode: lago.Value("anrok_main"), SyncWithProvider: lago.Value(true)},
		{IntegrationType: lago.Value(lago.IntegrationTypeNetsuite), IntegrationCode: lago.Value("ns"), ExternalCustomerID: lago.Value("NS-1"), SubsidiaryID: lago.Value("2")},
	})})
	require.Len(t, created.IntegrationCustomers, 2)
	anrok := created.IntegrationCustomers[0]
	assert.Equal(t, lago.IntegrationCustomer{
		LagoID: anrok.LagoID, Type: lago.IntegrationTypeAnrok, IntegrationCode: lago.Ptr("anrok_main"), Code: lago.Ptr("anrok_main"),
		SyncWithProvider: lago.Ptr(true), Category: lago.Ptr(lago.IntegrationCategoryTax),
	}, anrok)
	assert.Equal(t, lago.Ptr(lago.IntegrationCategoryAccounting), created.IntegrationCustomers[1].Category)

	updated := h.create(lago.CustomerInput{ExternalID: "acme", IntegrationCustomers: lago.Value([]lago.IntegrationCustomerInput{
		{ID: lago.Value(anrok.LagoID), ExternalCustomerID: lago.Value("anrok-42")},
	})})
	require.Len(t, updated.IntegrationCustomers, 2, "links not sent are kept")
	anrok.ExternalCustomerID = lago.Ptr("anrok-42")
	assert.Equal(t, anrok, updated.IntegrationCustomers[0])

	kept := h.create(lago.CustomerInput{ExternalID: "acme", IntegrationCustomers: lago.Null[[]lago.IntegrationCustomerInput]()})
	assert.Equal(t, updated.IntegrationCustomers, kept.IntegrationCustomers, "Lago removes no link on null")
}
