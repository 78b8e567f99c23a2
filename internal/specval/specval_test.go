package specval_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
)

const key = "k-1"

func TestRequest(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		auth       string
		wantErr    error
		violations []specval.Violation
		wantOp     string
		wantParams map[string]string
	}{
		{
			name: "valid", method: "GET", target: "/api/v1/customers/john@acme%2Ecom", auth: "Bearer " + key,
			wantOp: "findCustomer", wantParams: map[string]string{"external_customer_id": "john@acme.com"},
		},
		{name: "no route", method: "GET", target: "/api/v1/invoices", auth: "Bearer " + key, wantErr: specval.ErrNoRoute},
		{name: "routing comes before the key", method: "GET", target: "/api/v1/nowhere", wantErr: specval.ErrNoRoute},
		{name: "wrong key", method: "GET", target: "/api/v1/customers/x", auth: "Bearer other", wantErr: specval.ErrUnauthorized},
		{name: "wrong scheme", method: "GET", target: "/api/v1/customers/x", auth: "Token " + key, wantErr: specval.ErrUnauthorized},
		{
			name: "undeclared query parameter", method: "GET", target: "/api/v1/customers?countries=FR&bogus=1", auth: "Bearer " + key,
			violations: []specval.Violation{
				{In: "query", Field: "bogus", Reason: "parameter is not declared for this operation"},
				{In: "query", Field: "countries", Reason: "parameter is not declared for this operation"},
			},
		},
		{
			name: "deepObject keys are declared", method: "GET", target: "/api/v1/customers?metadata%5Btier%5D=gold&countries%5B%5D=FR", auth: "Bearer " + key,
			wantOp: "findAllCustomers", wantParams: map[string]string{},
		},
		{
			name: "a parameter value keeps its parameter's name", method: "GET", target: "/api/v1/customers?page=0", auth: "Bearer " + key,
			violations: []specval.Violation{{In: "query", Field: "page", Reason: "number must be at least 1"}},
		},
		{
			name: "an array parameter item keeps its parameter's name", method: "GET", target: "/api/v1/customers?account_type%5B%5D=vip", auth: "Bearer " + key,
			violations: []specval.Violation{{In: "query", Field: "account_type[]", Reason: `value is not one of the allowed values ["customer","partner"]`}},
		},
		{
			name: "a body violation names the field", method: "POST", target: "/api/v1/customers", auth: "Bearer " + key,
			body: `{"customer":{"external_id":"a","net_payment_term":-1,"billing_configuration":{"payment_provider":"paypal"}}}`,
			violations: []specval.Violation{
				{In: "body", Field: "customer.billing_configuration.payment_provider", Reason: `value is not one of the allowed values ["stripe","adyen","gocardless","cashfree","flutterwave","moneyhash"]`},
				{In: "body", Field: "customer.net_payment_term", Reason: "number must be at least 0"},
			},
		},
		{
			name: "an unknown body field is refused", method: "POST", target: "/api/v1/customers", auth: "Bearer " + key,
			body:       `{"customer":{"external_id":"a","nickname":"x"}}`,
			violations: []specval.Violation{{In: "body", Field: "customer", Reason: `property "nickname" is unsupported`}},
		},
	}
	v, err := specval.New(t.Context(), "/api/v1/")
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.body != "" {
				r.Header.Set("Content-Type", "application/json")
			}
			if tt.auth != "" {
				r.Header.Set("Authorization", tt.auth)
			}
			m, err := v.Request(t.Context(), r, []byte(tt.body), key)
			switch {
			case tt.wantErr != nil:
				require.ErrorIs(t, err, tt.wantErr)
			case tt.violations != nil:
				var verr *specval.Error
				require.ErrorAs(t, err, &verr)
				assert.ElementsMatch(t, tt.violations, verr.Violations)
			default:
				require.NoError(t, err)
				assert.Equal(t, tt.wantOp, m.OperationID)
				assert.Equal(t, tt.wantParams, m.PathParams)
			}
		})
	}
}

func TestResponse(t *testing.T) {
	v, err := specval.New(t.Context(), "/api/v1")
	require.NoError(t, err)
	r := httptest.NewRequest("GET", "/api/v1/customers/x/portal_url", nil)
	r.Header.Set("Authorization", "Bearer "+key)
	m, err := v.Request(t.Context(), r, nil, key)
	require.NoError(t, err)
	json := http.Header{"Content-Type": {"application/json"}}

	require.NoError(t, v.Response(t.Context(), m, 200, json, []byte(`{"customer":{"portal_url":"https://p"}}`)))
	require.NoError(t, v.Response(t.Context(), m, 404, json, []byte(`{"status":404,"error":"Not Found","code":"customer_not_found"}`)))

	var verr *specval.Error
	require.ErrorAs(t, v.Response(t.Context(), m, 200, json, []byte(`{"customer":{}}`)), &verr)
	assert.Equal(t, []specval.Violation{{In: "body", Field: "customer.portal_url", Reason: `property "portal_url" is missing`}}, verr.Violations)
	require.ErrorAs(t, v.Response(t.Context(), m, 422, json, []byte(`{"status":422,"error":"x"}`)), &verr, "portal_url declares no 422")
}

func TestNewSharesValidatorsPerBasePath(t *testing.T) {
	a, err := specval.New(t.Context(), "/api/v1")
	require.NoError(t, err)
	b, err := specval.New(t.Context(), "/api/v1/")
	require.NoError(t, err)
	c, err := specval.New(t.Context(), "/other/api/v1")
	require.NoError(t, err)
	assert.Same(t, a, b)
	assert.NotSame(t, a, c)
}
