package lagotest_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

const seedJSON = `{
  "billable_metrics": ["api_calls"],
  "customers": [{"external_id": "acme", "name": "Acme", "currency": "EUR"}],
  "payment_providers": [{"external_customer_id": "acme", "kind": "stripe", "customer_id": "cus_1"}],
  "payment_methods": [{"external_customer_id": "acme", "payment_method": {"is_default": true, "payment_provider_type": "stripe"}}],
  "wallets": [{"external_customer_id": "acme", "wallet": {"rate_amount": "1.0", "paid_credits": "10.0", "granted_credits": "5.0"}, "settle_top_ups": true}],
  "subscriptions": [{"external_customer_id": "acme", "external_id": "sub_1"}],
  "applied_coupons": [{"external_customer_id": "acme", "code": "welcome", "percentage_rate": "10.0"}],
  "invoices": [{"external_customer_id": "acme", "invoice": {"lago_id": "7f6c2b0e-1d7e-4c53-9a8f-0c1f6d2e4a11", "fees_amount_cents": 1000}}],
  "credit_notes": [{"external_customer_id": "acme", "credit_note": {"lago_invoice_id": "7f6c2b0e-1d7e-4c53-9a8f-0c1f6d2e4a11", "credit_amount_cents": 100}}],
  "payment_requests": [{"external_customer_id": "acme", "payment_request": {"invoices": [{"lago_id": "7f6c2b0e-1d7e-4c53-9a8f-0c1f6d2e4a11"}]}}],
  "payments": [{"external_customer_id": "acme", "payment": {"invoice_ids": ["7f6c2b0e-1d7e-4c53-9a8f-0c1f6d2e4a11"], "amount_cents": 1000}}]
}`

func TestSeedLoadsEveryKind(t *testing.T) {
	srv := lagotest.New(t)
	seed, err := lagotest.DecodeSeed([]byte(seedJSON))
	require.NoError(t, err)
	require.NoError(t, srv.Seed(seed))

	client, err := srv.Client()
	require.NoError(t, err)
	ctx := context.Background()
	cust, err := client.GetCustomer(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, "Acme", *cust.Name)
	assert.Equal(t, lago.PaymentProviderStripe, *cust.BillingConfiguration.PaymentProvider)

	wallets, err := client.ListWallets(ctx, "acme", nil)
	require.NoError(t, err)
	require.Len(t, wallets.Wallets, 1)
	assert.Equal(t, "15.0", wallets.Wallets[0].CreditsBalance)

	counts := map[string]int{}
	pms, err := client.ListPaymentMethods(ctx, "acme", nil)
	require.NoError(t, err)
	counts["payment_methods"] = len(pms.PaymentMethods)
	subs, err := client.ListSubscriptions(ctx, "acme", nil)
	require.NoError(t, err)
	counts["subscriptions"] = len(subs.Subscriptions)
	coupons, err := client.ListAppliedCoupons(ctx, "acme", nil)
	require.NoError(t, err)
	counts["applied_coupons"] = len(coupons.AppliedCoupons)
	invoices, err := client.ListInvoices(ctx, "acme", nil)
	require.NoError(t, err)
	counts["invoices"] = len(invoices.Invoices)
	notes, err := client.ListCreditNotes(ctx, "acme", nil)
	require.NoError(t, err)
	counts["credit_notes"] = len(notes.CreditNotes)
	prs, err := client.ListPaymentRequests(ctx, "acme", nil)
	require.NoError(t, err)
	counts["payment_requests"] = len(prs.PaymentRequests)
	payments, err := client.ListPayments(ctx, "acme", nil)
	require.NoError(t, err)
	counts["payments"] = len(payments.Payments)
	assert.Equal(t, map[string]int{
		"payment_methods": 1, "subscriptions": 1, "applied_coupons": 1, "invoices": 1,
		"credit_notes": 1, "payment_requests": 1, "payments": 1,
	}, counts)
	assert.Len(t, srv.Requests(), 9, "the client's calls only: seeding records no request")
}

func TestDecodeSeedNamesTheBadRecord(t *testing.T) {
	tests := []struct {
		name, seed, want string
	}{
		{"unknown top-level field", `{"customer": []}`, `lagotest: seed: json: unknown field "customer"`},
		{"unknown field in a record", `{"customers": [{"external_id": "a"}, {"external_id": "b", "emial": "x"}]}`,
			`lagotest: seed customers[1]: json: unknown field "emial"`},
		{"missing customer", `{"invoices": [{"invoice": {}}]}`, `lagotest: seed invoices[0]: missing external_customer_id`},
		{"wrong type", `{"subscriptions": [{"external_customer_id": "a", "external_id": 1}]}`,
			`lagotest: seed subscriptions[0]: json: cannot unmarshal number into Go struct field SeedSubscription.external_id of type string`},
		{"two values", `{} {}`, `lagotest: seed: more than one JSON value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lagotest.DecodeSeed([]byte(tt.seed))
			require.EqualError(t, err, tt.want)
		})
	}
}

func TestSeedStopsAtTheFirstRefusedRecord(t *testing.T) {
	tests := []struct {
		name   string
		seed   lagotest.Seed
		want   string
		target error
	}{
		{
			name: "customer refused by the API's checks",
			seed: lagotest.Seed{Customers: []lago.CustomerInput{{ExternalID: "a"}, {ExternalID: "b", Currency: lago.Value("EURO")}}},
			want: `lagotest: seed customers[1]: POST /customers answered 422: {"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"currency":["value_is_invalid"]}}`,
		},
		{
			name:   "document of an unknown customer",
			seed:   lagotest.Seed{Invoices: []lagotest.SeedInvoice{{ExternalCustomerID: "nobody"}}},
			want:   `lagotest: seed invoices[0]: no customer with this external id: "nobody"`,
			target: lagotest.ErrUnknownCustomer,
		},
		{
			name: "helper check",
			seed: lagotest.Seed{
				Customers:      []lago.CustomerInput{{ExternalID: "a"}},
				AppliedCoupons: []lagotest.SeedCoupon{{ExternalCustomerID: "a", Code: "c"}},
			},
			want: `lagotest: seed applied_coupons[0]: coupon "c": set either AmountCents (> 0) or PercentageRate`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := lagotest.New(t)
			err := srv.Seed(tt.seed)
			require.EqualError(t, err, tt.want)
			var se *lagotest.SeedError
			require.ErrorAs(t, err, &se)
			if tt.target != nil {
				assert.True(t, errors.Is(err, tt.target))
			}
		})
	}
}

func TestNewHandlerServesOnYourOwnServer(t *testing.T) {
	srv, err := lagotest.NewHandler(lagotest.WithAPIKey("key"))
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	client, err := lago.NewClient("key", lago.WithBaseURL(hs.URL+lagotest.DefaultBasePath))
	require.NoError(t, err)
	cust, err := client.CreateCustomer(context.Background(), lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, err)
	assert.Equal(t, "acme", cust.ExternalID)
	assert.Empty(t, srv.URL)

	_, err = lagotest.NewHandler(lagotest.WithFrontURL("not a url"))
	require.EqualError(t, err, `WithFrontURL("not a url"): want an absolute URL`)
}

// BenchmarkNew measures what a Go test pays for lagotest.New: building
// the server (the spec is parsed once per process) and listening.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		lagotest.NewServer().Close()
	}
}
