package lagotest_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

func alertInput(t lago.WalletAlertType, code string, values ...lago.DecimalInput) lago.WalletAlertInput {
	in := lago.WalletAlertInput{AlertType: t, Code: code}
	for _, v := range values {
		in.Thresholds = append(in.Thresholds, lago.WalletAlertThresholdInput{Value: v})
	}
	return in
}

func TestWalletAlerts(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	w := h.wallet("acme", lago.WalletInput{RateAmount: "0.5", Code: lago.Value("main"), GrantedCredits: lago.Value[lago.DecimalInput]("100")})
	_, err := h.srv.SettleWalletTopUps("acme", "main")
	require.NoError(t, err)
	c := h.client

	a, err := c.CreateWalletAlert(h.ctx(), "acme", "main", lago.WalletAlertInput{
		AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low", Name: lago.Value("Low credits"),
		Thresholds: []lago.WalletAlertThresholdInput{{Value: "20", Code: lago.Value("warn")}, {Value: "5", Recurring: lago.Value(true)}},
	})
	require.NoError(t, err)
	assert.Equal(t, lago.WalletAlert{
		LagoID: a.LagoID, LagoOrganizationID: a.LagoOrganizationID, LagoWalletID: w.LagoID, WalletCode: lago.Ptr("main"),
		AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low", Name: lago.Ptr("Low credits"),
		Direction: lago.AlertDirectionDecreasing, PreviousValue: "100.0", CreatedAt: epoch,
		Thresholds: []lago.WalletAlertThreshold{{Code: lago.Ptr("warn"), Value: "20.0"}, {Value: "5.0", Recurring: true}},
	}, *a)
	assert.Regexp(t, uuidPattern, a.LagoOrganizationID)

	balance, err := c.CreateWalletAlert(h.ctx(), "acme", "main", alertInput(lago.WalletAlertTypeWalletBalanceAmount, "low", "1000"))
	require.NoError(t, err, "codes are not unique per wallet")
	assert.Equal(t, "5000.0", balance.PreviousValue, "balance alerts watch cents")

	_, err = c.CreateWalletAlert(h.ctx(), "acme", "main", alertInput(lago.WalletAlertTypeWalletCreditsBalance, "again", "1"))
	requireLagoError(t, err, 422, validation(`{"base":["alert_already_exists"]}`))

	got, err := c.GetWalletAlert(h.ctx(), "acme", "main", "low")
	require.NoError(t, err)
	assert.Equal(t, a.LagoID, got.LagoID, "the first alert with the code")

	up, err := c.UpdateWalletAlert(h.ctx(), "acme", "main", "low", lago.WalletAlertUpdateInput{
		Name: lago.Null[string](), Thresholds: lago.Value([]lago.WalletAlertThresholdInput{}),
	})
	require.NoError(t, err)
	assert.Nil(t, up.Name)
	assert.Len(t, up.Thresholds, 2, "an empty list keeps the thresholds")
	up, err = c.UpdateWalletAlert(h.ctx(), "acme", "main", "low", lago.WalletAlertUpdateInput{
		Code: lago.Value("lower"), Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "10.50"}}),
	})
	require.NoError(t, err)
	assert.Equal(t, "lower", up.Code)
	assert.Equal(t, []lago.WalletAlertThreshold{{Value: "10.5"}}, up.Thresholds)

	var codes []string
	for a, err := range c.AllWalletAlerts(h.ctx(), "acme", "main", &lago.ListWalletAlertsOptions{PerPage: 1}) {
		require.NoError(t, err)
		codes = append(codes, a.Code+"/"+string(a.AlertType))
	}
	assert.Equal(t, []string{"low/wallet_balance_amount", "lower/wallet_credits_balance"}, codes, "newest first, over two pages")

	deleted, err := c.DeleteWalletAlert(h.ctx(), "acme", "main", "lower")
	require.NoError(t, err)
	assert.Equal(t, []lago.WalletAlertThreshold{}, deleted.Thresholds)
	_, err = c.DeleteWalletAlert(h.ctx(), "acme", "main", "lower")
	requireLagoError(t, err, 404, `{"status":404,"error":"Not Found","code":"alert_not_found"}`)

	require.NoError(t, c.DeleteWalletAlerts(h.ctx(), "acme", "main"))
	require.NoError(t, c.DeleteWalletAlerts(h.ctx(), "acme", "main"), "also with nothing to delete")
	resp := h.raw("DELETE", "/customers/acme/wallets/main/alerts", "", nil)
	assert.Equal(t, 200, resp.status)
	assert.Empty(t, resp.body)
	page, err := c.ListWalletAlerts(h.ctx(), "acme", "main", nil)
	require.NoError(t, err)
	assert.Empty(t, page.Alerts)
	_, err = c.ListWalletAlerts(h.ctx(), "acme", "nope", nil)
	requireLagoError(t, err, 404, errWalletNotFound)
}

func TestWalletAlertValidation(t *testing.T) {
	many := make([]lago.DecimalInput, 21)
	for i := range many {
		many[i] = lago.DecimalInput(fmt.Sprint(i + 1))
	}
	tests := []struct {
		name string
		body string
		want string
	}{
		{"no type", `{"alert":{"code":"a","thresholds":[{"value":1}]}}`, `{"alert_type":["value_is_mandatory","value_is_invalid"]}`},
		{"a subscription type", `{"alert":{"alert_type":"lifetime_usage_amount","code":"a","thresholds":[{"value":1}]}}`, `{"alert_type":["invalid_type"]}`},
		{"no code", `{"alert":{"alert_type":"wallet_balance_amount","thresholds":[{"value":1}]}}`, `{"code":["value_is_mandatory"]}`},
		{"no thresholds", `{"alert":{"alert_type":"wallet_balance_amount","code":"a"}}`, `{"thresholds":["value_is_mandatory"]}`},
		{"threshold without value", `{"alert":{"alert_type":"wallet_balance_amount","code":"a","thresholds":[{"code":"x"}]}}`, `{"thresholds:value":["value_is_mandatory"]}`},
		{"threshold not numeric", `{"alert":{"alert_type":"wallet_balance_amount","code":"a","thresholds":[{"value":"lots"}]}}`, `{"thresholds:value":["value_is_invalid"]}`},
		{"recurring zero", `{"alert":{"alert_type":"wallet_balance_amount","code":"a","thresholds":[{"value":0,"recurring":true}]}}`, `{"thresholds:value":["recurring_value_is_negative"]}`},
		{"duplicate values", `{"alert":{"alert_type":"wallet_balance_amount","code":"a","thresholds":[{"value":"10"},{"value":10.0}]}}`, `{"thresholds":["duplicate_threshold_values"]}`},
		{"two recurring", `{"alert":{"alert_type":"wallet_balance_amount","code":"a","thresholds":[{"value":1,"recurring":true},{"value":2,"recurring":true}]}}`, `{"base":["alert_already_exists"]}`},
		{"21 thresholds", func() string {
			in := alertInput(lago.WalletAlertTypeWalletBalanceAmount, "a", many...)
			b, _ := json.Marshal(map[string]any{"alert": in})
			return string(b)
		}(), `{"thresholds":["too_many_thresholds"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
			h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("main")})
			requireAnswer(t, h.raw("POST", "/customers/acme/wallets/main/alerts", tt.body, nil), 422, validation(tt.want))
		})
	}
	t.Run("roots", func(t *testing.T) {
		h := newHarness(t)
		h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
		h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("main")})
		missing := `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: alert"}`
		for _, body := range []string{`{}`, `{"alerts":[]}`, `{"alert":{}}`} {
			requireAnswer(t, h.raw("POST", "/customers/acme/wallets/main/alerts", body, nil), 400, missing)
		}
		requireAnswer(t, h.raw("PUT", "/customers/acme/wallets/main/alerts/a", `{}`, nil), 400, missing)
	})
}

func TestWalletAlertBatch(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("main")})
	c := h.client
	_, err := c.CreateWalletAlert(h.ctx(), "acme", "main", alertInput(lago.WalletAlertTypeWalletBalanceAmount, "low", "5"))
	require.NoError(t, err)

	_, err = c.CreateWalletAlerts(h.ctx(), "acme", "main", []lago.WalletAlertInput{
		alertInput(lago.WalletAlertTypeWalletCreditsBalance, "credits", "1"),
		alertInput(lago.WalletAlertTypeWalletBalanceAmount, "dup", "3"),
		alertInput("lifetime_usage_amount", "bad", "2"),
	})
	requireLagoError(t, err, 422, validation(`{
		"1":{"params":{"alert_type":"wallet_balance_amount","code":"dup","thresholds":[{"value":"3"}]},"errors":"Validation errors: {\"base\":[\"alert_already_exists\"]}"},
		"2":{"params":{"alert_type":"lifetime_usage_amount","code":"bad","thresholds":[{"value":"2"}]},"errors":"Validation errors: {\"alert_type\":[\"invalid_type\"]}"}}`))
	byIndex := lago.AlertBatchErrors(err)
	assert.Equal(t, map[int]json.RawMessage{1: json.RawMessage(`{"base":["alert_already_exists"]}`), 2: json.RawMessage(`{"alert_type":["invalid_type"]}`)}, byIndex)
	page, err := c.ListWalletAlerts(h.ctx(), "acme", "main", nil)
	require.NoError(t, err)
	assert.Len(t, page.Alerts, 1, "a refused batch creates nothing")

	_, err = c.CreateWalletAlerts(h.ctx(), "acme", "main", []lago.WalletAlertInput{
		alertInput(lago.WalletAlertTypeWalletCreditsBalance, "a", "1"),
		alertInput(lago.WalletAlertTypeWalletCreditsBalance, "b", "2"),
	})
	requireLagoError(t, err, 422, validation(`{
		"1":{"params":{"alert_type":"wallet_credits_balance","code":"b","thresholds":[{"value":"2"}]},"errors":"Validation errors: {\"base\":[\"alert_already_exists\"]}"}}`))

	created, err := c.CreateWalletAlerts(h.ctx(), "acme", "main", []lago.WalletAlertInput{
		alertInput(lago.WalletAlertTypeWalletCreditsBalance, "a", "1"),
		alertInput(lago.WalletAlertTypeWalletOngoingBalanceAmount, "b", "2"),
		alertInput(lago.WalletAlertTypeWalletCreditsOngoingBalance, "c", "3"),
	})
	require.NoError(t, err)
	require.Len(t, created, 3)
	assert.Equal(t, []string{"a", "b", "c"}, []string{created[0].Code, created[1].Code, created[2].Code})
	resp := h.raw("GET", "/customers/acme/wallets/main/alerts", "", nil)
	assert.Contains(t, resp.body, `"total_count":4`)
}
