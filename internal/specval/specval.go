// Package specval checks HTTP requests and responses against lago-go's
// OpenAPI description (package openapi) with kin-openapi. The fake Lago in
// package lagotest and the project's end-to-end tests share it, so both hold
// the client and the server to the same contract.
//
// Beyond what kin-openapi checks, it refuses query parameters the operation
// does not declare, checks the bearer token itself, and validates the uuid
// format.
package specval

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// ErrNoRoute means no operation of the spec matches the request's method and
// path. Lago answers such requests 404 without a code.
var ErrNoRoute = errors.New("no operation matches this method and path")

// ErrUnauthorized means the request lacks "Authorization: Bearer <key>" with
// the expected key.
var ErrUnauthorized = errors.New("missing or wrong bearer API key")

// Violation is one way a request or response breaks the spec.
type Violation struct {
	// In is where the problem is: "query", "path", "header" or "body".
	In string
	// Field names the parameter, or the dotted path of a body field
	// ("customer.billing_configuration.payment_provider"); empty when the
	// problem is the whole body.
	Field string
	// Reason says what is wrong, in kin-openapi's words.
	Reason string
}

// String reads like "query page: number must be at least 1".
func (v Violation) String() string {
	if v.Field == "" {
		return v.In + ": " + v.Reason
	}
	return v.In + " " + v.Field + ": " + v.Reason
}

// Error lists every violation found in one request or response.
type Error struct {
	// Violations are in the order kin-openapi found them, undeclared query
	// parameters first.
	Violations []Violation
}

// Error joins the violations into one line.
func (e *Error) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	return "spec violation: " + strings.Join(parts, "; ")
}

// Match is a request that passed validation, ready for its response to be
// checked.
type Match struct {
	// OperationID is Lago's operationId, e.g. findCustomer.
	OperationID string
	// PathParams holds the path parameters, percent-decoded.
	PathParams map[string]string
	// Query is the request's query, parsed once for every check; callers
	// must not change it.
	Query url.Values

	input *openapi3filter.RequestValidationInput
}

// Validator checks exchanges with an API mounted under one base path. It is
// safe for concurrent use.
type Validator struct {
	router routers.Router
	opts   *openapi3filter.Options
	// quickOpts are opts without the body, which the fast check reads.
	quickOpts *openapi3filter.Options
	fast      *compiler
	// noSecurity maps an operation to its copy without security
	// requirements, or to nil (see withoutSecurity).
	noSecurity sync.Map
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Validator{}
)

// New returns the Validator for the API served under basePath (for example
// "/api/v1"). Loading the spec dominates the cost of a validator, so there
// is one per base path for the whole process.
func New(ctx context.Context, basePath string) (*Validator, error) {
	basePath = strings.TrimSuffix(basePath, "/")
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if v, ok := cache[basePath]; ok {
		return v, nil
	}
	doc, err := loadBuilt(ctx)
	if err != nil {
		return nil, err
	}
	// A relative server URL matches any host, so the loopback address of a
	// test server routes like api.getlago.com.
	doc.Servers = openapi3.Servers{{URL: basePath}}
	// The routes without gorilla/mux's regular expressions where the spec
	// allows it; gorillamux's router, which costs some milliseconds to
	// build, only where it does not.
	var router routers.Router
	if paths := newPathRouter(doc, basePath); paths != nil {
		router = paths
	} else if router, err = gorillamux.NewRouter(doc); err != nil {
		return nil, fmt.Errorf("specval: build router: %w", err)
	}
	quick := options()
	quick.ExcludeRequestBody = true
	v := &Validator{router: router, opts: options(), quickOpts: quick, fast: newCompiler(uuidFormat)}
	cache[basePath] = v
	return v, nil
}

var uuidFormat = openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562)

// options are kin-openapi's options for every check; one value serves every
// request, since kin-openapi only reads them.
func options() *openapi3filter.Options {
	return &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		SkipSettingDefaults:   true,
		// The bearer token is checked before kin-openapi runs.
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.EnableFormatValidation(),
			openapi3.WithStringFormatValidator("uuid", uuidFormat),
			openapi3.DisableSchemaErrorDetails(),
		},
	}
}

// Request checks r against the spec in the order Lago does: the route,
// then the bearer key (which must be apiKey), then path and query
// parameters (undeclared ones included) and the body. It returns
// ErrNoRoute, ErrUnauthorized, or an *Error listing the violations with the
// Match.
//
// The caller has read the body, body, and r.Body reads the same bytes
// again: the fast check reads body, and kin-openapi, when the fast check
// leaves it a request, reads r.Body and puts it back.
func (v *Validator) Request(ctx context.Context, r *http.Request, body []byte, apiKey string) (*Match, error) {
	route, rawParams, err := v.router.FindRoute(r)
	if err != nil {
		return nil, ErrNoRoute
	}
	if r.Header.Get("Authorization") != "Bearer "+apiKey {
		return nil, ErrUnauthorized
	}
	params := make(map[string]string, len(rawParams))
	for name, raw := range rawParams {
		decoded, err := url.PathUnescape(raw)
		if err != nil {
			return nil, &Error{Violations: []Violation{{In: "path", Field: name, Reason: err.Error()}}}
		}
		params[name] = decoded
	}
	query := r.URL.Query()
	input := &openapi3filter.RequestValidationInput{
		Request:     r,
		PathParams:  rawParams,
		QueryParams: query,
		Route:       route,
		Options:     v.opts,
	}
	m := &Match{OperationID: route.Operation.OperationID, PathParams: params, Query: query, input: input}

	violations := undeclaredQuery(route, query)
	if err := v.validateRequest(ctx, input, body); err != nil {
		violations = append(violations, violationsOf(err)...)
	}
	if len(violations) > 0 {
		return m, &Error{Violations: violations}
	}
	return m, nil
}

// Response checks one response to a request that Request matched.
func (v *Validator) Response(ctx context.Context, m *Match, status int, header http.Header, body []byte) error {
	if v.responseAccepted(m.input, status, header, body) {
		return nil
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: m.input,
		Status:                 status,
		Header:                 header,
		Options:                m.input.Options,
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		return &Error{Violations: violationsOf(err)}
	}
	return nil
}

// undeclaredQuery lists query keys the operation does not declare. A
// deepObject parameter named p covers the keys p[...].
func undeclaredQuery(route *routers.Route, query url.Values) []Violation {
	declared := slices.Concat(route.PathItem.Parameters, route.Operation.Parameters)
	var out []Violation
	for key := range query {
		if !slices.ContainsFunc(declared, func(p *openapi3.ParameterRef) bool {
			return p.Value.In == openapi3.ParameterInQuery && declaresKey(p.Value, key)
		}) {
			out = append(out, Violation{In: "query", Field: key, Reason: "parameter is not declared for this operation"})
		}
	}
	slices.SortFunc(out, func(a, b Violation) int { return strings.Compare(a.Field, b.Field) })
	return out
}

func declaresKey(p *openapi3.Parameter, key string) bool {
	if p.Name == key {
		return true
	}
	return p.Style == openapi3.SerializationDeepObject &&
		strings.HasPrefix(key, p.Name+"[") && strings.HasSuffix(key, "]")
}

// violationsOf flattens kin-openapi's errors into Violations. It looks at
// concrete types before unwrapping, because a *RequestError for a
// parameter wraps a MultiError of schema errors and only the outer error
// names the parameter.
func violationsOf(err error) []Violation {
	// errors.As would find the MultiError inside a *RequestError first and
	// lose the parameter's name: only the outermost type counts here.
	switch e := err.(type) { //nolint:errorlint // The outermost concrete type is wanted, not one found by unwrapping.
	case openapi3.MultiError:
		var out []Violation
		for _, inner := range e {
			out = append(out, violationsOf(inner)...)
		}
		return out
	case *openapi3filter.RequestError:
		if e.Parameter != nil {
			return []Violation{{In: e.Parameter.In, Field: e.Parameter.Name, Reason: reasonOf(e.Err, e.Reason)}}
		}
		if nested := schemaViolations("body", e.Err); len(nested) > 0 {
			return nested
		}
		return []Violation{{In: "body", Reason: reasonOf(e.Err, e.Reason)}}
	case *openapi3filter.ResponseError:
		if nested := schemaViolations("body", e.Err); len(nested) > 0 {
			return nested
		}
		return []Violation{{In: "response", Reason: reasonOf(e.Err, e.Reason)}}
	}
	if nested := schemaViolations("body", err); len(nested) > 0 {
		return nested
	}
	return []Violation{{In: "request", Reason: err.Error()}}
}

func schemaViolations(in string, err error) []Violation {
	var multi openapi3.MultiError
	if errors.As(err, &multi) {
		var out []Violation
		for _, e := range multi {
			out = append(out, schemaViolations(in, e)...)
		}
		return out
	}
	var schemaErr *openapi3.SchemaError
	if errors.As(err, &schemaErr) {
		return []Violation{{In: in, Field: strings.Join(schemaErr.JSONPointer(), "."), Reason: schemaErr.Reason}}
	}
	return nil
}

func reasonOf(err error, fallback string) string {
	var schemaErr *openapi3.SchemaError
	if errors.As(err, &schemaErr) {
		return schemaErr.Reason
	}
	if err != nil {
		return err.Error()
	}
	return fallback
}
