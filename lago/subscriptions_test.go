package lago_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestListSubscriptions(t *testing.T) {
	t.Run("every filter", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "subscriptions.json"))
		page, err := f.Client().ListSubscriptions(t.Context(), "acme-eu-042", &lago.ListSubscriptionsOptions{
			Page: 1, PerPage: 2, PlanCode: "pro_monthly",
			Statuses:           []lago.SubscriptionStatus{lago.SubscriptionStatusCanceled, lago.SubscriptionStatusIncomplete},
			BillingEntityCodes: []string{"acme_eu"}, ExternalID: "sub-acme-pro", Currency: "EUR", Overridden: lago.Ptr(false),
		})
		require.NoError(t, err)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/subscriptions", Query: url.Values{
			"page": {"1"}, "per_page": {"2"}, "plan_code": {"pro_monthly"}, "status[]": {"canceled", "incomplete"},
			"billing_entity_codes[]": {"acme_eu"}, "external_id": {"sub-acme-pro"}, "currency": {"EUR"}, "overridden": {"false"},
		}}, fakelago.OnlyRequest(t, f))
		require.Len(t, page.Subscriptions, 2)
		canceled, active := page.Subscriptions[0], page.Subscriptions[1]
		assert.Equal(t, lago.Ptr(lago.CancellationReasonTimeout), canceled.CancellationReason)
		assert.Equal(t, lago.ActivationRuleTypePayment, canceled.ActivationRules[0].Type)
		assert.Equal(t, lago.SubscriptionStatusActive, active.Status)
		assert.Equal(t, lago.Ptr("starter_monthly"), active.PreviousPlanCode)
		assert.Nil(t, active.DowngradePlanDate)
	})
	t.Run("no options send no status, so Lago lists active ones", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "subscriptions.json"))
		_, err := f.Client().ListSubscriptions(t.Context(), "acme", nil)
		require.NoError(t, err)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/subscriptions"}, fakelago.OnlyRequest(t, f))
	})
}
