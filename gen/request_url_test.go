package gen_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
)

// TestRequestURLs pins what the builders of openapi/templates/client.tmpl
// send: the method, the path as it goes on the wire (each path parameter
// one segment, dots escaped), the decoded path the server routes on, and
// the query.
func TestRequestURLs(t *testing.T) {
	tests := []struct {
		name        string
		build       func() (*http.Request, error)
		method      string
		escapedPath string
		path        string
		rawQuery    string
	}{
		{
			name:        "plain id",
			build:       func() (*http.Request, error) { return gen.NewFindCustomerRequest(testServer, "acme-042") },
			method:      http.MethodGet,
			escapedPath: "/api/v1/customers/acme-042",
			path:        "/api/v1/customers/acme-042",
		},
		{
			name:        "dots are escaped, so no format suffix is read",
			build:       func() (*http.Request, error) { return gen.NewFindCustomerRequest(testServer, "john@acme.com") },
			method:      http.MethodGet,
			escapedPath: "/api/v1/customers/john@acme%2Ecom",
			path:        "/api/v1/customers/john@acme.com",
		},
		{
			name:        "slash, space, question mark, percent and unicode stay in one segment",
			build:       func() (*http.Request, error) { return gen.NewDestroyCustomerRequest(testServer, "a/b c?d%e-é") },
			method:      http.MethodDelete,
			escapedPath: "/api/v1/customers/a%2Fb%20c%3Fd%25e-%C3%A9",
			path:        "/api/v1/customers/a/b c?d%e-é",
		},
		{
			name: "two path parameters",
			build: func() (*http.Request, error) {
				return gen.NewDeleteAppliedCouponRequest(testServer, "acme.eu", "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a")
			},
			method:      http.MethodDelete,
			escapedPath: "/api/v1/customers/acme%2Eeu/applied_coupons/4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a",
			path:        "/api/v1/customers/acme.eu/applied_coupons/4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a",
		},
		{
			name: "server without a trailing slash",
			build: func() (*http.Request, error) {
				return gen.NewGetCustomerPortalURLRequest("https://lago.test/api/v1", "acme")
			},
			method:      http.MethodGet,
			escapedPath: "/api/v1/customers/acme/portal_url",
			path:        "/api/v1/customers/acme/portal_url",
		},
		{
			name:        "no params object sends no query",
			build:       func() (*http.Request, error) { return gen.NewFindAllCustomersRequest(testServer, nil) },
			method:      http.MethodGet,
			escapedPath: "/api/v1/customers",
			path:        "/api/v1/customers",
		},
		{
			// The same bytes as the stock template's builder: both go through
			// runtime.StyleParamWithOptions.
			name: "styled query: form arrays, booleans, deepObject metadata",
			build: func() (*http.Request, error) {
				return gen.NewFindAllCustomersRequest(testServer, &gen.FindAllCustomersParams{
					Page:                       ptr[int64](2),
					PerPage:                    ptr[int64](50),
					AccountType:                []gen.AccountType{gen.AccountTypeCustomer, gen.AccountTypePartner},
					Countries:                  []string{"FR", "DE"},
					SearchTerm:                 ptr("a&b c"),
					HasTaxIdentificationNumber: ptr(false),
					Metadata:                   map[string]string{"tier": "gold", "region": "eu west"},
				})
			},
			method:      http.MethodGet,
			escapedPath: "/api/v1/customers",
			path:        "/api/v1/customers",
			rawQuery:    "page=2&per_page=50&account_type%5B%5D=customer&account_type%5B%5D=partner&search_term=a%26b+c&countries%5B%5D=FR&countries%5B%5D=DE&has_tax_identification_number=false&metadata[region]=eu+west&metadata[tier]=gold",
		},
		{
			name: "path and query together",
			build: func() (*http.Request, error) {
				return gen.NewFindCustomerCurrentUsageRequest(testServer, "acme", &gen.FindCustomerCurrentUsageParams{ExternalSubscriptionID: "sub.1"})
			},
			method:      http.MethodGet,
			escapedPath: "/api/v1/customers/acme/current_usage",
			path:        "/api/v1/customers/acme/current_usage",
			rawQuery:    "external_subscription_id=sub.1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := tt.build()
			require.NoError(t, err)
			assert.Equal(t, tt.method, req.Method)
			assert.Equal(t, "lago.test", req.Host)
			assert.Equal(t, tt.escapedPath, req.URL.EscapedPath())
			assert.Equal(t, tt.path, req.URL.Path)
			assert.Equal(t, tt.rawQuery, req.URL.RawQuery)
		})
	}
}

// The client sends through its doer with the caller's context, after the
// client's editors and then the call's, and a JSON body can be sent again.
func TestClientSendsWithContextAndEditors(t *testing.T) {
	type ctxKey struct{}
	var got *http.Request
	var order []string
	doer := doerFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody}, nil
	})
	edit := func(name string) gen.RequestEditorFn {
		return func(_ context.Context, r *http.Request) error {
			order = append(order, name)
			r.Header.Add("X-Edited-By", name)
			return nil
		}
	}
	c, err := gen.NewClient("https://lago.test/api/v1", gen.WithHTTPClient(doer), gen.WithRequestEditorFn(edit("client")))
	require.NoError(t, err)
	assert.Equal(t, "https://lago.test/api/v1/", c.Server)

	ctx := context.WithValue(context.Background(), ctxKey{}, "v")
	rsp, err := c.CreateCustomer(ctx, gen.CreateCustomerJSONRequestBody{Customer: gen.CustomerInput{ExternalID: "acme"}}, edit("call"))
	require.NoError(t, err)
	require.NoError(t, rsp.Body.Close())

	assert.Equal(t, []string{"client", "call"}, order)
	assert.Equal(t, "v", got.Context().Value(ctxKey{}))
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, "https://lago.test/api/v1/customers", got.URL.String())
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, []string{"client", "call"}, got.Header.Values("X-Edited-By"))
	require.NotNil(t, got.GetBody, "the body can be replayed for a retry")
	for range 2 {
		body, err := got.GetBody()
		require.NoError(t, err)
		b, err := io.ReadAll(body)
		require.NoError(t, err)
		assert.Equal(t, `{"customer":{"external_id":"acme"}}`, string(bytes.TrimSpace(b)))
	}
}

// An editor's error stops the call before anything is sent.
func TestClientEditorErrorStopsTheCall(t *testing.T) {
	doer := doerFunc(func(*http.Request) (*http.Response, error) {
		t.Fatal("the request was sent")
		return nil, nil
	})
	c, err := gen.NewClient(testServer, gen.WithHTTPClient(doer))
	require.NoError(t, err)
	refuse := func(context.Context, *http.Request) error { return io.ErrClosedPipe }
	_, err = c.FindCustomer(context.Background(), "acme", refuse)
	require.ErrorIs(t, err, io.ErrClosedPipe)
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
