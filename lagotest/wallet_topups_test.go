package lagotest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestInitialTopUpWaitsForWhatLagoWaitsFor(t *testing.T) {
	type step struct {
		helper  string // "settle" or "pay"
		balance string // credits_balance after the step
	}
	tests := []struct {
		name     string
		requires bool
		steps    []step
	}{
		{"invoice issued at once: settling adds paid and granted credits", false,
			[]step{{"settle", "30.0"}, {"pay", "30.0"}, {"settle", "30.0"}}},
		{"invoice issued at once: paying alone adds everything", false,
			[]step{{"pay", "30.0"}, {"settle", "30.0"}}},
		{"successful payment required: settling adds the granted credits only", true,
			[]step{{"settle", "5.0"}, {"settle", "5.0"}, {"pay", "30.0"}, {"pay", "30.0"}}},
		{"successful payment required: paying first adds everything", true,
			[]step{{"pay", "30.0"}, {"settle", "30.0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
			created := h.wallet("acme", lago.WalletInput{
				RateAmount: "1", Code: lago.Value("main"),
				PaidCredits: lago.Value[lago.DecimalInput]("25"), GrantedCredits: lago.Value[lago.DecimalInput]("5"),
				InvoiceRequiresSuccessfulPayment: lago.Value(tt.requires),
			})
			assert.Equal(t, "0.0", created.CreditsBalance, "the answer to create shows no credits")
			for i, st := range tt.steps {
				helper := h.srv.SettleWalletTopUps
				if st.helper == "pay" {
					helper = h.srv.PayWalletTopUps
				}
				w, err := helper("acme", "main")
				require.NoError(t, err)
				assert.Equal(t, st.balance, w.CreditsBalance, "step %d: %s", i+1, st.helper)
				got, err := h.client.GetWallet(h.ctx(), "acme", "main")
				require.NoError(t, err)
				assert.Equal(t, w, *got, "step %d: GET shows what the helper returned", i+1)
			}
		})
	}
}

func TestTopUpKeepsTheSettingItWasMadeWith(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{
		RateAmount: "1", Code: lago.Value("main"), PaidCredits: lago.Value[lago.DecimalInput]("25"),
		InvoiceRequiresSuccessfulPayment: lago.Value(true),
	})
	_, err := h.client.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{InvoiceRequiresSuccessfulPayment: lago.Value(false)})
	require.NoError(t, err)
	w, err := h.srv.SettleWalletTopUps("acme", "main")
	require.NoError(t, err)
	assert.Equal(t, "0.0", w.CreditsBalance, "the top-up still waits for its payment")
	assert.False(t, w.InvoiceRequiresSuccessfulPayment)

	_, err = h.srv.PayWalletTopUps("acme", "nope")
	require.ErrorIs(t, err, lagotest.ErrUnknownWallet)
	_, err = h.srv.PayWalletTopUps("ghost", "main")
	require.ErrorIs(t, err, lagotest.ErrUnknownCustomer)
}

func TestWalletHelpersRefuse(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{RateAmount: "1"})
	_, err := h.srv.ConsumeWalletCredits("acme", "default", "-1")
	assert.ErrorContains(t, err, "not a positive decimal")
	_, err = h.srv.ConsumeWalletCredits("acme", "nope", "1")
	assert.ErrorIs(t, err, lagotest.ErrUnknownWallet)
	assert.Equal(t, http.StatusOK, h.raw("GET", "/customers/acme/wallets/default", "", nil).status)
}
