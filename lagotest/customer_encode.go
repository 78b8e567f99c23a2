package lagotest

import (
	"encoding/json"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// responseBuffer is the capacity of a new buffer of responseBuffers, enough
// for a customer with a few metadata, taxes and integrations.
const responseBuffer = 4096

// customerResponse is the 200 that GET, DELETE and POST answer with one
// customer: okResponse(customerEnvelope{d}), byte for byte, but encoded
// by gen's generated encoder of the customer rather than by encoding/json,
// which was the largest part of lagotest's own cost on these requests.
func customerResponse(d customerDetail) response {
	buf := responseBuffers.Get().(*[]byte)
	if body, ok := appendCustomerEnvelope((*buf)[:0], d); ok {
		return response{status: http.StatusOK, body: body, pooled: buf}
	}
	responseBuffers.Put(buf)
	return okResponse(customerEnvelope{d})
}

// appendCustomerEnvelope appends customerEnvelope{d} as json.Marshal
// writes it, and reports false where json.Marshal would fail.
//
// Package encoding/json writes the fields of the embedded gen.Customer in
// order, without the two that customerDetail's own fields hide, then those
// two: that is the customer without them (nil, which omitempty leaves
// out), its closing brace replaced by the two fields.
func appendCustomerEnvelope(b []byte, d customerDetail) ([]byte, bool) {
	c := d.Customer
	c.ApplicableInvoiceCustomSections, c.ErrorDetails = nil, nil
	b = append(b, `{"customer":`...)
	b, ok := gen.Codec.Append(b, &c)
	if !ok || b[len(b)-1] != '}' {
		return b, false
	}
	b = b[:len(b)-1]
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, `"applicable_invoice_custom_sections":`...)
	if b, ok = appendList(b, d.ApplicableInvoiceCustomSections); !ok {
		return b, false
	}
	b = append(b, `,"error_details":`...)
	if b, ok = appendList(b, d.ErrorDetails); !ok {
		return b, false
	}
	return append(b, "}}"...), true
}

// appendList appends a list as encoding/json writes it as a field: [] when
// it is empty, the common case, and json.Marshal's output otherwise.
func appendList[T any](b []byte, list []T) ([]byte, bool) {
	if list != nil && len(list) == 0 {
		return append(b, "[]"...), true
	}
	data, err := json.Marshal(list)
	if err != nil {
		return b, false
	}
	return append(b, data...), true
}
