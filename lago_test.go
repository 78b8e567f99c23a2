package lagogo_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// The fake Lago's mount point and key, used where a test builds its own
// client or looks for the key.
const (
	basePath = fakelago.BasePath
	apiKey   = fakelago.APIKey
)

func TestNewClient(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		opts    []lago.Option
		wantErr string
	}{
		{name: "empty key", key: "", wantErr: "the API key is empty"},
		{name: "key with a newline", key: "abc\n", wantErr: "spaces or control characters"},
		{name: "relative base URL", key: "k", opts: []lago.Option{lago.WithBaseURL("/api/v1")}, wantErr: "scheme must be http or https"},
		{name: "ftp base URL", key: "k", opts: []lago.Option{lago.WithBaseURL("ftp://lago.example.com/api/v1")}, wantErr: "scheme must be http or https"},
		{name: "unparsable base URL", key: "k", opts: []lago.Option{lago.WithBaseURL("https://lago example.com/api/v1")}, wantErr: "the base URL does not parse"},
		{name: "base URL without host", key: "k", opts: []lago.Option{lago.WithBaseURL("https:///api/v1")}, wantErr: "no host"},
		{name: "base URL with credentials", key: "k", opts: []lago.Option{lago.WithBaseURL("https://me:secret@lago.example.com/api/v1")}, wantErr: "must not hold credentials"},
		{name: "base URL with query", key: "k", opts: []lago.Option{lago.WithBaseURL("https://lago.example.com/api/v1?x=1")}, wantErr: "must not have a query or fragment"},
		{name: "nil http client", key: "k", opts: []lago.Option{lago.WithHTTPClient(nil)}, wantErr: "nil *http.Client"},
		{name: "empty user agent", key: "k", opts: []lago.Option{lago.WithUserAgent(" ")}, wantErr: "empty or contains control characters"},
		{name: "user agent with a control character", key: "k", opts: []lago.Option{lago.WithUserAgent("app/1\x00")}, wantErr: "empty or contains control characters"},
		{name: "user agent with an escape sequence", key: "k", opts: []lago.Option{lago.WithUserAgent("app/1\x1b[31m")}, wantErr: "empty or contains control characters"},
		{name: "negative connection bound", key: "k", opts: []lago.Option{lago.WithMaxConnsPerHost(0)}, wantErr: "not a positive number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := lago.NewClient(tt.key, tt.opts...)
			require.ErrorIs(t, err, lago.ErrInvalidArgument)
			assert.ErrorContains(t, err, tt.wantErr)
			assert.Nil(t, c)
			assert.NotContains(t, err.Error(), "secret")
		})
	}
}

func TestBaseURL(t *testing.T) {
	t.Run("defaults to the US region", func(t *testing.T) {
		c, err := lago.NewClient("k")
		require.NoError(t, err)
		assert.Equal(t, lago.BaseURLUS+"/", c.Generated().ClientInterface.(*gen.Client).Server)
	})
	t.Run("EU region", func(t *testing.T) {
		c, err := lago.NewClient("k", lago.WithBaseURL(lago.BaseURLEU))
		require.NoError(t, err)
		assert.Equal(t, "https://api.eu.getlago.com/api/v1/", c.Generated().ClientInterface.(*gen.Client).Server)
	})

	tests := []struct {
		name string
		root string
	}{
		{name: "without trailing slash", root: basePath},
		{name: "with trailing slash", root: basePath + "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.OK(t, "customer.json"))
			c, err := lago.NewClient(apiKey, lago.WithBaseURL(f.URL()+tt.root))
			require.NoError(t, err)
			_, err = c.GetCustomer(t.Context(), "acme-eu-042")
			require.NoError(t, err)
			fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042"}, fakelago.OnlyRequest(t, f))
		})
	}
}

func TestUserAgentNamesTheApplicationFirst(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "customer.json"))
	_, err := f.Client(lago.WithUserAgent("billing-service/1.4")).GetCustomer(t.Context(), "acme-eu-042")
	require.NoError(t, err)
	assert.Equal(t, "billing-service/1.4 "+fakelago.UserAgent, fakelago.OnlyRequest(t, f).Header.Get("User-Agent"))
}

func TestCreateCustomer(t *testing.T) {
	tests := []struct {
		name string
		in   lago.CustomerInput
		body string
	}{
		{
			name: "only the external id",
			in:   lago.CustomerInput{ExternalID: "acme-eu-042"},
			body: `{"customer":{"external_id":"acme-eu-042"}}`,
		},
		{
			name: "values, nulls and untouched fields",
			in: lago.CustomerInput{
				ExternalID:     "acme-eu-042",
				Name:           lago.Value("Acme Europe"),
				Email:          lago.Value("billing@acme.test,finance@acme.test"),
				Phone:          lago.Null[string](),
				CustomerType:   lago.Value(lago.CustomerTypeCompany),
				NetPaymentTerm: lago.Null[int64](),
				TaxCodes:       lago.Value([]string{"fr_standard_vat"}),
				Metadata: lago.Value([]lago.CustomerMetadataInput{
					{Key: "po_number", Value: "PO-2026-118", DisplayInInvoice: lago.Value(true)},
				}),
				BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
					PaymentProvider:     lago.Value(lago.PaymentProviderStripe),
					PaymentProviderCode: lago.Value("stripe_eu"),
					DocumentLocale:      lago.Null[string](),
				}),
				ShippingAddress: lago.Null[lago.AddressInput](),
			},
			body: `{"customer":{` +
				`"billing_configuration":{"document_locale":null,"payment_provider":"stripe","payment_provider_code":"stripe_eu"},` +
				`"customer_type":"company","email":"billing@acme.test,finance@acme.test","external_id":"acme-eu-042",` +
				`"metadata":[{"display_in_invoice":true,"key":"po_number","value":"PO-2026-118"}],` +
				`"name":"Acme Europe","net_payment_term":null,"phone":null,"shipping_address":null,"tax_codes":["fr_standard_vat"]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.OK(t, "customer.json"))
			got, err := f.Client().CreateCustomer(t.Context(), tt.in)
			require.NoError(t, err)
			assert.Equal(t, "acme-eu-042", got.ExternalID)
			assert.Equal(t, lago.Ptr("billing@acme.test,finance@acme.test"), got.Email)
			fakelago.AssertSent(t, fakelago.Want{Method: "POST", Path: "/customers", Body: tt.body}, fakelago.OnlyRequest(t, f))
		})
	}
}

func TestCreateCustomerRefusesEmptyExternalID(t *testing.T) {
	f := fakelago.New(t)
	_, err := f.Client().CreateCustomer(t.Context(), lago.CustomerInput{Name: lago.Value("x")})
	require.ErrorIs(t, err, lago.ErrInvalidArgument)
	assert.EqualError(t, err, "lago: POST /customers: invalid argument: external_id must not be empty")
	assert.Empty(t, f.Sent())
}

// Every id reaches Lago as exactly one path segment, dots included.
func TestPathParametersAreOneSegment(t *testing.T) {
	tests := []struct {
		id      string
		escaped string
	}{
		{id: "acme-eu-042", escaped: "acme-eu-042"},
		{id: "john@acme.com", escaped: "john@acme%2Ecom"},
		{id: "a/b", escaped: "a%2Fb"},
		{id: "../invoices", escaped: "%2E%2E%2Finvoices"},
		{id: "a?b#c", escaped: "a%3Fb%23c"},
		{id: "100%", escaped: "100%25"},
		{id: "%2e%2e", escaped: "%252e%252e"},
		{id: "x y", escaped: "x%20y"},
		{id: "über", escaped: "%C3%BCber"},
		{id: "...", escaped: "%2E%2E%2E"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.OK(t, "customer.json"))
			_, err := f.Client().GetCustomer(t.Context(), tt.id)
			require.NoError(t, err)
			got := fakelago.OnlyRequest(t, f)
			fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/" + tt.escaped}, got)
			assert.Equal(t, map[string]string{"external_customer_id": tt.id}, got.PathParams)
		})
	}
}

// calls lists every method with arguments that reach the server, so tests
// can run each one through the same checks.
var calls = []struct {
	name string
	want fakelago.Want
	call func(ctx context.Context, c *lago.Client, id string) error
}{
	{"CreateCustomer", fakelago.Want{Method: "POST", Path: "/customers", Body: `{"customer":{"external_id":"ID"}}`},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.CreateCustomer(ctx, lago.CustomerInput{ExternalID: id})
			return err
		}},
	{"GetCustomer", fakelago.Want{Method: "GET", Path: "/customers/ID"},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GetCustomer(ctx, id)
			return err
		}},
	{"DeleteCustomer", fakelago.Want{Method: "DELETE", Path: "/customers/ID"},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.DeleteCustomer(ctx, id)
			return err
		}},
	{"ListCustomers", fakelago.Want{Method: "GET", Path: "/customers", Query: url.Values{"external_id": {"ID"}}},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListCustomers(ctx, &lago.ListCustomersOptions{ExternalID: id})
			return err
		}},
	{"AllCustomers", fakelago.Want{Method: "GET", Path: "/customers", Query: url.Values{"external_id": {"ID"}}},
		func(ctx context.Context, c *lago.Client, id string) error {
			for _, err := range c.AllCustomers(ctx, &lago.ListCustomersOptions{ExternalID: id}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
	{"ListAppliedCoupons", fakelago.Want{Method: "GET", Path: "/customers/ID/applied_coupons"},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListAppliedCoupons(ctx, id, nil)
			return err
		}},
	{"DeleteAppliedCoupon", fakelago.Want{Method: "DELETE", Path: "/customers/ID/applied_coupons/4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a"},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.DeleteAppliedCoupon(ctx, id, "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a")
			return err
		}},
	{"GenerateCheckoutURL", fakelago.Want{Method: "POST", Path: "/customers/ID/checkout_url"},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GenerateCheckoutURL(ctx, id)
			return err
		}},
	{"GetCurrentUsage", fakelago.Want{Method: "GET", Path: "/customers/ID/current_usage", Query: url.Values{"external_subscription_id": {"sub-042"}}},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GetCurrentUsage(ctx, id, lago.CurrentUsageOptions{ExternalSubscriptionID: "sub-042"})
			return err
		}},
	{"ListPastUsage", fakelago.Want{Method: "GET", Path: "/customers/ID/past_usage", Query: url.Values{"external_subscription_id": {"sub-042"}}},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListPastUsage(ctx, id, lago.PastUsageOptions{ExternalSubscriptionID: "sub-042"})
			return err
		}},
	{"GetProjectedUsage", fakelago.Want{Method: "GET", Path: "/customers/ID/projected_usage", Query: url.Values{"external_subscription_id": {"sub-042"}}},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GetProjectedUsage(ctx, id, lago.ProjectedUsageOptions{ExternalSubscriptionID: "sub-042"})
			return err
		}},
	{"GetPortalURL", fakelago.Want{Method: "GET", Path: "/customers/ID/portal_url"},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.GetPortalURL(ctx, id)
			return err
		}},
}

// withID puts id where w has the placeholder ID.
func withID(w fakelago.Want, id string) fakelago.Want {
	w.Path = strings.ReplaceAll(w.Path, "ID", id)
	w.Body = strings.ReplaceAll(w.Body, `"ID"`, `"`+id+`"`)
	if q := w.Query.Get("external_id"); q == "ID" {
		w.Query = url.Values{"external_id": {id}}
	}
	return w
}

// No request leaves the client for an id that the generated code would
// resolve to another endpoint.
func TestInvalidPathParametersSendNothing(t *testing.T) {
	for _, c := range calls {
		if !strings.Contains(c.want.Path, "ID") {
			continue
		}
		for _, id := range []string{"", ".", ".."} {
			t.Run(c.name+"/"+id, func(t *testing.T) {
				f := fakelago.New(t)
				err := c.call(t.Context(), f.Client(), id)
				require.ErrorIs(t, err, lago.ErrInvalidArgument)
				assert.ErrorContains(t, err, `external_customer_id must not be "`+id+`"`)
				assert.Empty(t, f.Sent())
			})
		}
	}
	t.Run("DeleteAppliedCoupon/coupon id", func(t *testing.T) {
		f := fakelago.New(t)
		_, err := f.Client().DeleteAppliedCoupon(t.Context(), "acme", "..")
		require.ErrorIs(t, err, lago.ErrInvalidArgument)
		assert.EqualError(t, err, `lago: DELETE /customers/{external_customer_id}/applied_coupons/{applied_coupon_id}: invalid argument: applied_coupon_id must not be ".."`)
		assert.Empty(t, f.Sent())
	})
}

// Every method turns every error status into an *Error that errors.Is and
// errors.As understand, and sends exactly the request it should.
func TestErrorStatuses(t *testing.T) {
	statuses := []struct {
		status   int
		body     string
		sentinel error
		code     string
		message  string
		details  map[string][]string
	}{
		{400, `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: customer"}`, lago.ErrBadRequest,
			"", "BadRequest: param is missing or the value is empty or invalid: customer", nil},
		{401, `{"status":401,"error":"Unauthorized"}`, lago.ErrUnauthorized, "", "Unauthorized", nil},
		{403, `{"status":403,"error":"Forbidden","code":"write_action_not_allowed_for_customer"}`, lago.ErrForbidden,
			"write_action_not_allowed_for_customer", "Forbidden", nil},
		{404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`, lago.ErrNotFound, "customer_not_found", "Not Found", nil},
		{405, `{"status":405,"error":"Method Not Allowed","code":"no_active_subscription"}`, lago.ErrNotAllowed,
			"no_active_subscription", "Method Not Allowed", nil},
		{422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"currency":["value_is_invalid"],"countries":{"0":["must be one of: AD, AE"]}}}`,
			lago.ErrValidation, "validation_errors", "Unprocessable Entity",
			map[string][]string{"currency": {"value_is_invalid"}, "countries.0": {"must be one of: AD, AE"}}},
		{429, `{"status":429,"error":"Too Many Provider Requests","code":"too_many_provider_requests","error_details":{"provider_name":"anrok","message":"try later"}}`,
			lago.ErrRateLimited, "too_many_provider_requests", "Too Many Provider Requests",
			map[string][]string{"provider_name": {"anrok"}, "message": {"try later"}}},
	}
	// What each operation really answers, as the spec lists it.
	answers := map[string][]int{
		"CreateCustomer":      {400, 401, 403, 404, 422, 429},
		"GetCustomer":         {400, 401, 403, 404, 429},
		"DeleteCustomer":      {400, 401, 403, 404, 429},
		"ListCustomers":       {400, 401, 403, 404, 422, 429},
		"AllCustomers":        {400, 401, 403, 404, 422, 429},
		"ListAppliedCoupons":  {400, 401, 403, 404, 429},
		"DeleteAppliedCoupon": {400, 401, 403, 404, 429},
		"GenerateCheckoutURL": {400, 401, 403, 404, 422, 429},
		"GetCurrentUsage":     {400, 401, 403, 404, 405, 422, 429},
		"ListPastUsage":       {400, 401, 403, 404, 422, 429},
		"GetProjectedUsage":   {400, 401, 403, 404, 405, 422, 429},
		"GetPortalURL":        {400, 401, 403, 404, 429},
	}
	sentinels := []error{lago.ErrBadRequest, lago.ErrUnauthorized, lago.ErrForbidden, lago.ErrNotFound,
		lago.ErrNotAllowed, lago.ErrValidation, lago.ErrRateLimited, lago.ErrServer, lago.ErrBadResponse}

	for _, c := range calls {
		for _, s := range statuses {
			if !contains(answers[c.name], s.status) {
				continue
			}
			t.Run(c.name+"/"+http.StatusText(s.status), func(t *testing.T) {
				f := fakelago.New(t)
				f.Respond(fakelago.LagoError(s.status, s.body))
				err := c.call(t.Context(), f.Client(lago.WithRetry(lago.NoRetry)), "acme-eu-042")

				var lerr *lago.Error
				require.ErrorAs(t, err, &lerr)
				assert.Equal(t, s.status, lerr.StatusCode)
				assert.Equal(t, s.code, lerr.Code)
				assert.Equal(t, s.message, lerr.Message)
				assert.Equal(t, s.details, lerr.Details)
				assert.Equal(t, c.want.Method+" "+templateOf(c.want.Path), lerr.Operation)
				for _, sentinel := range sentinels {
					assert.Equal(t, errors.Is(sentinel, s.sentinel), errors.Is(err, sentinel), "errors.Is(err, %v)", sentinel)
				}
				fakelago.AssertSent(t, withID(c.want, "acme-eu-042"), fakelago.OnlyRequest(t, f))
			})
		}
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func templateOf(path string) string {
	path = strings.Replace(path, "/customers/ID", "/customers/{external_customer_id}", 1)
	return strings.Replace(path, "/4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a", "/{applied_coupon_id}", 1)
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		name  string
		reply fakelago.Response
		want  string
		usage bool // call GetCurrentUsage, which answers 422, instead of GetCustomer
	}{
		{
			name:  "code",
			reply: fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`),
			want:  "lago: GET /customers/{external_customer_id}: 404 customer_not_found",
		},
		{
			name:  "message without code",
			reply: fakelago.LagoError(401, `{"status":401,"error":"Unauthorized"}`),
			want:  "lago: GET /customers/{external_customer_id}: 401 Unauthorized",
		},
		{
			name:  "validation details",
			reply: fakelago.LagoError(422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"email":["invalid_email_format"],"base":["x"]}}`),
			want:  "lago: GET /customers/{external_customer_id}/current_usage: 422 validation_errors (base: x; email: invalid_email_format)",
			usage: true,
		},
		{
			name:  "proxy HTML page",
			reply: fakelago.Response{Status: 502, Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte("<html><body>Bad gateway</body></html>"), OffSpec: true},
			want:  "lago: GET /customers/{external_customer_id}: 502 Bad Gateway",
		},
		{
			name:  "empty body",
			reply: fakelago.Response{Status: 503, OffSpec: true},
			want:  "lago: GET /customers/{external_customer_id}: 503 Service Unavailable",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(tt.reply)
			c := f.Client(lago.WithRetry(lago.NoRetry))
			var err error
			if tt.usage {
				_, err = c.GetCurrentUsage(t.Context(), "acme-eu-042", lago.CurrentUsageOptions{ExternalSubscriptionID: "s"})
			} else {
				_, err = c.GetCustomer(t.Context(), "acme-eu-042")
			}
			require.EqualError(t, err, tt.want)
			var lerr *lago.Error
			require.ErrorAs(t, err, &lerr)
			assert.Equal(t, tt.reply.Body, orNil(lerr.Body))
		})
	}
}

func orNil(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func TestServerErrorsMatchErrServer(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.Response{Status: 500, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"status":500,"error":"Internal Server Error"}`), OffSpec: true})
	_, err := f.Client(lago.WithRetry(lago.NoRetry)).GetPortalURL(t.Context(), "acme")
	require.ErrorIs(t, err, lago.ErrServer)
	assert.EqualError(t, err, "lago: GET /customers/{external_customer_id}/portal_url: 500 Internal Server Error")
}

// A 2xx answer that does not decode is an error that keeps the status.
func TestUndecodableSuccess(t *testing.T) {
	tests := []struct {
		name  string
		reply fakelago.Response
		want  string
	}{
		{
			name:  "truncated JSON",
			reply: fakelago.Response{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"customer":{"lago_id":"x"`), OffSpec: true},
			want:  "lago: GET /customers/{external_customer_id}: 200 OK: invalid response body: unexpected end of JSON input",
		},
		{
			name:  "wrong shape",
			reply: fakelago.Response{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"customer":[1,2]}`), OffSpec: true},
			want:  "lago: GET /customers/{external_customer_id}: 200 OK: invalid response body: json: cannot unmarshal array into Go struct field CustomerEnvelope.customer of type gen.Customer",
		},
		{
			name:  "not JSON at all",
			reply: fakelago.Response{Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(`<html></html>`), OffSpec: true},
			want:  `lago: GET /customers/{external_customer_id}: 200 OK: invalid response body: status 200 with Content-Type "text/html", want 200 application/json`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(tt.reply)
			_, err := f.Client().GetCustomer(t.Context(), "acme-eu-042")
			require.EqualError(t, err, tt.want)
			require.ErrorIs(t, err, lago.ErrBadResponse)
			var lerr *lago.Error
			require.ErrorAs(t, err, &lerr)
			assert.Equal(t, 200, lerr.StatusCode)
		})
	}
}

func TestGetAndDeleteCustomer(t *testing.T) {
	tests := []struct {
		name   string
		method string
		call   func(*lago.Client, context.Context, string) (*lago.Customer, error)
	}{
		{name: "get", method: "GET", call: (*lago.Client).GetCustomer},
		{name: "delete", method: "DELETE", call: (*lago.Client).DeleteCustomer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.OK(t, "customer.json"))
			got, err := tt.call(f.Client(), t.Context(), "acme-eu-042")
			require.NoError(t, err)
			assert.Equal(t, "6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10", got.LagoID)
			assert.Nil(t, got.AddressLine2)
			assert.Equal(t, lago.Ptr(lago.PaymentProviderStripe), got.BillingConfiguration.PaymentProvider)
			fakelago.AssertSent(t, fakelago.Want{Method: tt.method, Path: "/customers/acme-eu-042"}, fakelago.OnlyRequest(t, f))
		})
	}
}

func TestListCustomersSendsEveryFilter(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "customer-list.json"))
	page, err := f.Client().ListCustomers(t.Context(), &lago.ListCustomersOptions{
		Page:                       2,
		PerPage:                    50,
		AccountTypes:               []lago.AccountType{lago.AccountTypeCustomer, lago.AccountTypePartner},
		BillingEntityCodes:         []string{"acme_eu"},
		SearchTerm:                 "Acme & Co",
		Countries:                  []string{"FR", "DE"},
		States:                     []string{"Île-de-France"},
		Zipcodes:                   []string{"69002"},
		Currencies:                 []string{"EUR"},
		HasTaxIdentificationNumber: lago.Ptr(true),
		CustomerType:               lago.CustomerTypeCompany,
		HasCustomerType:            lago.Ptr(false),
		Metadata:                   map[string]string{"tier": "gold", "is_synced": "", "a&b": "x=y"},
		ExternalID:                 "acme-eu-042",
	})
	require.NoError(t, err)
	require.Len(t, page.Customers, 2)
	assert.Equal(t, lago.PaginationMeta{CurrentPage: 1, NextPage: lago.Ptr[int64](2), TotalPages: 3, TotalCount: 250}, page.Meta)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers", Query: url.Values{
		"page":                          {"2"},
		"per_page":                      {"50"},
		"account_type[]":                {"customer", "partner"},
		"billing_entity_codes[]":        {"acme_eu"},
		"search_term":                   {"Acme & Co"},
		"countries[]":                   {"FR", "DE"},
		"states[]":                      {"Île-de-France"},
		"zipcodes[]":                    {"69002"},
		"currencies[]":                  {"EUR"},
		"has_tax_identification_number": {"true"},
		"customer_type":                 {"company"},
		"has_customer_type":             {"false"},
		"metadata[tier]":                {"gold"},
		"metadata[is_synced]":           {""},
		"metadata[a&b]":                 {"x=y"},
		"external_id":                   {"acme-eu-042"},
	}}, fakelago.OnlyRequest(t, f))
}

func TestListOptionsAreChecked(t *testing.T) {
	tests := []struct {
		name string
		call func(context.Context, *lago.Client) error
		want string
	}{
		{"negative page", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCustomers(ctx, &lago.ListCustomersOptions{Page: -1})
			return err
		}, "lago: GET /customers: invalid argument: page and per_page must not be negative"},
		{"bracket in metadata key", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCustomers(ctx, &lago.ListCustomersOptions{Metadata: map[string]string{"a]": "b"}})
			return err
		}, `lago: GET /customers: invalid argument: metadata filter key "a]" must be non-empty and free of brackets`},
		{"missing subscription on current usage", func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetCurrentUsage(ctx, "acme", lago.CurrentUsageOptions{})
			return err
		}, "lago: GET /customers/{external_customer_id}/current_usage: invalid argument: external_subscription_id is required"},
		{"missing subscription on past usage", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListPastUsage(ctx, "acme", lago.PastUsageOptions{})
			return err
		}, "lago: GET /customers/{external_customer_id}/past_usage: invalid argument: external_subscription_id is required"},
		{"missing subscription on projected usage", func(ctx context.Context, c *lago.Client) error {
			_, err := c.GetProjectedUsage(ctx, "acme", lago.ProjectedUsageOptions{})
			return err
		}, "lago: GET /customers/{external_customer_id}/projected_usage: invalid argument: external_subscription_id is required"},
		{"negative per page on coupons", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListAppliedCoupons(ctx, "acme", &lago.ListAppliedCouponsOptions{PerPage: -5})
			return err
		}, "lago: GET /customers/{external_customer_id}/applied_coupons: invalid argument: page and per_page must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			err := tt.call(t.Context(), f.Client())
			require.ErrorIs(t, err, lago.ErrInvalidArgument)
			assert.EqualError(t, err, tt.want)
			assert.Empty(t, f.Sent())
		})
	}
}

func TestListCustomersEmptyPage(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "customer-list-empty.json"))
	page, err := f.Client().ListCustomers(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, &lago.CustomerPage{Customers: []lago.Customer{}, Meta: lago.PaginationMeta{}}, page)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers"}, fakelago.OnlyRequest(t, f))
}

// listPage builds a customers page with the given external ids.
func listPage(t *testing.T, page int, next *int, ids ...string) fakelago.Response {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(fakelago.Fixture(t, "customer-list.json"), &doc))
	template := doc["customers"].([]any)[0].(map[string]any)
	customers := []any{}
	for _, id := range ids {
		c := map[string]any{}
		for k, v := range template {
			c[k] = v
		}
		c["external_id"] = id
		customers = append(customers, c)
	}
	var prev any
	if page > 1 {
		prev = page - 1
	}
	doc["customers"] = customers
	doc["meta"] = map[string]any{"current_page": page, "next_page": next, "prev_page": prev, "total_pages": 3, "total_count": 5}
	body, err := json.Marshal(doc)
	require.NoError(t, err)
	return fakelago.Response{Status: 200, Body: body}
}

func TestAllCustomers(t *testing.T) {
	t.Run("walks every page", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(listPage(t, 1, lago.Ptr(2), "c5", "c4"), listPage(t, 2, lago.Ptr(3), "c3", "c2"), listPage(t, 3, nil, "c1"))
		var got []string
		for c, err := range f.Client().AllCustomers(t.Context(), &lago.ListCustomersOptions{PerPage: 2, SearchTerm: "c"}) {
			require.NoError(t, err)
			got = append(got, c.ExternalID)
		}
		assert.Equal(t, []string{"c5", "c4", "c3", "c2", "c1"}, got)
		reqs := f.Sent()
		require.Len(t, reqs, 3)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers", Query: url.Values{"per_page": {"2"}, "search_term": {"c"}}}, reqs[0])
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers", Query: url.Values{"page": {"2"}, "per_page": {"2"}, "search_term": {"c"}}}, reqs[1])
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers", Query: url.Values{"page": {"3"}, "per_page": {"2"}, "search_term": {"c"}}}, reqs[2])
	})
	t.Run("stops at the first error and yields it", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(listPage(t, 1, lago.Ptr(2), "c5", "c4"), fakelago.LagoError(401, `{"status":401,"error":"Unauthorized"}`))
		var got []string
		var errs []error
		for c, err := range f.Client().AllCustomers(t.Context(), nil) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, c.ExternalID)
		}
		assert.Equal(t, []string{"c5", "c4"}, got)
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], lago.ErrUnauthorized)
		assert.Len(t, f.Sent(), 2)
	})
	t.Run("break stops fetching", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(listPage(t, 1, lago.Ptr(2), "c5", "c4"))
		for _, err := range f.Client().AllCustomers(t.Context(), nil) {
			require.NoError(t, err)
			break
		}
		assert.Len(t, f.Sent(), 1)
	})
	t.Run("a next_page that does not advance is an error", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(listPage(t, 1, lago.Ptr(1), "c5"))
		var errs []error
		for _, err := range f.Client().AllCustomers(t.Context(), nil) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], lago.ErrBadResponse)
		assert.EqualError(t, errs[0], "lago: GET /customers: response cannot be read: next_page 1 does not follow page 1")
	})
	t.Run("an empty result ends at once", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "customer-list-empty.json"))
		n := 0
		for _, err := range f.Client().AllCustomers(t.Context(), nil) {
			require.NoError(t, err)
			n++
		}
		assert.Zero(t, n)
	})
}

func TestAppliedCoupons(t *testing.T) {
	t.Run("list with filters", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "applied-coupons.json"))
		page, err := f.Client().ListAppliedCoupons(t.Context(), "acme-eu-042", &lago.ListAppliedCouponsOptions{
			Page: 1, PerPage: 20, Status: lago.AppliedCouponStatusActive, CouponCodes: []string{"WELCOME50", "LOYAL10"},
		})
		require.NoError(t, err)
		require.Len(t, page.AppliedCoupons, 2)
		assert.Equal(t, "WELCOME50", page.AppliedCoupons[0].CouponCode)
		require.Len(t, page.AppliedCoupons[0].Credits, 1)
		assert.Equal(t, int64(3750), page.AppliedCoupons[0].Credits[0].AmountCents)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/applied_coupons", Query: url.Values{
			"page": {"1"}, "per_page": {"20"}, "status": {"active"}, "coupon_code[]": {"WELCOME50", "LOYAL10"},
		}}, fakelago.OnlyRequest(t, f))
	})
	t.Run("delete", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "applied-coupon-deleted.json"))
		got, err := f.Client().DeleteAppliedCoupon(t.Context(), "john@acme.com", "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a")
		require.NoError(t, err)
		assert.Equal(t, lago.AppliedCouponStatusTerminated, got.Status)
		assert.Nil(t, got.Credits)
		fakelago.AssertSent(t, fakelago.Want{Method: "DELETE", Path: "/customers/john@acme%2Ecom/applied_coupons/4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a"}, fakelago.OnlyRequest(t, f))
	})
}

func TestLinks(t *testing.T) {
	t.Run("checkout", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "checkout-url.json"))
		got, err := f.Client().GenerateCheckoutURL(t.Context(), "acme-eu-042")
		require.NoError(t, err)
		assert.Equal(t, &lago.CheckoutURL{
			LagoCustomerID:     "6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10",
			ExternalCustomerID: "acme-eu-042",
			PaymentProvider:    lago.PaymentProviderStripe,
			CheckoutURL:        "https://checkout.stripe.test/c/pay/cs_test_a1B2c3D4",
		}, got)
		fakelago.AssertSent(t, fakelago.Want{Method: "POST", Path: "/customers/acme-eu-042/checkout_url"}, fakelago.OnlyRequest(t, f))
	})
	t.Run("checkout without payment provider", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.LagoError(422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"base":["no_linked_payment_provider"]}}`))
		_, err := f.Client().GenerateCheckoutURL(t.Context(), "acme-eu-042")
		require.ErrorIs(t, err, lago.ErrValidation)
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		assert.Equal(t, map[string][]string{"base": {"no_linked_payment_provider"}}, lerr.Details)
	})
	t.Run("portal", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "portal-url.json"))
		got, err := f.Client().GetPortalURL(t.Context(), "acme-eu-042")
		require.NoError(t, err)
		assert.Equal(t, "https://app.getlago.com/customer-portal/eyJfcmFpbHMiOnsiZGF0YSI6ImFjbWUifX0--5c1f0e", got)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/portal_url"}, fakelago.OnlyRequest(t, f))
	})
}

func TestUsage(t *testing.T) {
	t.Run("current usage with every option", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "current-usage.json"))
		opts := lago.CurrentUsageOptions{
			ExternalSubscriptionID: "sub-042",
			ApplyTaxes:             lago.Ptr(false),
			ChargeID:               "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
			ChargeCode:             "storage_gb",
			BillableMetricCode:     "storage",
			Group:                  map[string]string{"cloud": "aws"},
			FullUsage:              true,
			FilterByPresentation:   []string{"engineering", "operations"},
			SkipGrouping:           true,
		}
		// The deprecated names must still reach the server.
		//lint:ignore SA1019 sent on purpose
		opts.FilterByChargeID = "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b"
		//lint:ignore SA1019 sent on purpose
		opts.FilterByChargeCode = "storage_gb"
		//lint:ignore SA1019 sent on purpose
		opts.FilterByMetricCode = "storage"
		//lint:ignore SA1019 sent on purpose
		opts.FilterByGroup = map[string]string{"region": "eu"}
		got, err := f.Client().GetCurrentUsage(t.Context(), "acme-eu-042", opts)
		require.NoError(t, err)
		assert.Equal(t, int64(14814), got.TotalAmountCents)
		assert.Equal(t, "10.33", got.ChargesUsage[0].Units)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/current_usage", Query: url.Values{
			"external_subscription_id": {"sub-042"},
			"apply_taxes":              {"false"},
			"charge_id":                {"1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b"},
			"charge_code":              {"storage_gb"},
			"billable_metric_code":     {"storage"},
			"group[cloud]":             {"aws"},
			"full_usage":               {"true"},
			"filter_by_presentation":   {`["engineering","operations"]`},
			"skip_grouping":            {"true"},
			"filter_by_charge_id":      {"1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b"},
			"filter_by_charge_code":    {"storage_gb"},
			"filter_by_metric_code":    {"storage"},
			"filter_by_group[region]":  {"eu"},
		}}, fakelago.OnlyRequest(t, f))
	})
	t.Run("an empty presentation filter drops breakdowns", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "current-usage.json"))
		_, err := f.Client().GetCurrentUsage(t.Context(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "s", FilterByPresentation: []string{}})
		require.NoError(t, err)
		assert.Equal(t, url.Values{"external_subscription_id": {"s"}, "filter_by_presentation": {"[]"}}, fakelago.OnlyRequest(t, f).Query)
	})
	t.Run("past usage", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "past-usage.json"))
		got, err := f.Client().ListPastUsage(t.Context(), "acme-eu-042", lago.PastUsageOptions{
			ExternalSubscriptionID: "sub-042", BillableMetricCode: "storage", PeriodsCount: 3, Page: 1, PerPage: 10,
		})
		require.NoError(t, err)
		require.Len(t, got.UsagePeriods, 1)
		assert.Equal(t, lago.Ptr("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"), got.UsagePeriods[0].LagoInvoiceID)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/past_usage", Query: url.Values{
			"external_subscription_id": {"sub-042"}, "billable_metric_code": {"storage"}, "periods_count": {"3"}, "page": {"1"}, "per_page": {"10"},
		}}, fakelago.OnlyRequest(t, f))
	})
	t.Run("projected usage", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "projected-usage.json"))
		got, err := f.Client().GetProjectedUsage(t.Context(), "acme-eu-042", lago.ProjectedUsageOptions{ExternalSubscriptionID: "sub-042", ApplyTaxes: lago.Ptr(true)})
		require.NoError(t, err)
		assert.Equal(t, json.Number("256.0"), got.ProjectedAmountCents)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/projected_usage", Query: url.Values{
			"external_subscription_id": {"sub-042"}, "apply_taxes": {"true"},
		}}, fakelago.OnlyRequest(t, f))
	})
}

// A server that echoes the request back must not make the key appear in an
// error.
func TestErrorsNeverCarryTheAPIKey(t *testing.T) {
	echo := `{"status":422,"error":"bad header Bearer ` + apiKey + `","code":"validation_errors","error_details":{"` + apiKey + `":["Bearer ` + apiKey + `"]}}`
	f := fakelago.New(t)
	f.Respond(fakelago.LagoError(422, echo))
	_, err := f.Client().CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), apiKey)
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	assert.NotContains(t, lerr.Message, apiKey)
	assert.NotContains(t, string(lerr.Body), apiKey)
	assert.Equal(t, map[string][]string{"[REDACTED]": {"Bearer [REDACTED]"}}, lerr.Details)
}

func TestContextCancellation(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "customer.json"))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := f.Client().GetCustomer(ctx, "acme")
	require.ErrorIs(t, err, context.Canceled)
	assert.True(t, strings.HasPrefix(err.Error(), "lago: GET /customers/{external_customer_id}: "), err.Error())
}

func TestWebhookPublicKey(t *testing.T) {
	// Lago's response: the base64 of a PEM with a line break every 60
	// characters, as Ruby's Base64.encode64 writes it.
	const key = "LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUlJQklqQU5CZ2txaGtpRzl3\nMEJBUUVGQUFPQ0FROEFNSUlCQ2dLQ0FRRUF1MnE=\n"
	t.Run("response", func(t *testing.T) {
		f := fakelago.New(t)
		body, err := json.Marshal(map[string]any{"webhook": map[string]string{"public_key": key}})
		require.NoError(t, err)
		f.Respond(fakelago.Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: body})
		got, err := f.Client().WebhookPublicKey(t.Context())
		require.NoError(t, err)
		assert.Equal(t, []byte(key), got)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/webhooks/json_public_key"}, fakelago.OnlyRequest(t, f))
	})
	for name, body := range map[string]string{
		"empty object":       `{}`,
		"null webhook":       `{"webhook":null}`,
		"another's envelope": `{"customer":{"portal_url":"https://portal.test"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body), OffSpec: true})
			_, err := f.Client().WebhookPublicKey(t.Context())
			require.ErrorIs(t, err, lago.ErrBadResponse)
			var lerr *lago.Error
			require.ErrorAs(t, err, &lerr)
			assert.Equal(t, "GET /webhooks/json_public_key", lerr.Operation)
		})
	}
	t.Run("unauthorized", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.LagoError(401, `{"status":401,"error":"Unauthorized"}`))
		_, err := f.Client(lago.WithRetry(lago.NoRetry)).WebhookPublicKey(t.Context())
		require.ErrorIs(t, err, lago.ErrUnauthorized)
	})
}
