package specval

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// The fast path: kin-openapi decodes a body into maps and slices and
// walks them, allocating as it goes, which made the checks most of
// lagotest's cost. A body the compiled fast check accepts (see node) is
// valid for kin-openapi too, so the check ends there; anything else goes
// through kin-openapi in full, which says what is wrong in its own words.
// The outcome is kin-openapi's in every case.

// validateRequest is openapi3filter.ValidateRequest, made cheaper for a
// request that is valid: kin-openapi checks the parameters, the fast
// check the body, and the security requirements are skipped where the
// spec alone makes them pass (the key is checked before, see Request).
// Anything short of a pass runs openapi3filter.ValidateRequest in full.
func (v *Validator) validateRequest(ctx context.Context, input *openapi3filter.RequestValidationInput) error {
	if v.quickRequest(ctx, input) {
		return nil
	}
	return openapi3filter.ValidateRequest(ctx, input)
}

func (v *Validator) quickRequest(ctx context.Context, input *openapi3filter.RequestValidationInput) bool {
	route := *input.Route
	if op := v.withoutSecurity(route.Operation, route.Spec); op != nil {
		route.Operation = op
	}
	quick := *input
	quick.Route = &route
	quick.Options = v.quickOpts
	if openapi3filter.ValidateRequest(ctx, &quick) != nil {
		return false
	}
	body := input.Route.Operation.RequestBody
	if body == nil {
		return true
	}
	if body.Value == nil {
		return false
	}
	data, err := readBody(input.Request)
	return err == nil && v.bodyAccepted(body.Value.Content, input.Request.Header, data)
}

// withoutSecurity returns op without security requirements when, with
// NoopAuthenticationFunc, kin-openapi's check of them cannot fail: there
// are none, or one names only declared schemes. It returns nil otherwise.
func (v *Validator) withoutSecurity(op *openapi3.Operation, doc *openapi3.T) *openapi3.Operation {
	if cached, ok := v.noSecurity.Load(op); ok {
		return cached.(*openapi3.Operation)
	}
	reqs := op.Security
	if reqs == nil {
		reqs = &doc.Security
	}
	var out *openapi3.Operation
	if securityCannotFail(*reqs, doc) {
		c := *op
		c.Security = &openapi3.SecurityRequirements{}
		out = &c
	}
	v.noSecurity.Store(op, out)
	return out
}

func securityCannotFail(reqs openapi3.SecurityRequirements, doc *openapi3.T) bool {
	if len(reqs) == 0 {
		return true
	}
	for _, req := range reqs {
		declared := true
		for name := range req {
			if doc.Components == nil || doc.Components.SecuritySchemes[name] == nil || doc.Components.SecuritySchemes[name].Value == nil {
				declared = false
			}
		}
		if declared {
			return true
		}
	}
	return false
}

// readBody reads r's body and puts it back, as kin-openapi does.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	data, err := readAll(r)
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("specval: read the body: %w", err)
	}
	return data, nil
}

// maxPresized bounds the buffer readAll makes from a stated length.
const maxPresized = 1 << 20

// readAll is io.ReadAll of r's body, in one allocation when the request
// states its length: ReadAll starts small and grows, three allocations for
// a customer.
func readAll(r *http.Request) ([]byte, error) {
	n := r.ContentLength
	if n <= 0 || n > maxPresized {
		return io.ReadAll(r.Body)
	}
	var buf bytes.Buffer
	// ReadFrom wants MinRead bytes free before each read, the one that
	// finds the end included.
	buf.Grow(int(n) + bytes.MinRead)
	_, err := buf.ReadFrom(r.Body)
	return buf.Bytes(), err
}

// responseAccepted reports whether the fast check finds the response valid,
// following openapi3filter.ValidateResponse step by step; false sends it
// to kin-openapi.
func (v *Validator) responseAccepted(input *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) bool {
	if input.Request.Method == http.MethodHead {
		return false
	}
	responses := input.Route.Operation.Responses
	if responses.Len() == 0 {
		return false
	}
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return false
	}
	for name := range ref.Value.Headers {
		if name != "Content-Type" {
			// Declared headers are checked by kin-openapi.
			return false
		}
	}
	return v.bodyAccepted(ref.Value.Content, header, body)
}

// bodyAccepted reports whether body, sent with header, is a JSON body the
// fast check accepts as the schema content declares for its media type.
func (v *Validator) bodyAccepted(content openapi3.Content, header http.Header, body []byte) bool {
	if len(body) == 0 || len(content) == 0 {
		return false
	}
	contentType := header.Get("Content-Type")
	media := content.Get(contentType)
	if media == nil || media.Schema == nil || media.Schema.Value == nil || len(media.Encoding) > 0 {
		return false
	}
	mediaType, _, _ := strings.Cut(contentType, ";")
	if !strings.EqualFold(strings.TrimSpace(mediaType), "application/json") {
		return false
	}
	return v.fast.node(media.Schema.Value).accepts(body)
}
