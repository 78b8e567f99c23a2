package lago

import (
	"context"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
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

// DecodeWebhookObject decodes data, the object of a webhook event such as a
// customer or a wallet transaction, into a new T with the decoders every
// answer of the API goes through: it gives the value json.Unmarshal gives,
// or its error, several times faster for the models of this package.
// Package webhook's accessors, such as Event.Customer, call it; T may be
// any type.
func DecodeWebhookObject[T any](data []byte) (*T, error) {
	v := new(T)
	if err := codec.Unmarshal(data, v, gen.Codec); err != nil {
		return nil, err
	}
	return v, nil
}
