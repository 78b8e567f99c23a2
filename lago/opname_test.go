package lago_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// An id that happens to be a word of the operation's path template is
// scrubbed from what the server or net/http said, never from the template
// that names the operation.
func TestOperationNameIsNeverScrubbed(t *testing.T) {
	ops := []struct {
		template string
		call     func(ctx context.Context, c *lago.Client, id string) error
	}{
		{"GET /customers/{external_customer_id}", func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GetCustomer(ctx, id)
			return err
		}},
		{"GET /customers/{external_customer_id}/wallets/{code}", func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GetWallet(ctx, id, id)
			return err
		}},
		{"POST /customers/{external_customer_id}/wallets/{wallet_code}/alerts", func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.CreateWalletAlert(ctx, id, id, lago.WalletAlertInput{
				AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low", Thresholds: []lago.WalletAlertThresholdInput{{Value: "10"}},
			})
			return err
		}},
		{"DELETE /customers/{external_customer_id}/wallets/{wallet_code}/alerts/{code}", func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.DeleteWalletAlert(ctx, id, id, id)
			return err
		}},
	}
	// Each answer quotes the request's path, so the id, back to the client.
	answers := []struct {
		name   string
		answer func(target string) string
	}{
		{"malformed status line", func(target string) string {
			return "HTTP/1.1_" + target + "\r\n\r\n"
		}},
		{"unparsable Location", func(target string) string {
			return "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + target + "/%zz\r\nContent-Length: 0\r\n\r\n"
		}},
		{"Lago error body", func(target string) string {
			body := fmt.Sprintf(`{"status":404,"error":"no %s","code":%q}`, target, target)
			return fmt.Sprintf("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		}},
	}
	for _, id := range []string{"customer_id", "external_customer_id", "code", "wallets", "customers", "alerts"} {
		for _, op := range ops {
			for _, a := range answers {
				t.Run(id+"/"+op.template+"/"+a.name, func(t *testing.T) {
					base := rawServer(t, func(line string) string { return a.answer(requestTarget(line)) })
					c, err := lago.NewClient(scrubKey, lago.WithBaseURL(base+"/api/v1"), lago.WithRetry(lago.NoRetry))
					require.NoError(t, err)

					err = op.call(t.Context(), c, id)
					require.Error(t, err)
					prefix := "lago: " + op.template + ": "
					require.True(t, strings.HasPrefix(err.Error(), prefix), "%q does not start with %q", err.Error(), prefix)
					said := strings.TrimPrefix(err.Error(), prefix)
					assert.Contains(t, said, "[REDACTED]", "what the server or net/http said quoted the id")
					assert.NotContains(t, said, id)
					var lerr *lago.Error
					if errors.As(err, &lerr) {
						assert.Equal(t, op.template, lerr.Operation)
					}
				})
			}
		}
	}
}
