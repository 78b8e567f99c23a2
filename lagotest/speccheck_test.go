package lagotest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

func TestRequestsThatBreakTheSpec(t *testing.T) {
	missing := `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: customer"}`
	invalid := func(details string) string {
		return `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":` + details + `}`
	}
	json := http.Header{"Authorization": {"Bearer " + testKey}, "Content-Type": {"application/json"}}
	tests := []struct {
		name   string
		method string
		target string
		body   string
		header http.Header
		status int
		want   string
	}{
		{name: "no body", method: http.MethodPost, target: "/customers", header: json, status: 400, want: missing},
		{name: "empty object", method: http.MethodPost, target: "/customers", body: `{}`, status: 400, want: missing},
		{name: "array", method: http.MethodPost, target: "/customers", body: `[]`, status: 400, want: missing},
		{name: "null customer", method: http.MethodPost, target: "/customers", body: `{"customer":null}`, status: 400, want: missing},
		{name: "customer not an object", method: http.MethodPost, target: "/customers", body: `{"customer":"acme"}`, status: 400, want: missing},
		{name: "empty customer", method: http.MethodPost, target: "/customers", body: `{"customer":{}}`, status: 400, want: missing},
		{name: "not JSON", method: http.MethodPost, target: "/customers", body: `{"customer":`, status: 400,
			want: `{"status":400,"error":"BadRequest: the body is not valid JSON: unexpected end of JSON input"}`},
		{name: "not sent as JSON", method: http.MethodPost, target: "/customers", body: `{"customer":{"external_id":"a"}}`,
			header: http.Header{"Authorization": {"Bearer " + testKey}, "Content-Type": {"text/plain"}}, status: 400, want: missing},
		{name: "enum", method: http.MethodPost, target: "/customers", body: `{"customer":{"external_id":"a","account_type":"boss"}}`, status: 422,
			want: invalid(`{"account_type":["value is not one of the allowed values [\"customer\",\"partner\"]"]}`)},
		{name: "type", method: http.MethodPost, target: "/customers", body: `{"customer":{"external_id":"a","net_payment_term":"30"}}`, status: 422,
			want: invalid(`{"net_payment_term":["value must be an integer"]}`)},
		{name: "nested field", method: http.MethodPost, target: "/customers", body: `{"customer":{"external_id":"a","metadata":[{"key":"a_key_far_longer_than_twenty","value":"v"}]}}`, status: 422,
			want: invalid(`{"metadata.0.key":["maximum string length is 20"]}`)},
		{name: "unknown key", method: http.MethodPost, target: "/customers", body: `{"customer":{"external_id":"a","invoice_grace_period":3}}`, status: 422,
			want: invalid(`{"invoice_grace_period":["property \"invoice_grace_period\" is unsupported"]}`)},
		{name: "unknown root key", method: http.MethodPost, target: "/customers", body: `{"customer":{"external_id":"a"},"dry_run":true}`, status: 422,
			want: invalid(`{"dry_run":["property \"dry_run\" is unsupported"]}`)},
		{name: "undeclared query parameters", method: http.MethodGet, target: "/customers?sort=name&account_type=partner", status: 400,
			want: `{"status":400,"error":"BadRequest: unknown query parameters: account_type, sort"}`},
		{name: "undeclared query parameter on a per-customer path", method: http.MethodGet, target: "/customers/acme?expand=taxes", status: 400,
			want: `{"status":400,"error":"BadRequest: unknown query parameters: expand"}`},
		{name: "page below 1", method: http.MethodGet, target: "/customers?page=0", status: 422,
			want: invalid(`{"page":["number must be at least 1"]}`)},
		{name: "per_page not an integer", method: http.MethodGet, target: "/customers?per_page=ten", status: 422,
			want: invalid(`{"per_page":["value ten: an invalid integer: invalid syntax"]}`)},
		{name: "negative periods_count", method: http.MethodGet, target: "/customers/acme/past_usage?external_subscription_id=s&periods_count=-1", status: 422,
			want: invalid(`{"periods_count":["number must be at least 0"]}`)},
		{name: "apply_taxes not a boolean", method: http.MethodGet, target: "/customers/acme/current_usage?external_subscription_id=s&apply_taxes=no", status: 422,
			want: invalid(`{"apply_taxes":["value no: an invalid boolean: invalid syntax"]}`)},
		{name: "bad page where the spec declares no 422", method: http.MethodGet, target: "/customers/acme/applied_coupons?per_page=0", status: 400,
			want: `{"status":400,"error":"BadRequest: invalid parameters: per_page: number must be at least 1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			requireAnswer(t, h.raw(tt.method, tt.target, tt.body, tt.header), tt.status, tt.want)
			assert.NoError(t, h.srv.Err())
		})
	}
}

func TestAuthenticationAndRouting(t *testing.T) {
	unauthorized := `{"status":401,"error":"Unauthorized"}`
	notFound := `{"status":404,"error":"Not Found"}`
	tests := []struct {
		name   string
		method string
		target string
		header http.Header
		status int
		want   string
	}{
		{name: "no key", method: http.MethodGet, target: "/customers", header: http.Header{}, status: 401, want: unauthorized},
		{name: "wrong key", method: http.MethodGet, target: "/customers/acme", header: http.Header{"Authorization": {"Bearer nope"}}, status: 401, want: unauthorized},
		{name: "key without Bearer", method: http.MethodGet, target: "/customers", header: http.Header{"Authorization": {testKey}}, status: 401, want: unauthorized},
		{name: "unknown path", method: http.MethodGet, target: "/invoices", status: 404, want: notFound},
		{name: "too deep", method: http.MethodGet, target: "/customers/a/b/c", status: 404, want: notFound},
		{name: "no update route", method: http.MethodPut, target: "/customers/acme", status: 404, want: notFound},
		{name: "routing comes before the key", method: http.MethodPatch, target: "/customers/acme", header: http.Header{}, status: 404, want: notFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			requireAnswer(t, h.raw(tt.method, tt.target, "", tt.header), tt.status, tt.want)
		})
	}

	t.Run("a client with another key", func(t *testing.T) {
		h := newHarness(t)
		other, err := lago.NewClient("0d5e7c3a-0000-4c1e-9a8d-6f5b4e3c2d1a", lago.WithBaseURL(h.srv.URL), lago.WithHTTPClient(h.http))
		require.NoError(t, err)
		_, err = other.GetCustomer(h.ctx(), "acme")
		require.ErrorIs(t, err, lago.ErrUnauthorized)
		requireLagoError(t, err, http.StatusUnauthorized, unauthorized)
	})
}
