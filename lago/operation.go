package lago

import (
	"fmt"
	"net/http"
	"strings"
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
}

// newOperation reads the parameter names out of the path template once.
func newOperation(id, method, path string) *operation {
	op := &operation{id: id, method: method, path: path, name: method + " " + path}
	for rest := path; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return op
		}
		end := strings.IndexByte(rest, '}')
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

// checkPathParam refuses the ids that would name another endpoint: ""
// leaves the parent collection, and "." and "..", which the generated client
// sends as %2E and %2E%2E, are dot segments to any server or proxy that
// decodes them first (RFC 3986 makes %2E and "." equivalent). No request is
// sent for them.
func checkPathParam(op *operation, name, value string) error {
	switch value {
	case "", ".", "..":
		return fmt.Errorf("lago: %s: %w: %s must not be %q", op, ErrInvalidArgument, name, value)
	}
	return nil
}
