package specval

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// paramsAccepted says yes only where kin-openapi's check of the
// parameters passes, on every operation of the spec with ids of every
// shape; and it does say yes for the customer's id.
func TestParamsAcceptedOnlyWhatKinAccepts(t *testing.T) {
	v, err := New(t.Context(), "/api/v1")
	require.NoError(t, err)
	doc, err := Load(t.Context())
	require.NoError(t, err)
	ids := []string{"acme", "a%2Fb", "john@acme%2Ecom", "%C3%A9t%C3%A9", "x%20y", "%ZZ", "550e8400-e29b-41d4-a716-446655440000", "-1", "0", "null", "true", strings.Repeat("z", 300)}
	accepted := map[string]bool{}
	for _, p := range doc.Paths.InMatchingOrder() {
		for _, id := range ids {
			filled := p
			for strings.Contains(filled, "{") {
				i, j := strings.Index(filled, "{"), strings.Index(filled, "}")
				filled = filled[:i] + id + filled[j+1:]
			}
			for _, query := range []string{"", "?page=2", "?"} {
				for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
					req := httptest.NewRequest(method, "/", nil)
					u, err := req.URL.Parse("/api/v1" + filled + query)
					if err != nil {
						continue
					}
					req.URL = u
					route, rawParams, err := v.router.FindRoute(req)
					if err != nil {
						continue
					}
					input := &openapi3filter.RequestValidationInput{
						Request: req, PathParams: rawParams, QueryParams: req.URL.Query(), Route: route, Options: v.quickOpts,
					}
					if !v.paramsAccepted(input) {
						continue
					}
					accepted[route.Operation.OperationID] = true
					quickRoute := *route
					if op := v.withoutSecurity(route.Operation, route.Spec); op != nil {
						quickRoute.Operation = op
					}
					input.Route = &quickRoute
					assert.NoError(t, openapi3filter.ValidateRequest(t.Context(), input), "%s %s", method, filled+query)
				}
			}
		}
	}
	assert.True(t, accepted["findCustomer"], "the fast path never served findCustomer")
	assert.True(t, accepted["createCustomer"], "the fast path never served createCustomer")
}

func TestPlainStringParamRefusesConstraints(t *testing.T) {
	doc, err := Load(t.Context())
	require.NoError(t, err)
	plain, constrained := 0, 0
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, ref := range append(item.Parameters, op.Parameters...) {
				p := ref.Value
				if p.In != "path" {
					continue
				}
				if plainStringParam(p) {
					plain++
					s := p.Schema.Value
					assert.Empty(t, s.Format, p.Name)
					assert.Empty(t, s.Pattern, p.Name)
					assert.Empty(t, s.Enum, p.Name)
				} else {
					constrained++
				}
			}
		}
	}
	assert.Positive(t, plain)
	t.Logf("%d plain path parameters, %d others", plain, constrained)
}

func TestPlainStringParamCases(t *testing.T) {
	str := func(edit func(*openapi3.Schema)) *openapi3.Parameter {
		s := openapi3.NewStringSchema()
		s.Description = "documented"
		edit(s)
		return &openapi3.Parameter{Name: "id", In: "path", Required: true, Schema: s.NewRef()}
	}
	one := uint64(1)
	tests := []struct {
		name  string
		param *openapi3.Parameter
		want  bool
	}{
		{name: "plain", param: str(func(*openapi3.Schema) {}), want: true},
		{name: "format", param: str(func(s *openapi3.Schema) { s.Format = "uuid" })},
		{name: "pattern", param: str(func(s *openapi3.Schema) { s.Pattern = "^a" })},
		{name: "enum", param: str(func(s *openapi3.Schema) { s.Enum = []any{"a"} })},
		{name: "const", param: str(func(s *openapi3.Schema) { s.Const = "a" })},
		{name: "min length", param: str(func(s *openapi3.Schema) { s.MinLength = 1 })},
		{name: "max length", param: str(func(s *openapi3.Schema) { s.MaxLength = &one })},
		{name: "integer", param: str(func(s *openapi3.Schema) { s.Type = &openapi3.Types{"integer"} })},
		{name: "two types", param: str(func(s *openapi3.Schema) { s.Type = &openapi3.Types{"string", "null"} })},
		{name: "read only", param: str(func(s *openapi3.Schema) { s.ReadOnly = true })},
		{name: "label style", param: func() *openapi3.Parameter {
			p := str(func(*openapi3.Schema) {})
			p.Style = openapi3.SerializationLabel
			return p
		}()},
		{name: "content", param: &openapi3.Parameter{Name: "id", In: "path", Content: openapi3.NewContentWithJSONSchema(openapi3.NewStringSchema())}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, plainStringParam(tt.param))
		})
	}
}
