package lagotest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestPaymentMethods(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	card, err := h.srv.AddPaymentMethod("acme", lago.PaymentMethod{IsDefault: true, PaymentProviderCode: lago.Ptr("stripe_eu"), PaymentProviderType: lago.Ptr(lago.PaymentProviderStripe)})
	require.NoError(t, err)
	assert.NotEmpty(t, card.ProviderMethodID)
	assert.Equal(t, epoch, card.CreatedAt)
	h.clock.Advance(time.Minute)
	sepa, err := h.srv.AddPaymentMethod("acme", lago.PaymentMethod{ProviderMethodID: "pm_sepa"})
	require.NoError(t, err)

	defaults := func() []string {
		var out []string
		for m, err := range h.client.AllPaymentMethods(h.ctx(), "acme", nil) {
			require.NoError(t, err)
			if m.IsDefault {
				out = append(out, m.LagoID)
			}
		}
		return out
	}
	page, err := h.client.ListPaymentMethods(h.ctx(), "acme", nil)
	require.NoError(t, err)
	assert.Equal(t, []lago.PaymentMethod{sepa, card}, page.PaymentMethods, "newest first")

	got, err := h.client.SetDefaultPaymentMethod(h.ctx(), "acme", sepa.LagoID)
	require.NoError(t, err)
	assert.True(t, got.IsDefault)
	assert.Equal(t, []string{sepa.LagoID}, defaults(), "exactly one default")
	again, err := h.client.SetDefaultPaymentMethod(h.ctx(), "acme", sepa.LagoID)
	require.NoError(t, err)
	assert.Equal(t, got, again, "setting the default again changes nothing")

	deleted, err := h.client.DeletePaymentMethod(h.ctx(), "acme", sepa.LagoID)
	require.NoError(t, err)
	assert.False(t, deleted.IsDefault)
	assert.Equal(t, sepa.LagoID, deleted.LagoID)
	assert.Empty(t, defaults(), "no other method becomes the default")
	page, err = h.client.ListPaymentMethods(h.ctx(), "acme", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{card.LagoID}, []string{page.PaymentMethods[0].LagoID})
	assert.Len(t, page.PaymentMethods, 1, "a deleted method is gone from the list")

	notFound := `{"status":404,"error":"Not Found","code":"payment_method_not_found"}`
	_, err = h.client.DeletePaymentMethod(h.ctx(), "acme", sepa.LagoID)
	requireLagoError(t, err, 404, notFound)
	_, err = h.client.SetDefaultPaymentMethod(h.ctx(), "acme", sepa.LagoID)
	requireLagoError(t, err, 404, notFound)
	_, err = h.client.SetDefaultPaymentMethod(h.ctx(), "ghost", card.LagoID)
	requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`)

	t.Run("another customer's method is not found", func(t *testing.T) {
		h.create(lago.CustomerInput{ExternalID: "other"})
		_, err := h.client.SetDefaultPaymentMethod(h.ctx(), "other", card.LagoID)
		requireLagoError(t, err, 404, notFound)
	})
	t.Run("a method added as default takes the default over", func(t *testing.T) {
		_, err := h.client.SetDefaultPaymentMethod(h.ctx(), "acme", card.LagoID)
		require.NoError(t, err)
		fresh, err := h.srv.AddPaymentMethod("acme", lago.PaymentMethod{IsDefault: true})
		require.NoError(t, err)
		assert.Equal(t, []string{fresh.LagoID}, defaults())
	})
	t.Run("unknown customer", func(t *testing.T) {
		_, err := h.srv.AddPaymentMethod("ghost", lago.PaymentMethod{})
		assert.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
	})
}
