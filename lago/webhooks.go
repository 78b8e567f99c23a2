package lago

import (
	"context"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var opWebhookPublicKey = newOperation(gen.OpFetchJSONPublicKey)

// WebhookPublicKey returns the RSA public key that checks the JWT
// signatures of Lago's webhooks, as Lago serves it: the base64 of a PEM
// block, with line breaks. Package webhook reads this form; it fetches the
// key with this method when given a Client, and caches it.
func (c *Client) WebhookPublicKey(ctx context.Context) ([]byte, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.FetchJSONPublicKey(ctx)
	}
	env, err := call[gen.WebhookPublicKeyEnvelope](ctx, c, opWebhookPublicKey, send)
	if err != nil {
		return nil, err
	}
	return []byte(env.Webhook.PublicKey), nil
}
