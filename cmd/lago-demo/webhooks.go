package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
	"github.com/lagoclient/lago-go/webhook"
)

// webhookSteps shows a webhook sent by lagotest, signed as Lago signs it,
// and verified by webhook.Handler in a receiver standing for your service:
// first the public key that checks JWT signatures, then a delivery.
func webhookSteps(ctx context.Context, r *report, client *lago.Client, srv *lagotest.Server) {
	r.step("WebhookPublicKey", "GET /webhooks/json_public_key", func() (string, error) {
		key, err := client.WebhookPublicKey(ctx)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("the RSA public key that checks the JWT signatures of webhooks: %d characters of base64 of a PEM block", len(strings.TrimSpace(string(key)))), nil
	})

	r.step("webhook.Handler", "POST /webhooks/lago (your service, called by lagotest)", func() (string, error) {
		// The verifier fetches the key itself through the client, once.
		v, err := webhook.NewVerifier(webhook.Config{Client: client, Issuer: srv.URL})
		if err != nil {
			return "", err
		}
		var mu sync.Mutex
		var got []string
		receiver := httptest.NewServer(webhook.Handler(v, func(ctx context.Context, ev *webhook.Event) error {
			cust, err := ev.Customer()
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			got = append(got, fmt.Sprintf("%s for %s (unique key %s…)", ev.Type, cust.ExternalID, ev.UniqueKey[:8]))
			return nil
		}))
		defer receiver.Close()
		if err := srv.AddWebhookEndpoint(receiver.URL+"/webhooks/lago", webhook.AlgorithmJWT); err != nil {
			return "", err
		}
		if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "globex", Name: lago.Value("Globex Corporation")}); err != nil {
			return "", err
		}
		if err := srv.FlushWebhooks(ctx); err != nil {
			return "", err
		}
		mu.Lock()
		defer mu.Unlock()
		if len(got) == 0 {
			return "", fmt.Errorf("the handler received no webhook")
		}
		return fmt.Sprintf("renaming globex made lagotest send %s, signed with RS256; the handler verified and decoded it: %s", plural(len(got), "webhook", "webhooks"), strings.Join(got, "; ")), nil
	})
}
