package lago

import (
	"context"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// GenerateCheckoutURL asks the customer's payment provider for a new link
// where the customer sets up a payment method. A customer without a
// payment provider is an error matching ErrValidation, with Details
// {"base": ["no_linked_payment_provider"]}.
func (c *Client) GenerateCheckoutURL(ctx context.Context, externalCustomerID string) (*CheckoutURL, error) {
	send := func(ctx context.Context) (*http.Response, error) {
		return c.gen.GenerateCustomerCheckoutURL(ctx, externalCustomerID)
	}
	env, err := call[gen.CheckoutURLEnvelope](ctx, c, opGenerateCheckoutURL, send, externalCustomerID)
	if err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

// GetPortalURL returns a signed link to the customer's hosted portal. The
// link expires after 12 hours: fetch one when it is needed rather than
// storing it.
func (c *Client) GetPortalURL(ctx context.Context, externalCustomerID string) (string, error) {
	send := func(ctx context.Context) (*http.Response, error) {
		return c.gen.GetCustomerPortalURL(ctx, externalCustomerID)
	}
	env, err := call[gen.PortalURLEnvelope](ctx, c, opGetPortalURL, send, externalCustomerID)
	if err != nil {
		return "", err
	}
	return env.Customer.PortalURL, nil
}
