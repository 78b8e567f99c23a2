package gen_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
)

// walletExchanges are the answers of the wallet, wallet metadata and
// wallet alert operations, each decoded with the generated parsers.
func walletExchanges(t *testing.T) []exchange {
	const customer, wallet = "acme-eu-042", "api_credits"
	walletOf := func(rsp *http.Response) gen.Wallet {
		r, err := gen.ParseFindCustomerWalletResponse(rsp)
		require.NoError(t, err)
		require.NotNil(t, r.JSON200)
		return r.JSON200.Wallet
	}
	metadataOf := func(parse func(*http.Response) (*gen.WalletMetadataEnvelope, error)) func(*http.Response) gen.WalletMetadata {
		return func(rsp *http.Response) gen.WalletMetadata {
			env, err := parse(rsp)
			require.NoError(t, err)
			require.NotNil(t, env)
			return env.Metadata
		}
	}
	replaced := metadataOf(func(rsp *http.Response) (*gen.WalletMetadataEnvelope, error) {
		r, err := gen.ParseReplaceCustomerWalletMetadataResponse(rsp)
		if err != nil {
			return nil, err
		}
		return r.JSON200, nil
	})
	deleted := metadataOf(func(rsp *http.Response) (*gen.WalletMetadataEnvelope, error) {
		r, err := gen.ParseDeleteAllCustomerWalletMetadataResponse(rsp)
		if err != nil {
			return nil, err
		}
		return r.JSON200, nil
	})
	alertCreated := func(rsp *http.Response) *gen.WalletAlertCreatedEnvelope {
		r, err := gen.ParseCreateCustomerWalletAlertResponse(rsp)
		require.NoError(t, err)
		require.NotNil(t, r.JSON200)
		return r.JSON200
	}
	return []exchange{
		{
			name:      "findCustomerWallet answers every field, rules and sections included",
			request:   func() (*http.Request, error) { return gen.NewFindCustomerWalletRequest(testServer, customer, wallet) },
			status:    200,
			fixture:   "wallet.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				w := walletOf(rsp)
				assert.Equal(t, "3d9b1f7e-5a2c-4e8d-b6f0-7c1a9e3d5b24", w.LagoID)
				assert.Equal(t, gen.WalletStatusActive, w.Status)
				assert.Equal(t, ptr("api_credits"), w.Code)
				assert.Equal(t, int64(10), w.Priority)
				assert.Equal(t, "0.5", w.RateAmount)
				assert.Equal(t, "180.25", w.CreditsBalance)
				assert.Equal(t, int64(9012), w.BalanceCents)
				assert.Equal(t, int64(387), w.OngoingUsageBalanceCents)
				assert.Equal(t, ptr(int64(1000)), w.PaidTopUpMinAmountCents)
				assert.Nil(t, w.PaidTopUpMaxAmountCents)
				assert.Nil(t, w.TerminatedAt)
				assert.Nil(t, w.LastConsumedCreditAt)
				assert.Equal(t, ptr(date(t, "2027-09-03T00:00:00Z")), w.ExpirationAt)
				assert.Equal(t, gen.WalletAppliesTo{
					FeeTypes:            []gen.WalletFeeType{gen.WalletFeeTypeCharge, gen.WalletFeeTypeFixedCharge},
					BillableMetricCodes: []string{"api_calls", "storage_gb"},
				}, w.AppliesTo)
				assert.Equal(t, gen.PaymentMethodReference{PaymentMethodType: gen.PaymentMethodTypeManual}, w.PaymentMethod)
				assert.Equal(t, gen.WalletMetadata{"crm_id": ptr("0061x00000AbCdE"), "note": nil}, w.Metadata)
				require.Len(t, w.RecurringTransactionRules, 1)
				rule := w.RecurringTransactionRules[0]
				assert.Equal(t, gen.RecurringRuleTriggerThreshold, rule.Trigger)
				assert.Equal(t, gen.RecurringRuleMethodFixed, rule.Method)
				assert.Nil(t, rule.Interval, "a threshold rule has no interval")
				assert.Nil(t, rule.TargetOngoingBalance)
				assert.Equal(t, "10.0", rule.ThresholdCredits)
				assert.Equal(t, []gen.TransactionMetadata{{Key: "source", Value: "auto-refill"}}, rule.TransactionMetadata)
				assert.Empty(t, rule.AppliedInvoiceCustomSections)
				require.Len(t, w.AppliedInvoiceCustomSections, 1)
				sec := w.AppliedInvoiceCustomSections[0]
				assert.Equal(t, "wire_eu", sec.InvoiceCustomSection.Code)
				assert.Nil(t, sec.InvoiceCustomSection.Description)
				assert.Equal(t, ptr("0b7d3e58-2a49-4c61-9f0e-6d8a1b3c5e27"), sec.InvoiceCustomSectionID)
			},
		},
		{
			name: "destroyCustomerWallet answers a millisecond terminated_at and no metadata key",
			request: func() (*http.Request, error) {
				return gen.NewDestroyCustomerWalletRequest(testServer, customer, "legacy")
			},
			status:    200,
			fixture:   "wallet-terminated.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDestroyCustomerWalletResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				w := r.JSON200.Wallet
				assert.Equal(t, gen.WalletStatusTerminated, w.Status)
				require.NotNil(t, w.TerminatedAt)
				assert.Equal(t, 417000000, w.TerminatedAt.Nanosecond())
				assert.Nil(t, w.Metadata)
				assert.Nil(t, w.Name)
				assert.Equal(t, ptr("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), w.PaymentMethod.PaymentMethodID)
				assert.Equal(t, []gen.RecurringTransactionRule{}, w.RecurringTransactionRules)
			},
		},
		{
			name: "findAllCustomerWallets answers a page with terminated wallets",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerWalletsRequest(testServer, customer, &gen.FindAllCustomerWalletsParams{
					PerPage: ptr(int64(2)), BillingEntityCodes: []string{"acme_eu"}, Currency: ptr("EUR"),
				})
			},
			status:    200,
			fixture:   "wallet-list.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerWalletsResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				require.Len(t, r.JSON200.Wallets, 2)
				assert.Equal(t, gen.WalletStatusTerminated, r.JSON200.Wallets[0].Status)
				assert.Equal(t, ptr("api_credits"), r.JSON200.Wallets[1].Code)
				assert.Equal(t, ptr(int64(2)), r.JSON200.Meta.NextPage)
				assert.Equal(t, int64(3), r.JSON200.Meta.TotalCount)
			},
		},
		{
			name: "replaceCustomerWalletMetadata answers values and nulls",
			request: func() (*http.Request, error) {
				return gen.NewReplaceCustomerWalletMetadataRequest(testServer, customer, wallet, gen.WalletMetadataEnvelope{
					Metadata: gen.WalletMetadata{"crm_id": ptr("0061x00000AbCdE"), "region": ptr("eu-west"), "note": nil},
				})
			},
			status:    200,
			fixture:   "wallet-metadata.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				assert.Equal(t, gen.WalletMetadata{"crm_id": ptr("0061x00000AbCdE"), "region": ptr("eu-west"), "note": nil}, replaced(rsp))
			},
		},
		{
			name: "deleteAllCustomerWalletMetadata answers null metadata",
			request: func() (*http.Request, error) {
				return gen.NewDeleteAllCustomerWalletMetadataRequest(testServer, customer, wallet)
			},
			status:    200,
			fixture:   "wallet-metadata-null.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				assert.Nil(t, deleted(rsp))
			},
		},
		{
			name: "deleteCustomerWalletMetadataKey answers what is left",
			request: func() (*http.Request, error) {
				return gen.NewDeleteCustomerWalletMetadataKeyRequest(testServer, customer, wallet, "legacy.id")
			},
			status:    200,
			fixture:   "wallet-metadata.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDeleteCustomerWalletMetadataKeyResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				assert.Len(t, r.JSON200.Metadata, 3)
			},
		},
		{
			name: "getCustomerWalletAlert answers a decimal-string previous_value",
			request: func() (*http.Request, error) {
				return gen.NewGetCustomerWalletAlertRequest(testServer, customer, wallet, "low_credits")
			},
			status:    200,
			fixture:   "wallet-alert.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseGetCustomerWalletAlertResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				a := r.JSON200.Alert
				assert.Equal(t, gen.WalletAlertTypeWalletCreditsBalance, a.AlertType)
				assert.Equal(t, gen.AlertDirectionDecreasing, a.Direction)
				assert.Equal(t, "180.25", a.PreviousValue)
				assert.Nil(t, a.ExternalSubscriptionID)
				assert.Nil(t, a.BillableMetric)
				assert.Nil(t, a.LastProcessedAt)
				assert.Equal(t, ptr("api_credits"), a.WalletCode)
				assert.Equal(t, []gen.WalletAlertThreshold{
					{Code: ptr("warn"), Value: "50.0"},
					{Value: "10.0", Recurring: true},
				}, a.Thresholds)
			},
		},
		{
			name: "getCustomerWalletAlerts answers a page",
			request: func() (*http.Request, error) {
				return gen.NewGetCustomerWalletAlertsRequest(testServer, customer, wallet, &gen.GetCustomerWalletAlertsParams{Page: ptr(int64(1))})
			},
			status:    200,
			fixture:   "wallet-alert-list.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseGetCustomerWalletAlertsResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				require.Len(t, r.JSON200.Alerts, 2)
				assert.Nil(t, r.JSON200.Alerts[0].Name)
				assert.Nil(t, r.JSON200.Meta.NextPage)
			},
		},
		{
			name: "createCustomerWalletAlert with one alert answers it under alert",
			request: func() (*http.Request, error) {
				var body gen.CreateCustomerWalletAlertJSONRequestBody
				err := body.FromWalletAlertInputEnvelope(gen.WalletAlertInputEnvelope{Alert: gen.WalletAlertInput{
					AlertType: gen.WalletAlertTypeWalletCreditsBalance, Code: "low_credits",
					Thresholds: []gen.WalletAlertThresholdInput{{Value: "50.0"}},
				}})
				if err != nil {
					return nil, err
				}
				return gen.NewCreateCustomerWalletAlertRequest(testServer, customer, wallet, body)
			},
			status:    200,
			fixture:   "wallet-alert.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				env, err := alertCreated(rsp).AsWalletAlertEnvelope()
				require.NoError(t, err)
				assert.Equal(t, "low_credits", env.Alert.Code)
			},
		},
		{
			name: "createCustomerWalletAlert with a batch answers them under alerts",
			request: func() (*http.Request, error) {
				var body gen.CreateCustomerWalletAlertJSONRequestBody
				err := body.FromWalletAlertBatchInputEnvelope(gen.WalletAlertBatchInputEnvelope{Alerts: []gen.WalletAlertInput{
					{AlertType: gen.WalletAlertTypeWalletCreditsBalance, Code: "low_credits", Thresholds: []gen.WalletAlertThresholdInput{{Value: "50.0"}}},
					{AlertType: gen.WalletAlertTypeWalletBalanceAmount, Code: "low_balance", Thresholds: []gen.WalletAlertThresholdInput{{Value: "1000"}}},
				}})
				if err != nil {
					return nil, err
				}
				return gen.NewCreateCustomerWalletAlertRequest(testServer, customer, wallet, body)
			},
			status:    200,
			fixture:   "wallet-alert-batch.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				env, err := alertCreated(rsp).AsWalletAlertBatchEnvelope()
				require.NoError(t, err)
				require.Len(t, env.Alerts, 2)
				assert.Equal(t, "low_balance", env.Alerts[1].Code)
				assert.Nil(t, env.Meta)
			},
		},
		{
			name: "deleteCustomerWalletAlert answers the alert without thresholds",
			request: func() (*http.Request, error) {
				return gen.NewDeleteCustomerWalletAlertRequest(testServer, customer, wallet, "low_credits")
			},
			status:    200,
			fixture:   "wallet-alert-deleted.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDeleteCustomerWalletAlertResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				assert.Equal(t, []gen.WalletAlertThreshold{}, r.JSON200.Alert.Thresholds)
			},
		},
		{
			name: "createCustomerWallet answers the new wallet",
			request: func() (*http.Request, error) {
				return gen.NewCreateCustomerWalletRequest(testServer, customer, gen.WalletInputEnvelope{Wallet: gen.WalletInput{
					RateAmount: "0.5",
				}})
			},
			status:    200,
			fixture:   "wallet.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseCreateCustomerWalletResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				assert.Equal(t, "0.5", r.JSON200.Wallet.RateAmount)
			},
		},
		{
			name: "updateCustomerWallet answers the updated wallet",
			request: func() (*http.Request, error) {
				return gen.NewUpdateCustomerWalletRequest(testServer, customer, wallet, gen.WalletUpdateInputEnvelope{})
			},
			status:    200,
			fixture:   "wallet.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseUpdateCustomerWalletResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				assert.Equal(t, int64(10), r.JSON200.Wallet.Priority)
			},
		},
		{
			name: "mergeCustomerWalletMetadata answers the merged metadata",
			request: func() (*http.Request, error) {
				return gen.NewMergeCustomerWalletMetadataRequest(testServer, customer, wallet, gen.WalletMetadataEnvelope{Metadata: gen.WalletMetadata{"region": ptr("eu-west")}})
			},
			status:    200,
			fixture:   "wallet-metadata.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseMergeCustomerWalletMetadataResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				assert.Equal(t, ptr("eu-west"), r.JSON200.Metadata["region"])
			},
		},
		{
			name: "updateCustomerWalletAlert answers the alert",
			request: func() (*http.Request, error) {
				return gen.NewUpdateCustomerWalletAlertRequest(testServer, customer, wallet, "low_credits", gen.WalletAlertUpdateInputEnvelope{})
			},
			status:    200,
			fixture:   "wallet-alert.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseUpdateCustomerWalletAlertResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				assert.Equal(t, "low_credits", r.JSON200.Alert.Code)
			},
		},
		{
			name: "deleteAllCustomerWalletAlerts answers an empty 200",
			request: func() (*http.Request, error) {
				return gen.NewDeleteAllCustomerWalletAlertsRequest(testServer, customer, wallet)
			},
			status:    200,
			fixture:   "empty-body.txt",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDeleteAllCustomerWalletAlertsResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, 200, r.StatusCode())
				assert.Empty(t, r.Body)
			},
		},
		{
			name:      "404 unknown wallet",
			request:   func() (*http.Request, error) { return gen.NewFindCustomerWalletRequest(testServer, customer, "nope") },
			status:    404,
			fixture:   "error-404-wallet.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindCustomerWalletResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON404)
				assert.Equal(t, gen.APIError{Status: 404, Error: "Not Found", Code: ptr("wallet_not_found")}, *r.JSON404)
			},
		},
		{
			name: "404 wallet without metadata",
			request: func() (*http.Request, error) {
				return gen.NewDeleteCustomerWalletMetadataKeyRequest(testServer, customer, wallet, "k")
			},
			status:    404,
			fixture:   "error-404-metadata.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDeleteCustomerWalletMetadataKeyResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON404)
				assert.Equal(t, ptr("metadata_not_found"), r.JSON404.Code)
			},
		},
		{
			name: "400 missing wallet root",
			request: func() (*http.Request, error) {
				return gen.NewUpdateCustomerWalletRequest(testServer, customer, wallet, gen.WalletUpdateInputEnvelope{})
			},
			status:    400,
			fixture:   "error-400-missing-wallet.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseUpdateCustomerWalletResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON400)
				assert.Equal(t, gen.APIError{Status: 400, Error: "BadRequest: param is missing or the value is empty or invalid: wallet"}, *r.JSON400)
			},
		},
		{
			name: "422 terminated wallet",
			request: func() (*http.Request, error) {
				return gen.NewMergeCustomerWalletMetadataRequest(testServer, customer, "legacy", gen.WalletMetadataEnvelope{Metadata: gen.WalletMetadata{}})
			},
			status:    422,
			fixture:   "error-422-wallet-terminated.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseMergeCustomerWalletMetadataResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON422)
				assert.JSONEq(t, `{"wallet_id":["wallet_is_terminated"]}`, string(r.JSON422.ErrorDetails))
			},
		},
		{
			name: "422 batch errors keyed by index",
			request: func() (*http.Request, error) {
				var body gen.CreateCustomerWalletAlertJSONRequestBody
				err := body.FromWalletAlertBatchInputEnvelope(gen.WalletAlertBatchInputEnvelope{Alerts: []gen.WalletAlertInput{
					{AlertType: gen.WalletAlertTypeWalletBalanceAmount, Code: "low", Thresholds: []gen.WalletAlertThresholdInput{{Value: "5.0"}}},
				}})
				if err != nil {
					return nil, err
				}
				return gen.NewCreateCustomerWalletAlertRequest(testServer, customer, wallet, body)
			},
			status:    422,
			fixture:   "error-422-alert-batch.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseCreateCustomerWalletAlertResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON422)
				var details map[string]struct {
					Params json.RawMessage `json:"params"`
					Errors string          `json:"errors"`
				}
				require.NoError(t, json.Unmarshal(r.JSON422.ErrorDetails, &details))
				assert.Equal(t, `Validation errors: {"base":["alert_already_exists"]}`, details["0"].Errors)
				assert.Equal(t, `Validation errors: {"alert_type":["invalid_type"]}`, details["2"].Errors)
			},
		},
	}
}
