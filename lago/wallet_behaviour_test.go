package lago_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestGetAndTerminateWallet(t *testing.T) {
	f := fakelago.New(t)
	f.Answer(fakelago.OK(t, "wallet.json"), fakelago.OK(t, "wallet-terminated.json"))
	c := f.Client()
	got, err := c.GetWallet(t.Context(), "acme-eu-042", "api_credits")
	require.NoError(t, err)
	assert.Equal(t, lago.WalletStatusActive, got.Status)
	assert.Equal(t, []string{"api_calls", "storage_gb"}, got.AppliesTo.BillableMetricCodes)
	require.Len(t, got.RecurringTransactionRules, 1)
	assert.Nil(t, got.RecurringTransactionRules[0].Interval)

	gone, err := c.TerminateWallet(t.Context(), "acme-eu-042", "legacy")
	require.NoError(t, err)
	assert.Equal(t, lago.WalletStatusTerminated, gone.Status)
	assert.Equal(t, time.Date(2026, 11, 14, 9, 30, 0, 417000000, time.UTC), *gone.TerminatedAt)
	assert.Nil(t, gone.Metadata)
	reqs := f.Sent()
	require.Len(t, reqs, 2)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/wallets/api_credits"}, reqs[0])
	fakelago.AssertSent(t, fakelago.Want{Method: "DELETE", Path: "/customers/acme-eu-042/wallets/legacy"}, reqs[1])
}

func TestListWallets(t *testing.T) {
	f := fakelago.New(t)
	f.Answer(fakelago.OK(t, "wallet-list.json"))
	page, err := f.Client().ListWallets(t.Context(), "acme-eu-042", &lago.ListWalletsOptions{
		Page: 1, PerPage: 2, BillingEntityCodes: []string{"acme_eu", "acme_us"}, Currency: "EUR",
	})
	require.NoError(t, err)
	require.Len(t, page.Wallets, 2)
	assert.Equal(t, lago.WalletStatusTerminated, page.Wallets[0].Status)
	assert.Equal(t, lago.Ptr[int64](2), page.Meta.NextPage)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/wallets", Query: url.Values{
		"page": {"1"}, "per_page": {"2"}, "billing_entity_codes[]": {"acme_eu", "acme_us"}, "currency": {"EUR"},
	}}, fakelago.OnlyRequest(t, f))

	_, err = f.Client().ListWallets(t.Context(), "acme-eu-042", &lago.ListWalletsOptions{PerPage: -1})
	require.ErrorIs(t, err, lago.ErrInvalidArgument)
	_, err = f.Client().ListWalletAlerts(t.Context(), "acme-eu-042", "w", &lago.ListWalletAlertsOptions{Page: -1})
	require.ErrorIs(t, err, lago.ErrInvalidArgument)
	assert.Len(t, f.Sent(), 1)
}

func TestAllWallets(t *testing.T) {
	t.Run("walks every page", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(walletPage(t, 1, lago.Ptr(2), "w5", "w4"), walletPage(t, 2, lago.Ptr(3), "w3", "w2"), walletPage(t, 3, nil, "w1"))
		var got []string
		for w, err := range f.Client().AllWallets(t.Context(), "acme", &lago.ListWalletsOptions{PerPage: 2, Currency: "EUR"}) {
			require.NoError(t, err)
			got = append(got, *w.Code)
		}
		assert.Equal(t, []string{"w5", "w4", "w3", "w2", "w1"}, got)
		reqs := f.Sent()
		require.Len(t, reqs, 3)
		for i, page := range []string{"", "2", "3"} {
			q := url.Values{"per_page": {"2"}, "currency": {"EUR"}}
			if page != "" {
				q.Set("page", page)
			}
			fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/wallets", Query: q}, reqs[i])
		}
	})
	t.Run("stops at an error mid-walk", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(walletPage(t, 1, lago.Ptr(2), "w5", "w4"), fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`))
		var got []string
		var errs []error
		for w, err := range f.Client().AllWallets(t.Context(), "acme", nil) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, *w.Code)
		}
		assert.Equal(t, []string{"w5", "w4"}, got)
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], lago.ErrNotFound)
		assert.Len(t, f.Sent(), 2)
	})
}

func TestAllWalletAlerts(t *testing.T) {
	f := fakelago.New(t)
	f.Answer(alertPage(t, 1, lago.Ptr(2), "a3", "a2"), alertPage(t, 2, lago.Ptr(3), "a1"), fakelago.LagoError(401, `{"status":401,"error":"Unauthorized"}`))
	var got []string
	var errs []error
	for a, err := range f.Client().AllWalletAlerts(t.Context(), "acme", "api_credits", &lago.ListWalletAlertsOptions{PerPage: 2}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, a.Code)
	}
	assert.Equal(t, []string{"a3", "a2", "a1"}, got)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], lago.ErrUnauthorized)
	reqs := f.Sent()
	require.Len(t, reqs, 3)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/wallets/api_credits/alerts", Query: url.Values{"per_page": {"2"}}}, reqs[0])
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/wallets/api_credits/alerts", Query: url.Values{"page": {"3"}, "per_page": {"2"}}}, reqs[2])
}

// UpdateWallet leaves applies_to out unless told, which makes Lago drop the
// wallet's billable-metric restriction; UpdateWalletKeepingRestrictions
// resends what the wallet has.
func TestUpdateWalletKeepingRestrictions(t *testing.T) {
	t.Run("applies_to absent: both lists resent", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet.json"), fakelago.OK(t, "wallet.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "api_credits", lago.WalletUpdateInput{Name: lago.Value("Renamed")})
		require.NoError(t, err)
		reqs := f.Sent()
		require.Len(t, reqs, 2)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/wallets/api_credits"}, reqs[0])
		fakelago.AssertSent(t, fakelago.Want{Method: "PUT", Path: "/customers/acme/wallets/api_credits",
			Body: `{"wallet":{"applies_to":{"billable_metric_codes":["api_calls","storage_gb"],"fee_types":["charge","fixed_charge"]},"name":"Renamed"}}`}, reqs[1])
	})
	t.Run("fee types changed: the codes are resent", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet.json"), fakelago.OK(t, "wallet.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "api_credits", lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeSubscription})}),
		})
		require.NoError(t, err)
		reqs := f.Sent()
		require.Len(t, reqs, 2)
		assert.Equal(t, `{"wallet":{"applies_to":{"billable_metric_codes":["api_calls","storage_gb"],"fee_types":["subscription"]}}}`, reqs[1].Body)
	})
	t.Run("a terminated wallet under the code is refused", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-terminated.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "legacy", lago.WalletUpdateInput{})
		require.ErrorIs(t, err, lago.ErrInvalidArgument, "the code resolved to a terminated wallet")
		assert.Len(t, f.Sent(), 1)
	})
	t.Run("codes given: sent as they are, one request", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "api_credits", lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{})}),
		})
		require.NoError(t, err)
		fakelago.AssertSent(t, fakelago.Want{Method: "PUT", Path: "/customers/acme/wallets/api_credits",
			Body: `{"wallet":{"applies_to":{"billable_metric_codes":[]}}}`}, fakelago.OnlyRequest(t, f))
	})
	t.Run("the read fails: nothing is updated", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"wallet_not_found"}`))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "nope", lago.WalletUpdateInput{Name: lago.Value("x")})
		require.ErrorIs(t, err, lago.ErrNotFound)
		assert.Len(t, f.Sent(), 1)
	})
}

func TestWalletMetadata(t *testing.T) {
	t.Run("replace answers the stored metadata", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-metadata.json"))
		got, err := f.Client().ReplaceWalletMetadata(t.Context(), "acme", "api_credits", lago.WalletMetadata{})
		require.NoError(t, err)
		assert.Equal(t, lago.WalletMetadata{"crm_id": lago.Ptr("0061x00000AbCdE"), "region": lago.Ptr("eu-west"), "note": nil}, got)
		assert.Equal(t, `{"metadata":{}}`, fakelago.OnlyRequest(t, f).Body)
	})
	t.Run("replace refuses nil", func(t *testing.T) {
		f := fakelago.New(t)
		_, err := f.Client().ReplaceWalletMetadata(t.Context(), "acme", "api_credits", nil)
		require.ErrorIs(t, err, lago.ErrInvalidArgument)
		assert.Empty(t, f.Sent())
	})
	t.Run("merge of nil sends an empty object", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-metadata-null.json"))
		got, err := f.Client().MergeWalletMetadata(t.Context(), "acme", "api_credits", nil)
		require.NoError(t, err)
		assert.Nil(t, got)
		fakelago.AssertSent(t, fakelago.Want{Method: "PATCH", Path: "/customers/acme/wallets/api_credits/metadata", Body: `{"metadata":{}}`}, fakelago.OnlyRequest(t, f))
	})
	t.Run("delete all answers null", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-metadata-null.json"))
		got, err := f.Client().DeleteWalletMetadata(t.Context(), "acme", "api_credits")
		require.NoError(t, err)
		assert.Nil(t, got)
	})
	t.Run("delete key of a wallet without metadata", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"metadata_not_found"}`))
		_, err := f.Client().DeleteWalletMetadataKey(t.Context(), "acme", "api_credits", "crm_id")
		require.ErrorIs(t, err, lago.ErrNotFound)
		assert.EqualError(t, err, "lago: DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata/{key}: 404 metadata_not_found")
	})
	for _, body := range []string{`{}`, `{"wallet":{}}`, `null`} {
		t.Run("an answer without the metadata key is ErrBadResponse: "+body, func(t *testing.T) {
			f := fakelago.New(t)
			f.Answer(fakelago.Reply{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body), OffSpec: true})
			_, err := f.Client().DeleteWalletMetadata(t.Context(), "acme", "api_credits")
			require.ErrorIs(t, err, lago.ErrBadResponse)
			assert.Regexp(t, `the answer (has no "metadata"|is not a JSON object)$`, err.Error())
		})
	}
}

func TestDeleteWalletAlerts(t *testing.T) {
	for _, status := range []int{200, 204} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := fakelago.New(t)
			f.Answer(fakelago.Reply{Status: status, Header: http.Header{}, OffSpec: status != 200})
			require.NoError(t, f.Client().DeleteWalletAlerts(t.Context(), "acme", "api_credits"))
			fakelago.AssertSent(t, fakelago.Want{Method: "DELETE", Path: "/customers/acme/wallets/api_credits/alerts"}, fakelago.OnlyRequest(t, f))
		})
	}
	t.Run("another 2xx is ErrBadResponse", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.Reply{Status: 202, Header: http.Header{}, OffSpec: true})
		err := f.Client().DeleteWalletAlerts(t.Context(), "acme", "api_credits")
		require.ErrorIs(t, err, lago.ErrBadResponse)
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		assert.Equal(t, 202, lerr.StatusCode)
		assert.EqualError(t, err, "lago: DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts: 202 Accepted: invalid response body: status 202, want 200 with an empty body")
	})
}

func TestWalletAlerts(t *testing.T) {
	t.Run("create one", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-alert.json"))
		got, err := f.Client().CreateWalletAlert(t.Context(), "acme", "api_credits", lago.WalletAlertInput{
			AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low_credits", Name: lago.Value("Credits running low"),
			Thresholds: []lago.WalletAlertThresholdInput{{Value: "50.0", Code: lago.Value("warn")}, {Value: "10.0", Recurring: lago.Value(true)}},
		})
		require.NoError(t, err)
		assert.Equal(t, "180.25", got.PreviousValue)
		assert.Equal(t, lago.AlertDirectionDecreasing, got.Direction)
		fakelago.AssertSent(t, fakelago.Want{Method: "POST", Path: "/customers/acme/wallets/api_credits/alerts", Body: `{"alert":{"alert_type":"wallet_credits_balance",` +
			`"code":"low_credits","name":"Credits running low","thresholds":[{"code":"warn","value":"50.0"},{"recurring":true,"value":"10.0"}]}}`}, fakelago.OnlyRequest(t, f))
	})
	t.Run("create a batch", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-alert-batch.json"))
		got, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", []lago.WalletAlertInput{lowCredits, lowCredits})
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, []string{"low_credits", "low_balance"}, []string{got[0].Code, got[1].Code})
	})
	t.Run("a single answer to a batch is ErrBadResponse", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-alert.json"))
		_, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", []lago.WalletAlertInput{lowCredits})
		require.ErrorIs(t, err, lago.ErrBadResponse)
		assert.ErrorContains(t, err, `the answer has no "alerts"`)
	})
	t.Run("an empty batch is refused", func(t *testing.T) {
		f := fakelago.New(t)
		_, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", nil)
		require.ErrorIs(t, err, lago.ErrInvalidArgument)
		assert.Empty(t, f.Sent())
	})
	t.Run("batch errors by index", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.Reply{Status: 422, Body: fakelago.Fixture(t, "error-422-alert-batch.json")})
		_, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", []lago.WalletAlertInput{lowCredits, lowCredits, lowCredits})
		require.ErrorIs(t, err, lago.ErrValidation)
		byIndex := lago.AlertBatchErrors(err)
		require.Len(t, byIndex, 2)
		assert.JSONEq(t, `{"base":["alert_already_exists"]}`, string(byIndex[0]))
		assert.JSONEq(t, `{"alert_type":["invalid_type"]}`, string(byIndex[2]))
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		assert.Equal(t, []string{`Validation errors: {"base":["alert_already_exists"]}`}, lerr.Details["0.errors"])
	})
	t.Run("AlertBatchErrors of other errors is nil", func(t *testing.T) {
		assert.Nil(t, lago.AlertBatchErrors(nil))
		assert.Nil(t, lago.AlertBatchErrors(errors.New("x")))
		f := fakelago.New(t)
		f.Answer(fakelago.LagoError(422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"alert_type":["invalid_type"]}}`))
		_, err := f.Client().CreateWalletAlert(t.Context(), "acme", "api_credits", lowCredits)
		require.ErrorIs(t, err, lago.ErrValidation)
		assert.Nil(t, lago.AlertBatchErrors(err))
	})
	t.Run("update and delete", func(t *testing.T) {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "wallet-alert.json"), fakelago.OK(t, "wallet-alert-deleted.json"), fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"alert_not_found"}`))
		c := f.Client()
		_, err := c.UpdateWalletAlert(t.Context(), "acme", "api_credits", "low_credits", lago.WalletAlertUpdateInput{
			Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "25"}}),
		})
		require.NoError(t, err)
		deleted, err := c.DeleteWalletAlert(t.Context(), "acme", "api_credits", "low_credits")
		require.NoError(t, err)
		assert.Empty(t, deleted.Thresholds)
		_, err = c.DeleteWalletAlert(t.Context(), "acme", "api_credits", "low_credits")
		require.ErrorIs(t, err, lago.ErrNotFound)
		reqs := f.Sent()
		require.Len(t, reqs, 3)
		fakelago.AssertSent(t, fakelago.Want{Method: "PUT", Path: "/customers/acme/wallets/api_credits/alerts/low_credits",
			Body: `{"alert":{"thresholds":[{"value":"25"}]}}`}, reqs[0])
	})
}

// Input types survive a JSON round trip, so they can be stored or built
// from configuration and still send exactly what was set.
func TestWalletInputsRoundTrip(t *testing.T) {
	in := lago.WalletUpdateInput{
		Name:      lago.Null[string](),
		Priority:  lago.Value[int64](1),
		AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"api_calls"})}),
		Metadata:  lago.Value(lago.WalletMetadata{"k": nil}),
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `{"applies_to":{"billable_metric_codes":["api_calls"]},"metadata":{"k":null},"name":null,"priority":1}`, string(b))
	var back lago.WalletUpdateInput
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, in, back)
}
