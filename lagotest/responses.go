package lagotest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// Lago's codes for the errors the server answers.
const (
	codeValidation             = "validation_errors"
	codeCustomerNotFound       = "customer_not_found"
	codeResourceNotFound       = "resource_not_found"
	codeAppliedCouponNotFound  = "applied_coupon_not_found"
	codeBillingEntityNotFound  = "billing_entity_not_found"
	codeTaxNotFound            = "tax_not_found"
	codeChargeNotFound         = "charge_not_found"
	codeBillableMetricNotFound = "billable_metric_not_found"
	codeNoActiveSubscription   = "no_active_subscription"
	codeFullUsageNotAllowed    = "full_usage_not_allowed"
	codeProjectedUsageDisabled = "projected_usage_not_enabled"
)

// response is a response ready to send: status, JSON body and extra headers.
type response struct {
	status int
	body   []byte
	extra  http.Header
	// pooled is the buffer body was written into, from responseBuffers,
	// or nil; release returns it once the response is sent.
	pooled *[]byte
}

// responseBuffers holds the buffers customer responses are encoded into,
// which the server reuses once a response is written rather than leave one
// to the collector on every call.
var responseBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, responseBuffer)
	return &b
}}

// maxPooledResponse bounds the buffers put back, so that one huge response
// does not stay in the pool.
const maxPooledResponse = 64 << 10

// release returns the buffer of r to the pool; its body must not be used
// afterwards.
func (r *response) release() {
	if r.pooled == nil || cap(r.body) > maxPooledResponse {
		return
	}
	*r.pooled = r.body[:0]
	responseBuffers.Put(r.pooled)
	r.pooled, r.body = nil, nil
}

const jsonContentType = "application/json; charset=utf-8"

// header is every header the response is sent with. Lago answers JSON with
// an explicit charset, even on errors.
func (r response) header() http.Header {
	h := http.Header{"Content-Type": {jsonContentType}}
	for k, vs := range r.extra {
		h[k] = vs
	}
	return h
}

// plainHeader is the header of a response without extra headers, for the
// spec check, which only reads it.
var plainHeader = http.Header{"Content-Type": {jsonContentType}}

// checkedHeader is header, shared when it is plainHeader: for reading only.
func (r response) checkedHeader() http.Header {
	if len(r.extra) == 0 {
		return plainHeader
	}
	return r.header()
}

func writeResponse(w http.ResponseWriter, r response) {
	h := w.Header()
	h.Set("Content-Type", jsonContentType)
	for k, vs := range r.extra {
		h[k] = vs
	}
	h.Set("Content-Length", strconv.Itoa(len(r.body)))
	// Lago's Rails stack tags every response with a request id.
	h.Set("X-Request-Id", randomUUID())
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

// okResponse is a 200 with v as its body.
func okResponse(v any) response {
	return jsonResponse(http.StatusOK, v)
}

func jsonResponse(status int, v any) response {
	body, err := json.Marshal(v)
	if err != nil {
		// Only a bug in lagotest gets here; the self-check reports the
		// 500, which the spec does not declare.
		return errorResponse(http.StatusInternalServerError, "", "lagotest: encode the answer: "+err.Error())
	}
	return response{status: status, body: body}
}

// errorBody is the one shape of every Lago error, its keys in Lago's
// order.
type errorBody struct {
	Status       int    `json:"status"`
	Error        string `json:"error"`
	Code         string `json:"code,omitempty"`
	ErrorDetails any    `json:"error_details,omitempty"`
}

// errorResponse is a Lago error. An empty message stands for the status
// text, which is what Lago sends for every status but 400.
func errorResponse(status int, code, message string) response {
	if message == "" {
		message = http.StatusText(status)
	}
	return jsonResponse(status, errorBody{Status: status, Error: message, Code: code})
}

// notFound is Lago's 404 for a missing record; code names the record,
// e.g. customer_not_found.
func notFound(code string) response {
	return errorResponse(http.StatusNotFound, code, "")
}

// badRequest is Lago's 400, which has no code and prefixes its reason.
func badRequest(reason string) response {
	return errorResponse(http.StatusBadRequest, "", "BadRequest: "+reason)
}

// validationFailed is Lago's 422 validation_errors. Its details map each
// field to its reasons, or to an object of them for list filters.
func validationFailed(details any) response {
	return jsonResponse(http.StatusUnprocessableEntity, errorBody{
		Status:       http.StatusUnprocessableEntity,
		Error:        http.StatusText(http.StatusUnprocessableEntity),
		Code:         codeValidation,
		ErrorDetails: details,
	})
}

// fieldErrors gathers Lago's reasons per field, so one response lists every
// problem as Lago's model validation does.
type fieldErrors map[string][]string

func (f fieldErrors) add(field, reason string) {
	f[field] = append(f[field], reason)
}
