package lago_test

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAllWalletAlerts(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(alertPage(t, 1, lago.Ptr(2), "a3", "a2"), alertPage(t, 2, lago.Ptr(3), "a1"), fakelago.LagoError(401, `{"status":401,"error":"Unauthorized"}`))
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

func TestWalletAlerts(t *testing.T) {
	t.Run("create one", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet-alert.json"))
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
		f.Respond(fakelago.OK(t, "wallet-alert-batch.json"))
		got, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", []lago.WalletAlertInput{lowCredits, lowCredits})
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, []string{"low_credits", "low_balance"}, []string{got[0].Code, got[1].Code})
	})
	t.Run("a single answer to a batch is ErrBadResponse", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet-alert.json"))
		_, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", []lago.WalletAlertInput{lowCredits})
		require.ErrorIs(t, err, lago.ErrBadResponse)
		assert.ErrorContains(t, err, `the response has no "alerts"`)
	})
	t.Run("an empty batch is refused", func(t *testing.T) {
		f := fakelago.New(t)
		_, err := f.Client().CreateWalletAlerts(t.Context(), "acme", "api_credits", nil)
		require.ErrorIs(t, err, lago.ErrInvalidArgument)
		assert.Empty(t, f.Sent())
	})
	t.Run("batch errors by index", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.Response{Status: 422, Body: fakelago.Fixture(t, "error-422-alert-batch.json")})
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
		f.Respond(fakelago.LagoError(422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"alert_type":["invalid_type"]}}`))
		_, err := f.Client().CreateWalletAlert(t.Context(), "acme", "api_credits", lowCredits)
		require.ErrorIs(t, err, lago.ErrValidation)
		assert.Nil(t, lago.AlertBatchErrors(err))
	})
	t.Run("update and delete", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet-alert.json"), fakelago.OK(t, "wallet-alert-deleted.json"), fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"alert_not_found"}`))
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

func TestDeleteWalletAlerts(t *testing.T) {
	for _, status := range []int{200, 204} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.Response{Status: status, Header: http.Header{}, OffSpec: status != 200})
			require.NoError(t, f.Client().DeleteWalletAlerts(t.Context(), "acme", "api_credits"))
			fakelago.AssertSent(t, fakelago.Want{Method: "DELETE", Path: "/customers/acme/wallets/api_credits/alerts"}, fakelago.OnlyRequest(t, f))
		})
	}
	t.Run("another 2xx is ErrBadResponse", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.Response{Status: 202, Header: http.Header{}, OffSpec: true})
		err := f.Client().DeleteWalletAlerts(t.Context(), "acme", "api_credits")
		require.ErrorIs(t, err, lago.ErrBadResponse)
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		assert.Equal(t, 202, lerr.StatusCode)
		assert.EqualError(t, err, "lago: DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts: 202 Accepted: invalid response body: status 202, want 200 with an empty body")
	})
}
