package lagotest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestSubscriptionList(t *testing.T) {
	h := newHarness(t, lagotest.WithBillingEntities("acme_eu", "acme_us"))
	acme := h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR"), BillingEntityCode: lago.Value("acme_eu")})
	add := func(sub lagotest.Subscription) {
		h.clock.Advance(time.Minute)
		require.NoError(t, h.srv.AddSubscription("acme", sub))
	}
	add(lagotest.Subscription{ExternalID: "sub-pro", Details: lago.Subscription{PlanCode: "pro", Name: lago.Ptr("Pro")}})
	add(lagotest.Subscription{ExternalID: "sub-old", Status: lagotest.SubscriptionTerminated, Overridden: true})
	add(lagotest.Subscription{ExternalID: "sub-next", Details: lago.Subscription{Status: lago.SubscriptionStatusPending, PlanCode: "pro",
		PlanAmountCurrency: "USD", BillingEntityCode: lago.Ptr("acme_us")}})
	add(lagotest.Subscription{ExternalID: "sub-wait", Details: lago.Subscription{Status: lago.SubscriptionStatusIncomplete}})

	page, err := h.client.ListSubscriptions(h.ctx(), "acme", nil)
	require.NoError(t, err)
	require.Len(t, page.Subscriptions, 1, "only active ones without a status filter")
	pro := page.Subscriptions[0]
	at := epoch.Add(time.Minute)
	assert.Equal(t, lago.Subscription{
		LagoID: pro.LagoID, ExternalID: "sub-pro", LagoCustomerID: acme.LagoID, ExternalCustomerID: "acme",
		BillingTime: lago.BillingTimeCalendar, Name: lago.Ptr("Pro"), PlanCode: "pro", PlanAmountCurrency: "EUR",
		Status: lago.SubscriptionStatusActive, CreatedAt: at, SubscriptionAt: at, StartedAt: &at,
		OnTerminationInvoice: lago.OnTerminationInvoiceGenerate,
		PaymentMethod:        lago.PaymentMethodReference{PaymentMethodType: lago.PaymentMethodTypeProvider},
		ActivationRules:      []lago.ActivationRule{},
	}, pro)

	all := []lago.SubscriptionStatus{lago.SubscriptionStatusActive, lago.SubscriptionStatusTerminated, lago.SubscriptionStatusPending, lago.SubscriptionStatusIncomplete}
	tests := []struct {
		name string
		opts lago.ListSubscriptionsOptions
		want []string
	}{
		{"every status, latest first", lago.ListSubscriptionsOptions{Statuses: all}, []string{"sub-wait", "sub-next", "sub-old", "sub-pro"}},
		{"incomplete is a status too", lago.ListSubscriptionsOptions{Statuses: []lago.SubscriptionStatus{lago.SubscriptionStatusIncomplete}}, []string{"sub-wait"}},
		{"plan code", lago.ListSubscriptionsOptions{Statuses: all, PlanCode: "pro"}, []string{"sub-next", "sub-pro"}},
		{"external id", lago.ListSubscriptionsOptions{Statuses: all, ExternalID: "sub-old"}, []string{"sub-old"}},
		{"currency", lago.ListSubscriptionsOptions{Statuses: all, Currency: "USD"}, []string{"sub-next"}},
		{"overridden", lago.ListSubscriptionsOptions{Statuses: all, Overridden: lago.Ptr(true)}, []string{"sub-old"}},
		{"billing entity, the subscription's own else the customer's", lago.ListSubscriptionsOptions{Statuses: all, BillingEntityCodes: []string{"acme_eu"}}, []string{"sub-wait", "sub-old", "sub-pro"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for s, err := range h.client.AllSubscriptions(h.ctx(), "acme", &tt.opts) {
				require.NoError(t, err)
				assert.Nil(t, s.BillingEntityCode, "never in the list")
				got = append(got, s.ExternalID)
			}
			assert.Equal(t, tt.want, got)
		})
	}
	t.Run("one unknown status lists every status", func(t *testing.T) {
		got := h.raw("GET", "/customers/acme/subscriptions?status[]=active&status[]=paused", "", nil)
		require.Equal(t, 200, got.status, got.body)
		assert.Contains(t, got.body, `"total_count":4`)
	})
	t.Run("terminated ones end now", func(t *testing.T) {
		page, err := h.client.ListSubscriptions(h.ctx(), "acme", &lago.ListSubscriptionsOptions{Statuses: []lago.SubscriptionStatus{lago.SubscriptionStatusTerminated}})
		require.NoError(t, err)
		require.Len(t, page.Subscriptions, 1)
		assert.NotNil(t, page.Subscriptions[0].TerminatedAt)
	})
	t.Run("an unknown billing entity", func(t *testing.T) {
		_, err := h.client.ListSubscriptions(h.ctx(), "acme", &lago.ListSubscriptionsOptions{BillingEntityCodes: []string{"nope"}})
		requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`)
	})
}
