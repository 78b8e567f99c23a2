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
	// envelope holds the keys a 200 answer must carry, not null: the
	// resource's key, or a list's items key and "meta".
	envelope []string
	// nullEnvelope lets the envelope keys hold null, for the operations
	// whose answer is null when there is nothing (wallet metadata).
	nullEnvelope bool
	// once marks an operation that a second delivery would repeat (a
	// wallet or an alert created twice): it is sent again only when the
	// first attempt surely did not reach Lago. See retryAfter.
	once bool
	// items is a paged list's items key, e.g. "customers"; empty for an
	// operation that is not a list.
	items string
}

// newOperation reads the parameter names out of the path template once.
// Its envelope is the key under which a 200 answer carries the resource.
func newOperation(id, method, path string, envelope ...string) *operation {
	op := &operation{id: id, method: method, path: path, name: method + " " + path, envelope: envelope}
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

// newList describes a paged list whose answer holds its items under
// items, beside "meta".
func newList(id, method, path, items string) *operation {
	op := newOperation(id, method, path, items, "meta")
	op.items = items
	return op
}

// mayBeNull marks o's envelope as one that may hold null, as long as its
// key is there: a proxy's {} is still not taken for "nothing".
func (o *operation) mayBeNull() *operation {
	o.nullEnvelope = true
	return o
}

// notRepeatable marks o as an operation that must not reach Lago twice.
func (o *operation) notRepeatable() *operation {
	o.once = true
	return o
}

func (o *operation) String() string { return o.name }

var (
	opCreateCustomer      = newOperation("createCustomer", http.MethodPost, "/customers", "customer")
	opListCustomers       = newList("findAllCustomers", http.MethodGet, "/customers", "customers")
	opGetCustomer         = newOperation("findCustomer", http.MethodGet, "/customers/{external_customer_id}", "customer")
	opDeleteCustomer      = newOperation("destroyCustomer", http.MethodDelete, "/customers/{external_customer_id}", "customer")
	opListAppliedCoupons  = newList("findAllCustomerAppliedCoupons", http.MethodGet, "/customers/{external_customer_id}/applied_coupons", "applied_coupons")
	opDeleteAppliedCoupon = newOperation("deleteAppliedCoupon", http.MethodDelete, "/customers/{external_customer_id}/applied_coupons/{applied_coupon_id}", "applied_coupon")
	opGenerateCheckoutURL = newOperation("generateCustomerCheckoutURL", http.MethodPost, "/customers/{external_customer_id}/checkout_url", "customer")
	opGetCurrentUsage     = newOperation("findCustomerCurrentUsage", http.MethodGet, "/customers/{external_customer_id}/current_usage", "customer_usage")
	opListPastUsage       = newList("findAllCustomerPastUsage", http.MethodGet, "/customers/{external_customer_id}/past_usage", "usage_periods")
	opGetProjectedUsage   = newOperation("findCustomerProjectedUsage", http.MethodGet, "/customers/{external_customer_id}/projected_usage", "customer_projected_usage")
	opGetPortalURL        = newOperation("getCustomerPortalUrl", http.MethodGet, "/customers/{external_customer_id}/portal_url", "customer")
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
