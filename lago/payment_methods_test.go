package lago_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestPaymentMethods(t *testing.T) {
	t.Run("list", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "payment-methods.json"))
		page, err := f.Client().ListPaymentMethods(t.Context(), "acme-eu-042", &lago.ListPaymentMethodsOptions{Page: 1, PerPage: 2})
		require.NoError(t, err)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/payment_methods", Query: url.Values{"page": {"1"}, "per_page": {"2"}}}, fakelago.OnlyRequest(t, f))
		require.Len(t, page.PaymentMethods, 2)
		assert.True(t, page.PaymentMethods[0].IsDefault)
		assert.Nil(t, page.PaymentMethods[1].PaymentProviderType)
		assert.Equal(t, "pm_orphan_77", page.PaymentMethods[1].ProviderMethodID)
	})
	t.Run("set as default sends a PUT without body", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "payment-method.json"))
		got, err := f.Client().SetDefaultPaymentMethod(t.Context(), "acme-eu-042", methodID)
		require.NoError(t, err)
		fakelago.AssertSent(t, fakelago.Want{Method: "PUT", Path: "/customers/acme-eu-042/payment_methods/" + methodID + "/set_as_default"}, fakelago.OnlyRequest(t, f))
		assert.Equal(t, methodID, got.LagoID)
		assert.True(t, got.IsDefault)
		assert.Equal(t, lago.Ptr("stripe_eu"), got.PaymentProviderCode)
	})
	t.Run("set as default while the lock is held", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.LagoError(422, string(fakelago.Fixture(t, "error-422-lock.json"))))
		_, err := f.Client(lago.WithRetry(lago.NoRetry)).SetDefaultPaymentMethod(t.Context(), "acme", methodID)
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		require.ErrorIs(t, err, lago.ErrValidation)
		assert.Equal(t, "lock_acquisition_failed", lerr.Code)
		assert.Nil(t, lerr.Details)
	})
	t.Run("delete answers the method, then 404", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "payment-method-deleted.json"), fakelago.LagoError(404, string(fakelago.Fixture(t, "error-404-payment-method.json"))))
		c := f.Client()
		got, err := c.DeletePaymentMethod(t.Context(), "acme-eu-042", methodID)
		require.NoError(t, err)
		assert.False(t, got.IsDefault)
		assert.Equal(t, methodID, got.LagoID)
		_, err = c.DeletePaymentMethod(t.Context(), "acme-eu-042", methodID)
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		require.ErrorIs(t, err, lago.ErrNotFound)
		assert.Equal(t, "payment_method_not_found", lerr.Code)
		reqs := f.Sent()
		require.Len(t, reqs, 2)
		for _, r := range reqs {
			fakelago.AssertSent(t, fakelago.Want{Method: "DELETE", Path: "/customers/acme-eu-042/payment_methods/" + methodID}, r)
		}
	})
}
