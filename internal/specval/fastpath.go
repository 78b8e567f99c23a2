package specval

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
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
func (v *Validator) validateRequest(ctx context.Context, input *openapi3filter.RequestValidationInput, data []byte) error {
	if v.quickRequest(ctx, input, data) {
		return nil
	}
	return openapi3filter.ValidateRequest(ctx, input)
}

func (v *Validator) quickRequest(ctx context.Context, input *openapi3filter.RequestValidationInput, data []byte) bool {
	route := *input.Route
	op := v.withoutSecurity(route.Operation, route.Spec)
	if op != nil {
		route.Operation = op
	}
	if op == nil || !v.paramsAccepted(input) {
		quick := *input
		quick.Route = &route
		quick.Options = v.quickOpts
		if openapi3filter.ValidateRequest(ctx, &quick) != nil {
			return false
		}
	}
	body := input.Route.Operation.RequestBody
	if body == nil {
		return true
	}
	if body.Value == nil {
		return false
	}
	return v.bodyAccepted(body.Value.Content, input.Request.Header, data)
}

// paramsAccepted reports whether kin-openapi's check of the parameters
// cannot fail, without running it: the request has no query, and each
// parameter the operation declares is one whose every value passes (a path
// parameter of plain string schema, present) or an optional one in the
// query. Its parameter decoding and schema visit cost a dozen allocations
// for a customer's id, which can only pass. False leaves the check to
// kin-openapi.
func (v *Validator) paramsAccepted(input *openapi3filter.RequestValidationInput) bool {
	if len(input.QueryParams) > 0 || input.Request.URL.RawQuery != "" {
		return false
	}
	params, ok := v.plainParams(input.Route)
	if !ok {
		return false
	}
	for _, name := range params {
		if input.PathParams[name] == "" {
			return false
		}
	}
	return true
}

// plainParams returns the path parameters of the route's operation and
// true when every parameter it declares is a path parameter of plain
// string schema or an optional query parameter; false otherwise. It caches
// the result per operation.
func (v *Validator) plainParams(route *routers.Route) ([]string, bool) {
	if cached, ok := plainCache.Load(route.Operation); ok {
		p := cached.(plainParamsOf)
		return p.path, p.ok
	}
	var p plainParamsOf
	p.ok = true
	// The parameters kin-openapi checks: the path item's, unless the
	// operation overrides them, and the operation's.
	var all []*openapi3.Parameter
	for _, ref := range route.PathItem.Parameters {
		if route.Operation.Parameters != nil && route.Operation.Parameters.GetByInAndName(ref.Value.In, ref.Value.Name) != nil {
			continue
		}
		all = append(all, ref.Value)
	}
	for _, ref := range route.Operation.Parameters {
		all = append(all, ref.Value)
	}
	for _, param := range all {
		switch {
		case param == nil:
			p.ok = false
		case param.In == openapi3.ParameterInQuery && !param.Required:
		case param.In == openapi3.ParameterInPath && plainStringParam(param):
			p.path = append(p.path, param.Name)
		default:
			p.ok = false
		}
	}
	plainCache.Store(route.Operation, p)
	return p.path, p.ok
}

// plainCache holds plainParams's result per operation of every loaded
// document.
var plainCache sync.Map

type plainParamsOf struct {
	path []string
	ok   bool
}

// plainStringParam reports whether every non-empty value of the path
// parameter passes kin-openapi's check: the simple style, which takes the
// segment as it is, and a schema that says "type: string" and nothing
// else that constrains a string (anything it does not know counts as a
// constraint).
func plainStringParam(param *openapi3.Parameter) bool {
	if param.Content != nil || param.Schema == nil || param.Schema.Value == nil || param.AllowEmptyValue {
		return false
	}
	if param.Style != "" && param.Style != openapi3.SerializationSimple {
		return false
	}
	s := *param.Schema.Value
	if !s.Type.Is(openapi3.TypeString) {
		return false
	}
	// What only documents the schema, or does not apply to a string
	// that is present.
	s.Extensions, s.Origin, s.Title, s.Description, s.Comment = nil, nil, "", "", ""
	s.Example, s.Examples, s.ExternalDocs, s.Deprecated = nil, nil, nil, false
	s.Default, s.Nullable = nil, false
	return reflect.DeepEqual(s, openapi3.Schema{Type: s.Type})
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
