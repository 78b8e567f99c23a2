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
	id     string // Lago's operationId
	method string
	path   string // path template, relative to the API root
}

func (o *operation) String() string { return o.method + " " + o.path }

// pathParamNames lists the {names} of the path template in order.
func (o *operation) pathParamNames() []string {
	var names []string
	rest := o.path
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(rest, '}')
		names = append(names, rest[open+1:end])
		rest = rest[end+1:]
	}
}

var (
	opCreateCustomer      = &operation{"createCustomer", http.MethodPost, "/customers"}
	opListCustomers       = &operation{"findAllCustomers", http.MethodGet, "/customers"}
	opGetCustomer         = &operation{"findCustomer", http.MethodGet, "/customers/{external_customer_id}"}
	opDeleteCustomer      = &operation{"destroyCustomer", http.MethodDelete, "/customers/{external_customer_id}"}
	opListAppliedCoupons  = &operation{"findAllCustomerAppliedCoupons", http.MethodGet, "/customers/{external_customer_id}/applied_coupons"}
	opDeleteAppliedCoupon = &operation{"deleteAppliedCoupon", http.MethodDelete, "/customers/{external_customer_id}/applied_coupons/{applied_coupon_id}"}
	opGenerateCheckoutURL = &operation{"generateCustomerCheckoutURL", http.MethodPost, "/customers/{external_customer_id}/checkout_url"}
	opGetCurrentUsage     = &operation{"findCustomerCurrentUsage", http.MethodGet, "/customers/{external_customer_id}/current_usage"}
	opListPastUsage       = &operation{"findAllCustomerPastUsage", http.MethodGet, "/customers/{external_customer_id}/past_usage"}
	opGetProjectedUsage   = &operation{"findCustomerProjectedUsage", http.MethodGet, "/customers/{external_customer_id}/projected_usage"}
	opGetPortalURL        = &operation{"getCustomerPortalUrl", http.MethodGet, "/customers/{external_customer_id}/portal_url"}
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
		rest := op.path
		for _, v := range values {
			open := strings.IndexByte(rest, '{')
			end := strings.IndexByte(rest, '}')
			b.WriteString(rest[:open])
			b.WriteString(escapeSegment(v))
			rest = rest[end+1:]
		}
		b.WriteString(rest)
		raw := b.String()
		if decoded, err := url.PathUnescape(raw); err != nil || decoded != req.URL.Path {
			return fmt.Errorf("lago: %s: internal error: path %q does not match the generated %q", op, raw, req.URL.Path)
		}
		req.URL.RawPath = raw
		return nil
	}
}
