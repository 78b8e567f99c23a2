package lago

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// Sentinels that errors.Is matches against an *Error, by HTTP status. Their
// texts are short because they appear inside longer messages that already
// start with "lago: ".
var (
	ErrBadRequest   = errors.New("bad request")             // 400
	ErrUnauthorized = errors.New("unauthorized")            // 401: missing, unknown or expired API key
	ErrForbidden    = errors.New("forbidden")               // 403: the key may not do this, or the feature is off
	ErrNotFound     = errors.New("not found")               // 404
	ErrNotAllowed   = errors.New("not allowed")             // 405: e.g. no_active_subscription on usage
	ErrValidation   = errors.New("validation failed")       // 422: see Error.Details
	ErrRateLimited  = errors.New("rate limited")            // 429
	ErrServer       = errors.New("server error")            // 5xx
	ErrBadResponse  = errors.New("response cannot be read") // a 2xx response that does not decode
	ErrRedirected   = errors.New("redirect not followed")   // 3xx: see Error.Location
)

// ErrInvalidArgument is matched by errors.Is for a call refused before any
// request is sent, such as an empty or dot-only id.
var ErrInvalidArgument = errors.New("invalid argument")

// Error is the error every method returns when Lago answers with a status
// other than 2xx, or with a 2xx body that cannot be decoded. Match it with
// errors.Is against the sentinels above, or get at its fields with
// errors.As.
type Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is Lago's machine-readable reason, e.g. "customer_not_found" or
	// "validation_errors"; empty when the body had none.
	Code string
	// Message is Lago's human-readable reason (the "error" key of its
	// body), e.g. "Not Found"; empty when the body was not Lago's JSON.
	Message string
	// Details maps each field to its reasons, from error_details. Nested
	// reasons (list filters) are flattened to dotted keys such as
	// "countries.0" or "metadata.tier".
	Details map[string][]string
	// Operation names the call: its method and path template, e.g.
	// "GET /customers/{external_customer_id}".
	Operation string
	// OperationID is Lago's name for the operation, e.g. "findCustomer".
	OperationID string
	// Body is the start of the raw response body, for bodies that were not
	// Lago's JSON (a proxy's HTML page, say).
	Body []byte
	// RetryAfter is how long the server asked the client to wait, from
	// Retry-After or X-RateLimit-Reset; zero when it gave no hint. It is
	// set on 429 responses and on any other response carrying such a header.
	RetryAfter time.Duration
	// Location is, for a redirect the Client did not follow (see
	// NewClient), the origin it pointed to, such as
	// "https://lago.example.com": never its path or query. Empty when the
	// response had no usable Location header.
	Location string
	// RequestID is the response's X-Request-Id header, which Lago support
	// asks for; empty when there was none.
	RequestID string
	// Header holds the response's headers, with the API key and the call's
	// ids scrubbed from their values.
	Header http.Header

	cause error
}

// Error reads like "lago: GET /customers/{external_customer_id}: 404
// customer_not_found", with field details appended for validation errors.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("lago: ")
	b.WriteString(e.Operation)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	b.WriteString(" ")
	switch {
	case e.StatusCode >= 300 && e.StatusCode <= 399:
		b.WriteString("redirect")
		if e.Location != "" {
			b.WriteString(" to ")
			b.WriteString(e.Location)
		}
		b.WriteString(" not followed")
	case e.Code != "":
		b.WriteString(e.Code)
	case e.Message != "":
		b.WriteString(e.Message)
	default:
		b.WriteString(http.StatusText(e.StatusCode))
	}
	if len(e.Details) > 0 {
		b.WriteString(" (")
		for i, field := range slices.Sorted(maps.Keys(e.Details)) {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(field)
			b.WriteString(": ")
			b.WriteString(strings.Join(e.Details[field], ", "))
		}
		b.WriteString(")")
	}
	if e.cause != nil {
		b.WriteString(": ")
		b.WriteString(e.cause.Error())
	}
	return b.String()
}

// Unwrap returns what made a 2xx response unreadable, if anything.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether target is the sentinel for e's status.
func (e *Error) Is(target error) bool {
	s := e.StatusCode
	switch target {
	case ErrBadRequest:
		return s == http.StatusBadRequest
	case ErrUnauthorized:
		return s == http.StatusUnauthorized
	case ErrForbidden:
		return s == http.StatusForbidden
	case ErrNotFound:
		return s == http.StatusNotFound
	case ErrNotAllowed:
		return s == http.StatusMethodNotAllowed
	case ErrValidation:
		return s == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return s == http.StatusTooManyRequests
	case ErrServer:
		return s >= 500 && s <= 599
	case ErrBadResponse:
		return s >= 200 && s <= 299
	case ErrRedirected:
		return s >= 300 && s <= 399
	}
	return false
}

// apiError builds the error for a non-2xx response from the first bytes of
// its body. Every text the server sent is scrubbed of the API key and the
// call's values, in case a proxy or server echoes the request back, and
// Body is cut to errorBodyLimit after scrubbing.
func (c *Client) apiError(op *operation, sc scrubber, rsp *http.Response, body []byte) *Error {
	e := c.responseError(op, sc, rsp)
	if e.StatusCode >= 300 && e.StatusCode <= 399 {
		e.Location = sc.text(redirectOrigin(rsp))
		return e
	}
	var lago gen.APIError
	if json.Unmarshal(body, &lago) == nil {
		if lago.Code != nil {
			e.Code = sc.text(*lago.Code)
		}
		e.Message = sc.text(lago.Error)
		if len(lago.ErrorDetails) > 0 {
			e.Details = scrubDetails(sc, flattenDetails(lago.ErrorDetails))
		}
	}
	if e.Body = sc.bytes(body); len(e.Body) > errorBodyLimit {
		e.Body = e.Body[:errorBodyLimit]
	}
	return e
}

func scrubDetails(sc scrubber, d map[string][]string) map[string][]string {
	for k, reasons := range d {
		for i := range reasons {
			reasons[i] = sc.text(reasons[i])
		}
		if clean := sc.text(k); clean != k {
			delete(d, k)
			d[clean] = reasons
		}
	}
	return d
}

// badResponse builds the error for a 2xx response that cannot be read.
func (c *Client) badResponse(op *operation, sc scrubber, rsp *http.Response, cause error) *Error {
	e := c.responseError(op, sc, rsp)
	e.cause = fmt.Errorf("invalid response body: %w", decodeProblem(sc, cause))
	return e
}

// responseError is what every *Error for a response carries.
func (c *Client) responseError(op *operation, sc scrubber, rsp *http.Response) *Error {
	e := &Error{
		StatusCode:  rsp.StatusCode,
		Operation:   op.String(),
		OperationID: op.id,
		Header:      scrubHeader(sc, rsp.Header),
	}
	e.RequestID = e.Header.Get("X-Request-Id")
	e.RetryAfter, _ = serverHint(rsp.Header, c.now())
	return e
}

func scrubHeader(sc scrubber, h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		clean := make([]string, len(vs))
		for i, v := range vs {
			clean[i] = sc.text(v)
		}
		out[sc.text(k)] = clean
	}
	return out
}

// decodeProblem describes why a body does not decode without quoting the
// body: encoding/json quotes a number it cannot store, time.Parse quotes
// the text it cannot parse, and either may be an echoed key or a
// customer's data. The causes a caller may test for (a *json.SyntaxError,
// io.ErrUnexpectedEOF, the size limit) stay reachable with errors.As and
// errors.Is.
func decodeProblem(sc scrubber, err error) error {
	var typeErr *json.UnmarshalTypeError
	var timeErr *time.ParseError
	switch {
	case errors.As(err, &typeErr):
		kind, _, _ := strings.Cut(typeErr.Value, " ")
		field := typeErr.Field
		if typeErr.Struct != "" {
			field = typeErr.Struct + "." + field
		}
		return fmt.Errorf("json: cannot unmarshal %s into Go struct field %s of type %s", kind, field, typeErr.Type)
	case errors.As(err, &timeErr):
		return fmt.Errorf("a date or time does not match the layout %q", timeErr.Layout)
	}
	return &wrapped{msg: sc.text(err.Error()), err: err}
}

// flattenDetails turns error_details into field -> reasons. Lago sends
// {"field": ["code", ...]} for model validation, nests objects for list
// filters ({"countries": {"0": [...]}}), and plain strings for provider
// errors; all become lists under dotted keys.
func flattenDetails(raw json.RawMessage) map[string][]string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil
	}
	out := map[string][]string{}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				if key != "" {
					k = key + "." + k
				}
				walk(k, sub)
			}
		case []any:
			for i, sub := range v {
				if s, ok := sub.(string); ok {
					out[key] = append(out[key], s)
				} else {
					walk(key+"."+strconv.Itoa(i), sub)
				}
			}
		case nil:
		case string:
			out[key] = append(out[key], v)
		default:
			out[key] = append(out[key], fmt.Sprint(v))
		}
	}
	walk("", v)
	if len(out) == 0 {
		return nil
	}
	return out
}
