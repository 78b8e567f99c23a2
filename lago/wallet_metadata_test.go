package lago_test

import (
	"net/http"
	"testing"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWalletMetadata(t *testing.T) {
	t.Run("replace answers the stored metadata", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet-metadata.json"))
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
		f.Respond(fakelago.OK(t, "wallet-metadata-null.json"))
		got, err := f.Client().MergeWalletMetadata(t.Context(), "acme", "api_credits", nil)
		require.NoError(t, err)
		assert.Nil(t, got)
		fakelago.AssertSent(t, fakelago.Want{Method: "PATCH", Path: "/customers/acme/wallets/api_credits/metadata", Body: `{"metadata":{}}`}, fakelago.OnlyRequest(t, f))
	})
	t.Run("delete all answers null", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet-metadata-null.json"))
		got, err := f.Client().DeleteWalletMetadata(t.Context(), "acme", "api_credits")
		require.NoError(t, err)
		assert.Nil(t, got)
	})
	t.Run("delete key of a wallet without metadata", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"metadata_not_found"}`))
		_, err := f.Client().DeleteWalletMetadataKey(t.Context(), "acme", "api_credits", "crm_id")
		require.ErrorIs(t, err, lago.ErrNotFound)
		assert.EqualError(t, err, "lago: DELETE /customers/{external_customer_id}/wallets/{wallet_code}/metadata/{key}: 404 metadata_not_found")
	})
	for _, body := range []string{`{}`, `{"wallet":{}}`, `null`} {
		t.Run("an answer without the metadata key is ErrBadResponse: "+body, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.Response{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body), OffSpec: true})
			_, err := f.Client().DeleteWalletMetadata(t.Context(), "acme", "api_credits")
			require.ErrorIs(t, err, lago.ErrBadResponse)
			assert.Regexp(t, `the response (has no "metadata"|is not a JSON object)$`, err.Error())
		})
	}
}
