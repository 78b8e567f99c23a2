package gen_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/internal/tristate"
)

// TestCreateCustomerBodyTriState pins the exact bytes of an upsert body with a
// field left absent, sent as null, and sent with a value, at the top level and
// inside a nested object. Lago keeps an absent field and clears a null one, so
// these bytes decide whether a customer record survives an update.
func TestCreateCustomerBodyTriState(t *testing.T) {
	v, err := specval.New(t.Context(), "/api/v1")
	require.NoError(t, err)

	tests := []struct {
		name string
		in   gen.CustomerInput
		want string
	}{
		{
			name: "absent",
			in:   gen.CustomerInput{ExternalID: "acme"},
			want: `{"customer":{"external_id":"acme"}}`,
		},
		{
			name: "null",
			in: gen.CustomerInput{
				ExternalID:           "acme",
				Email:                tristate.Null[string](),
				BillingConfiguration: tristate.Value(gen.BillingConfigurationInput{PaymentProvider: tristate.Null[gen.PaymentProvider]()}),
			},
			want: `{"customer":{"billing_configuration":{"payment_provider":null},"email":null,"external_id":"acme"}}`,
		},
		{
			name: "value",
			in: gen.CustomerInput{
				ExternalID:           "acme",
				Email:                tristate.Value("billing@acme.test"),
				BillingConfiguration: tristate.Value(gen.BillingConfigurationInput{PaymentProvider: tristate.Value(gen.PaymentProviderStripe)}),
			},
			want: `{"customer":{"billing_configuration":{"payment_provider":"stripe"},"email":"billing@acme.test","external_id":"acme"}}`,
		},
		{
			name: "zero values are values, not absent",
			in: gen.CustomerInput{
				ExternalID:                "acme",
				NetPaymentTerm:            tristate.Value[int64](0),
				SkipInvoiceCustomSections: tristate.Value(false),
				TaxCodes:                  tristate.Value([]string{}),
				Name:                      tristate.Value(""),
			},
			want: `{"customer":{"external_id":"acme","name":"","net_payment_term":0,"skip_invoice_custom_sections":false,"tax_codes":[]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := gen.NewCreateCustomerRequest(testServer, gen.CreateCustomerJSONRequestBody{Customer: tt.in})
			require.NoError(t, err)
			body, err := io.ReadAll(req.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(body))

			// What the client sends, the spec accepts; and it decodes back to
			// the same three states.
			req, err = gen.NewCreateCustomerRequest(testServer, gen.CreateCustomerJSONRequestBody{Customer: tt.in})
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+testKey)
			_, err = v.Request(t.Context(), req, readSent(t, req), testKey)
			require.NoError(t, err)

			var back gen.CustomerCreateInput
			require.NoError(t, json.Unmarshal(body, &back))
			assert.Equal(t, tt.in, back.Customer)
		})
	}
}

// readSent reads the body of req, which specval.Request takes as read, and
// puts it back for kin-openapi.
func readSent(t *testing.T, req *http.Request) []byte {
	t.Helper()
	if req.Body == nil {
		return nil
	}
	body, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	req.Body = io.NopCloser(bytes.NewReader(body))
	return body
}
