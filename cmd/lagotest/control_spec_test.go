package main_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/openapi"
)

// controlRouter routes by openapi/lagotest-control.yaml.
func controlRouter(t testing.TB) routers.Router {
	t.Helper()
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(openapi.ControlYAML())
	require.NoError(t, err)
	require.NoError(t, doc.Validate(ctx), "lagotest-control.yaml is a valid OpenAPI document")
	doc.Servers = openapi3.Servers{{URL: "/"}} // any host, as the free port varies
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	return router
}

// controlClient is an HTTP client that checks every request to the
// health check and the control API, and its response, against the
// control API's description, failing t on a mismatch.
func controlClient(t *testing.T) *http.Client {
	return &http.Client{Transport: &specCheck{t: t, router: controlRouter(t), next: http.DefaultTransport}}
}

// badRequestClient is controlClient for requests that break the
// description on purpose, to see the server refuse them: it checks the
// responses only.
func badRequestClient(t *testing.T) *http.Client {
	return &http.Client{Transport: &specCheck{t: t, router: controlRouter(t), next: http.DefaultTransport, badRequests: true}}
}

type specCheck struct {
	t           *testing.T
	router      routers.Router
	next        http.RoundTripper
	badRequests bool
}

func (c *specCheck) RoundTrip(r *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(r.URL.Path, "/_lagotest/") && r.URL.Path != "/health" {
		return c.next.RoundTrip(r)
	}
	route, params, err := c.router.FindRoute(r)
	if err != nil {
		c.t.Errorf("%s %s is not in lagotest-control.yaml: %v", r.Method, r.URL.Path, err)
		return c.next.RoundTrip(r)
	}
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	if verr := openapi3filter.ValidateRequest(r.Context(), in); verr != nil && r.Header.Get("Authorization") != "" && !c.badRequests {
		// A request without the key is sent on purpose to see the 401.
		c.t.Errorf("%s %s breaks lagotest-control.yaml: %v", r.Method, r.URL.Path, verr)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	resp, err := c.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	rb, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts,
	}
	out.SetBodyBytes(rb)
	if verr := openapi3filter.ValidateResponse(r.Context(), out); verr != nil {
		c.t.Errorf("the %d answer to %s %s breaks lagotest-control.yaml: %v", resp.StatusCode, r.Method, r.URL.Path, verr)
	}
	return resp, nil
}
