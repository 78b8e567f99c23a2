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

// validateRequest is openapi3filter.ValidateRequest, with the body of an
// operation that has one checked by the fast check when it can.
func (v *Validator) validateRequest(ctx context.Context, input *openapi3filter.RequestValidationInput) error {
	body := input.Route.Operation.RequestBody
	if body == nil || body.Value == nil {
		return openapi3filter.ValidateRequest(ctx, input)
	}
	data, err := readBody(input.Request)
	if err != nil {
		return openapi3filter.ValidateRequest(ctx, input)
	}
	withoutBody := *input.Options
	withoutBody.ExcludeRequestBody = true
	quick := *input
	quick.Options = &withoutBody
	if openapi3filter.ValidateRequest(ctx, &quick) == nil && v.bodyAccepted(body.Value.Content, input.Request.Header, data) {
		return nil
	}
	return openapi3filter.ValidateRequest(ctx, input)
}

// readBody reads r's body and puts it back, as kin-openapi does.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	data, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("specval: read the body: %w", err)
	}
	return data, nil
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
