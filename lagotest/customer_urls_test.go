package lagotest_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestCheckoutURL(t *testing.T) {
	noProvider := `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"base":["no_linked_payment_provider"]}}`

	t.Run("without a payment provider", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme"})
		_, err := h.client.GenerateCheckoutURL(h.ctx(), "acme")
		lerr := lagoErrorOf(t, err, http.StatusUnprocessableEntity, noProvider)
		assert.Equal(t, map[string][]string{"base": {"no_linked_payment_provider"}}, lerr.Details)
	})
	t.Run("a provider named on creation without its customer", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			PaymentProvider: lago.Value(lago.PaymentProviderStripe),
		})})
		_, err := h.client.GenerateCheckoutURL(h.ctx(), "acme")
		requireLagoError(t, err, http.StatusUnprocessableEntity, noProvider)
	})
	t.Run("linked through the API", func(t *testing.T) {
		h := newHarness(t)
		c := h.create(lago.CustomerInput{ExternalID: "acme", BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			PaymentProvider: lago.Value(lago.PaymentProviderStripe), ProviderCustomerID: lago.Value("cus_1"),
		})})
		got, err := h.client.GenerateCheckoutURL(h.ctx(), "acme")
		require.NoError(t, err)
		assert.Regexp(t, `^https://checkout\.lagotest\.invalid/stripe/[A-Za-z0-9_-]{32}$`, got.CheckoutURL)
		assert.Equal(t, lago.CheckoutURL{
			LagoCustomerID: c.LagoID, ExternalCustomerID: "acme", PaymentProvider: lago.PaymentProviderStripe, CheckoutURL: got.CheckoutURL,
		}, *got)
	})
	t.Run("linked with SetPaymentProvider", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme"})
		require.NoError(t, h.srv.SetPaymentProvider("acme", lagotest.PaymentProvider{Kind: lago.PaymentProviderGocardless, Code: "gc_eu", CustomerID: "CU123"}))

		c, err := h.client.GetCustomer(h.ctx(), "acme")
		require.NoError(t, err)
		assert.Equal(t, lago.BillingConfiguration{
			PaymentProvider: lago.Ptr(lago.PaymentProviderGocardless), PaymentProviderCode: lago.Ptr("gc_eu"), ProviderCustomerID: lago.Ptr("CU123"),
		}, c.BillingConfiguration)

		got, err := h.client.GenerateCheckoutURL(h.ctx(), "acme")
		require.NoError(t, err)
		assert.Equal(t, lago.Ptr("gc_eu"), got.PaymentProviderCode)
		assert.Equal(t, lago.PaymentProviderGocardless, got.PaymentProvider)

		require.NoError(t, h.srv.SetPaymentProvider("acme", lagotest.PaymentProvider{Kind: lago.PaymentProviderStripe}))
		c, err = h.client.GetCustomer(h.ctx(), "acme")
		require.NoError(t, err)
		assert.Equal(t, lago.BillingConfiguration{
			PaymentProvider: lago.Ptr(lago.PaymentProviderStripe), ProviderPaymentMethods: []lago.ProviderPaymentMethod{lago.ProviderPaymentMethodCard},
		}, c.BillingConfiguration, "the new link replaces the old one")
	})
	t.Run("SetPaymentProvider refusals", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme"})
		assert.ErrorContains(t, h.srv.SetPaymentProvider("acme", lagotest.PaymentProvider{Kind: "paypal"}), "unknown provider")
		assert.ErrorIs(t, h.srv.SetPaymentProvider("ghost", lagotest.PaymentProvider{Kind: lago.PaymentProviderStripe}), lagotest.ErrUnknownCustomer)
	})
	t.Run("unknown customer", func(t *testing.T) {
		h := newHarness(t)
		_, err := h.client.GenerateCheckoutURL(h.ctx(), "ghost")
		requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
	})
}

func TestPortalURL(t *testing.T) {
	tests := []struct {
		name string
		opts []lagotest.Option
		want *regexp.Regexp
	}{
		{name: "default: a reserved host", want: regexp.MustCompile(`^https://app\.lagotest\.invalid/customer-portal/[A-Za-z0-9_-]{43}$`)},
		{name: "Lago Cloud", opts: []lagotest.Option{lagotest.WithFrontURL("https://app.getlago.com")},
			want: regexp.MustCompile(`^https://app\.getlago\.com/customer-portal/[A-Za-z0-9_-]{43}$`)},
		{name: "self-hosted", opts: []lagotest.Option{lagotest.WithFrontURL("https://lago.example.com/")},
			want: regexp.MustCompile(`^https://lago\.example\.com/customer-portal/[A-Za-z0-9_-]{43}$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.opts...)
			h.create(lago.CustomerInput{ExternalID: "acme"})
			first, err := h.client.GetPortalURL(h.ctx(), "acme")
			require.NoError(t, err)
			assert.Regexp(t, tt.want, first)
			second, err := h.client.GetPortalURL(h.ctx(), "acme")
			require.NoError(t, err)
			assert.NotEqual(t, first, second, "a new signed link each time")
		})
	}
	t.Run("unknown customer", func(t *testing.T) {
		h := newHarness(t)
		_, err := h.client.GetPortalURL(h.ctx(), "ghost")
		requireLagoError(t, err, http.StatusNotFound, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)
	})
}
