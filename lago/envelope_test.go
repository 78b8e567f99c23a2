package lago_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// A 200 whose body lacks the operation's envelope is never a success: a
// sync job must not conclude from `{}` that Lago holds no customers.
func TestAnswersWithoutTheirEnvelope(t *testing.T) {
	bodies := map[string]string{
		"null":                       `null`,
		"empty object":               `{}`,
		"null customer":              `{"customer":null}`,
		"Lago's error body with 200": `{"status":404,"error":"Not Found","code":"customer_not_found"}`,
		"another operation's answer": `{"applied_coupons":[],"meta":{"current_page":1,"next_page":null,"prev_page":null,"total_pages":1,"total_count":0}}`,
		"a page without meta":        `{"customers":[]}`,
		"a page with null customers": `{"customers":null,"meta":{"current_page":1,"next_page":null,"prev_page":null,"total_pages":1,"total_count":0}}`,
	}
	calls := map[string]func(ctx context.Context, c *lago.Client) error{
		"GetCustomer": func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetCustomer(ctx, "acme")
			return err
		},
		"GetPortalURL": func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetPortalURL(ctx, "acme")
			return err
		},
		"ListCustomers": func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCustomers(ctx, nil)
			return err
		},
		"AllCustomers": func(ctx context.Context, c *lago.Client) error {
			n := 0
			for _, err := range c.AllCustomers(ctx, nil) {
				if err != nil {
					return err
				}
				n++
			}
			assert.Zero(t, n)
			return nil
		},
		"ListAppliedCoupons": func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListAppliedCoupons(ctx, "acme", nil)
			return err
		},
	}
	for callName, call := range calls {
		for bodyName, body := range bodies {
			if callName == "ListAppliedCoupons" && bodyName == "another operation's answer" {
				continue // that is its own answer
			}
			t.Run(callName+"/"+bodyName, func(t *testing.T) {
				f := fakelago.New(t)
				f.Respond(fakelago.Response{Status: http.StatusOK, Header: jsonHeader(), Body: []byte(body), OffSpec: true})
				err := call(t.Context(), f.Client())
				require.ErrorIs(t, err, lago.ErrBadResponse)
				assert.Regexp(t, `invalid response body: the response (has no "\w+"|is not a JSON object)$`, err.Error())
				var lerr *lago.Error
				require.ErrorAs(t, err, &lerr)
				assert.Equal(t, http.StatusOK, lerr.StatusCode)
			})
		}
	}
}
