package lago

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/lagoclient/lago-go/gen"
)

// operation names one endpoint of the spec. Errors and logs name operations
// by method and path template, never by the concrete URL, so they carry no
// customer data.
type operation struct {
	id     string   // Lago's operationId
	method string   // HTTP method
	path   string   // path template, relative to the API root
	name   string   // method and path template, e.g. "GET /customers"
	params []string // the {names} of the path template, in order
	// literals are the template's text around its parameters: one more
	// than params, so that the path is literals[0] + p0 + literals[1] + ...
	literals []string
}

// newOperation splits the path template once, so that calls only join.
func newOperation(id, method, path string) *operation {
	op := &operation{id: id, method: method, path: path, name: method + " " + path}
	for rest := path; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			op.literals = append(op.literals, rest)
			return op
		}
		end := strings.IndexByte(rest, '}')
		op.literals = append(op.literals, rest[:open])
		op.params = append(op.params, rest[open+1:end])
		rest = rest[end+1:]
	}
}

func (o *operation) String() string { return o.name }

var (
	opCreateCustomer      = newOperation("createCustomer", http.MethodPost, "/customers")
	opListCustomers       = newOperation("findAllCustomers", http.MethodGet, "/customers")
	opGetCustomer         = newOperation("findCustomer", http.MethodGet, "/customers/{external_customer_id}")
	opDeleteCustomer      = newOperation("destroyCustomer", http.MethodDelete, "/customers/{external_customer_id}")
	opListAppliedCoupons  = newOperation("findAllCustomerAppliedCoupons", http.MethodGet, "/customers/{external_customer_id}/applied_coupons")
	opDeleteAppliedCoupon = newOperation("deleteAppliedCoupon", http.MethodDelete, "/customers/{external_customer_id}/applied_coupons/{applied_coupon_id}")
	opGenerateCheckoutURL = newOperation("generateCustomerCheckoutURL", http.MethodPost, "/customers/{external_customer_id}/checkout_url")
	opGetCurrentUsage     = newOperation("findCustomerCurrentUsage", http.MethodGet, "/customers/{external_customer_id}/current_usage")
	opListPastUsage       = newOperation("findAllCustomerPastUsage", http.MethodGet, "/customers/{external_customer_id}/past_usage")
	opGetProjectedUsage   = newOperation("findCustomerProjectedUsage", http.MethodGet, "/customers/{external_customer_id}/projected_usage")
	opGetPortalURL        = newOperation("getCustomerPortalUrl", http.MethodGet, "/customers/{external_customer_id}/portal_url")
)

// checkPathParam refuses the ids that the generated client would resolve to
// another endpoint: "" and "." collapse onto the parent collection, ".."
// climbs out of it. No request is sent for them.
func checkPathParam(op *operation, name, value string) error {
	switch value {
	case "", ".", "..":
		return fmt.Errorf("lago: %s: %w: %s must not be %q", op, ErrInvalidArgument, name, value)
	}
	return nil
}

// escapeSegment percent-encodes s as exactly one path segment. Beyond
// url.PathEscape it encodes ".", because Lago's router reads a dot as the
// start of a format suffix: "john@acme.com" would arrive as "john@acme".
func escapeSegment(s string) string {
	return strings.ReplaceAll(url.PathEscape(s), ".", "%2E")
}

// pathParams returns the request editor that puts the escaped path
// parameters, in template order, into the URL the generated client built.
// The generated client has already encoded everything but dots; the editor
// checks that both encodings name the same decoded path, so a template that
// drifted from the spec fails loudly instead of calling the wrong endpoint.
func (c *Client) pathParams(op *operation, values ...string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		var b strings.Builder
		b.WriteString(c.basePath)
		for i, v := range values {
			b.WriteString(op.literals[i])
			b.WriteString(escapeSegment(v))
		}
		b.WriteString(op.literals[len(values)])
		raw := b.String()
		if decoded, err := url.PathUnescape(raw); err != nil || decoded != req.URL.Path {
			return fmt.Errorf("lago: %s: internal error: path %q does not match the generated %q", op, raw, req.URL.Path)
		}
		req.URL.RawPath = raw
		return nil
	}
}
