package lagotest

import (
	"encoding/json"
	"errors"
	"maps"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/lagoclient/lago-go/internal/specval"
)

// undeclaredReason is how specval describes a query parameter the
// operation does not declare.
const undeclaredReason = "parameter is not declared for this operation"

// answersValidation lists the operations whose spec declares a 422. The
// others get a 400 for a malformed parameter, so that the response stays
// within the spec.
var answersValidation = map[string]bool{
	OpCreateCustomer:      true,
	OpListCustomers:       true,
	OpGenerateCheckoutURL: true,
	OpGetCurrentUsage:     true,
	OpListPastUsage:       true,
	OpGetProjectedUsage:   true,

	OpCreateWallet:          true,
	OpUpdateWallet:          true,
	OpTerminateWallet:       true,
	OpReplaceWalletMetadata: true,
	OpMergeWalletMetadata:   true,
	OpDeleteWalletMetadata:  true,
	OpCreateWalletAlert:     true,
	OpUpdateWalletAlert:     true,
	OpListInvoices:          true,
	OpListPayments:          true,
}

// specResponse turns what specval found wrong with a request into the response
// Lago gives, and reports whether there is one. It leaves to the handlers
// the violations that Lago answers in its own words (see ownedByHandler).
func specResponse(r *http.Request, body []byte, m *specval.Match, err error) (response, bool) {
	var verr *specval.Error
	if m != nil && (err == nil || errors.As(err, &verr)) {
		if rep, bad := walletRootProblem(m.OperationID, r, body); bad {
			return rep, true
		}
	}
	switch {
	case err == nil:
		return response{}, false
	case errors.Is(err, specval.ErrNoRoute):
		return errorResponse(http.StatusNotFound, "", ""), true
	case errors.Is(err, specval.ErrUnauthorized):
		return errorResponse(http.StatusUnauthorized, "", ""), true
	case !errors.As(err, &verr) || m == nil:
		return badRequest(err.Error()), true
	}
	op := m.OperationID

	var unknown []string
	for _, v := range verr.Violations {
		if v.In == "query" && v.Reason == undeclaredReason {
			unknown = append(unknown, v.Field)
		}
	}
	if len(unknown) > 0 {
		return badRequest("unknown query parameters: " + strings.Join(unknown, ", ")), true
	}
	if op == OpCreateCustomer {
		if rep, bad := rootProblem(r, body, "customer"); bad {
			return rep, true
		}
	}

	details := fieldErrors{}
	for _, v := range verr.Violations {
		if !ownedByHandler(op, v) {
			details.add(fieldOf(v), v.Reason)
		}
	}
	switch {
	case len(details) == 0:
		return response{}, false
	case answersValidation[op]:
		return validationFailed(details), true
	}
	parts := make([]string, 0, len(details))
	for _, field := range slices.Sorted(maps.Keys(details)) {
		parts = append(parts, field+": "+strings.Join(details[field], ", "))
	}
	return badRequest("invalid parameters: " + strings.Join(parts, "; ")), true
}

// rootProblem finds what makes Rails refuse a body before Lago sees it: no
// JSON body, or no non-empty object under key (such as "customer") in it.
// Rails answers the first with a parse error and the rest with a missing
// parameter.
func rootProblem(r *http.Request, body []byte, key string) (response, bool) {
	missing := badRequest("param is missing or the value is empty or invalid: " + key)
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if media != "application/json" || len(strings.TrimSpace(string(body))) == 0 {
		// Rails parses only JSON bodies, so the parameter is missing.
		return missing, true
	}
	if err := json.Unmarshal(body, new(any)); err != nil {
		return badRequest("the body is not valid JSON: " + err.Error()), true
	}
	var root map[string]json.RawMessage
	var object map[string]json.RawMessage
	if json.Unmarshal(body, &root) != nil || json.Unmarshal(root[key], &object) != nil || len(object) == 0 {
		return missing, true
	}
	return response{}, false
}

// ownedByHandler reports whether a violation is one Lago answers in its
// own way, which the handler then does: Lago's codes for the customer
// fields, its messages for list filters, the status filter it ignores,
// and the 405 or 422 for a missing subscription on usage.
func ownedByHandler(op string, v specval.Violation) bool {
	has := func(prefix string) bool { return strings.HasPrefix(v.Reason, prefix) }
	switch op {
	case OpCreateCustomer:
		if v.In != "body" {
			return false
		}
		switch v.Field {
		case "customer.external_id":
			return has(`property "external_id" is missing`) || has("Value is not nullable")
		case "customer.name":
			return has("maximum string length")
		case "customer.net_payment_term", "customer.billing_configuration.invoice_grace_period":
			return has("number must be at least")
		case "customer.metadata":
			return has("maximum number of items")
		case "customer.finalize_zero_amount_invoice":
			return has("value is not one of the allowed values")
		}
	case OpListCustomers:
		return v.In == "query" && slices.Contains([]string{"account_type[]", "customer_type", "has_customer_type", "has_tax_identification_number"}, v.Field)
	case OpListAppliedCoupons:
		return v.In == "query" && v.Field == "status"
	case OpListInvoices:
		// The contract's sentences for the strict filters; the lenient
		// ones (invoice types match nothing, settlements are dropped,
		// payment_dispute_lost is never cast) are read by the handler.
		return v.In == "query" && slices.Contains([]string{"status", "status[]", "statuses", "statuses[]",
			"payment_status", "payment_status[]", "payment_statuses", "payment_statuses[]",
			"payment_overdue", "self_billed", "partially_paid", "payment_dispute_lost",
			"invoice_type", "invoice_type[]", "settlements", "settlements[]"}, v.Field)
	case OpListPayments:
		return v.In == "query" && v.Field == "invoice_id"
	case OpListCreditNotes:
		// Unknown values are dropped; self_billed is cast, never refused.
		return v.In == "query" && slices.Contains([]string{"reason", "reason[]", "credit_status", "credit_status[]",
			"refund_status", "refund_status[]", "types", "types[]", "self_billed"}, v.Field)
	case OpListPaymentRequests:
		// Not checked: an unknown status matches nothing.
		return v.In == "query" && v.Field == "payment_status"
	case OpListSubscriptions:
		// One unknown status drops the whole filter.
		return v.In == "query" && slices.Contains([]string{"status[]", "overridden"}, v.Field)
	case OpGetCurrentUsage, OpGetProjectedUsage, OpListPastUsage:
		return v.In == "query" && v.Field == "external_subscription_id" && has("value is required but missing")
	}
	return ownedByWalletHandler(op, v)
}

// fieldOf names the field of a violation as Lago's error_details would:
// parameters by name, body fields without the "customer." root.
func fieldOf(v specval.Violation) string {
	if v.In != "body" {
		return v.Field
	}
	field := strings.TrimPrefix(strings.TrimPrefix(v.Field, "customer"), ".")
	if name, ok := unsupportedProperty(v.Reason); ok {
		field = strings.TrimPrefix(field+"."+name, ".")
	}
	if field == "" {
		return "base"
	}
	return field
}

var unsupported = regexp.MustCompile(`^property "([^"]+)" is unsupported`)

// unsupportedProperty reads the name of an unknown key, which specval
// reports on the object that holds it.
func unsupportedProperty(reason string) (string, bool) {
	m := unsupported.FindStringSubmatch(reason)
	if m == nil {
		return "", false
	}
	return m[1], true
}
