package lago_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// sentRequest is what the test server saw of one request.
type sentRequest struct {
	contentType string
	body        string
}

// bodyServer records each request and answers 500, which the operations
// below do not retry with NoRetry: only the bytes sent matter here.
func bodyServer(t *testing.T) (*lago.Client, func() []sentRequest) {
	t.Helper()
	var mu sync.Mutex
	var sent []sentRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		sent = append(sent, sentRequest{contentType: r.Header.Get("Content-Type"), body: string(body)})
		mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(srv.Close)
	c, err := lago.NewClient(scrubKey, lago.WithBaseURL(srv.URL+"/api/v1"), lago.WithRetry(lago.NoRetry))
	require.NoError(t, err)
	return c, func() []sentRequest {
		mu.Lock()
		defer mu.Unlock()
		return sent
	}
}

// Every operation with a JSON body sends, byte for byte, what json.Marshal
// writes for the generated client's body type: what the generated
// <Operation> function sent before the generated encoder served them all.
func TestEveryBodyIsWhatJSONMarshalWrites(t *testing.T) {
	at := time.Date(2027, 3, 4, 5, 6, 7, 890_000_000, time.FixedZone("", 5*3600+30*60))
	rule := lago.RecurringTransactionRuleInput{
		Trigger: lago.RecurringRuleTriggerThreshold, ThresholdCredits: lago.Value[lago.DecimalInput]("5.5"),
		PaidCredits: lago.Value[lago.DecimalInput]("20"), StartedAt: lago.Value(at), ExpirationAt: lago.Null[time.Time](),
		TransactionMetadata: lago.Value([]lago.TransactionMetadata{{Key: "<k>", Value: "v & w"}}),
	}
	metadata := lago.WalletMetadata{"zeta": lago.Ptr("ü"), "alpha": nil, "Beta": lago.Ptr("<b>"), "": lago.Ptr("\u2028")}
	alert := lago.WalletAlertInput{
		AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low", Name: lago.Value("Low & <falling>"),
		Thresholds: []lago.WalletAlertThresholdInput{{Value: "10"}, {Value: "2.5", Code: lago.Value("t2"), Recurring: lago.Value(true)}},
	}
	union := func(from func(*gen.WalletAlertCreateEnvelope) error) gen.WalletAlertCreateEnvelope {
		var u gen.WalletAlertCreateEnvelope
		require.NoError(t, from(&u))
		return u
	}
	tests := []struct {
		name string
		send func(context.Context, *lago.Client) error
		want any // the generated client's body
	}{
		{
			name: "CreateCustomer",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme <&>", Name: lago.Value("Zoë"), TaxCodes: lago.Value([]string{})})
				return err
			},
			want: gen.CustomerCreateInput{Customer: lago.CustomerInput{ExternalID: "acme <&>", Name: lago.Value("Zoë"), TaxCodes: lago.Value([]string{})}},
		},
		{
			name: "CreateWallet",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.CreateWallet(ctx, "acme", lago.WalletInput{
					RateAmount: "1.5", PaidCredits: lago.Value[lago.DecimalInput]("100"), ExpirationAt: lago.Value(at),
					Metadata: lago.Value(metadata), RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{rule}),
					AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeCharge})}),
				})
				return err
			},
			want: gen.WalletInputEnvelope{Wallet: lago.WalletInput{
				RateAmount: "1.5", PaidCredits: lago.Value[lago.DecimalInput]("100"), ExpirationAt: lago.Value(at),
				Metadata: lago.Value(metadata), RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{rule}),
				AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeCharge})}),
			}},
		},
		{
			name: "UpdateWallet",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.UpdateWallet(ctx, "acme", "main", lago.WalletUpdateInput{
					ExpirationAt: lago.Null[time.Time](), Metadata: lago.Value(lago.WalletMetadata(nil)), Name: lago.Value("x"),
				})
				return err
			},
			want: gen.WalletUpdateInputEnvelope{Wallet: lago.WalletUpdateInput{
				ExpirationAt: lago.Null[time.Time](), Metadata: lago.Value(lago.WalletMetadata(nil)), Name: lago.Value("x"),
			}},
		},
		{
			name: "ReplaceWalletMetadata",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.ReplaceWalletMetadata(ctx, "acme", "main", metadata)
				return err
			},
			want: gen.WalletMetadataEnvelope{Metadata: metadata},
		},
		{
			name: "MergeWalletMetadata",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.MergeWalletMetadata(ctx, "acme", "main", lago.WalletMetadata{})
				return err
			},
			want: gen.WalletMetadataEnvelope{Metadata: lago.WalletMetadata{}},
		},
		{
			name: "CreateWalletAlert",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.CreateWalletAlert(ctx, "acme", "main", alert)
				return err
			},
			want: union(func(u *gen.WalletAlertCreateEnvelope) error {
				return u.FromWalletAlertInputEnvelope(gen.WalletAlertInputEnvelope{Alert: alert})
			}),
		},
		{
			name: "CreateWalletAlerts",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.CreateWalletAlerts(ctx, "acme", "main", []lago.WalletAlertInput{alert, {Code: "empty"}})
				return err
			},
			want: union(func(u *gen.WalletAlertCreateEnvelope) error {
				return u.FromWalletAlertBatchInputEnvelope(gen.WalletAlertBatchInputEnvelope{Alerts: []lago.WalletAlertInput{alert, {Code: "empty"}}})
			}),
		},
		{
			name: "UpdateWalletAlert",
			send: func(ctx context.Context, c *lago.Client) error {
				_, err := c.UpdateWalletAlert(ctx, "acme", "main", "low", lago.WalletAlertUpdateInput{
					Name: lago.Null[string](), Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "-1"}}),
				})
				return err
			},
			want: gen.WalletAlertUpdateInputEnvelope{Alert: lago.WalletAlertUpdateInput{
				Name: lago.Null[string](), Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "-1"}}),
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, sent := bodyServer(t)
			require.Error(t, tt.send(t.Context(), c))
			want, err := json.Marshal(tt.want)
			require.NoError(t, err)
			assert.Equal(t, []sentRequest{{contentType: "application/json", body: string(want)}}, sent())
		})
	}
}

// A body json.Marshal refuses is not sent, and the error is the one the
// generated client's json.Marshal gave.
func TestABodyJSONMarshalRefusesIsNotSent(t *testing.T) {
	c, sent := bodyServer(t)
	in := lago.WalletInput{RateAmount: "1", ExpirationAt: lago.Value(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))}
	_, marshalErr := json.Marshal(gen.WalletInputEnvelope{Wallet: in})
	require.Error(t, marshalErr)

	_, err := c.CreateWallet(t.Context(), "acme", in)

	require.Error(t, err)
	assert.Contains(t, err.Error(), marshalErr.Error())
	assert.Empty(t, sent())
}
