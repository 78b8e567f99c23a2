package lago_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// The customer id and filter value every leak test sends: an email, as
// external ids often are.
const (
	leakyID     = "jane.doe@example.com"
	leakySearch = "Jane Doe Holdings"
)

// assertNoLeak fails when text holds the API key, any run of 8 or more of
// its characters, the customer id or the search term, raw or escaped.
func assertNoLeak(t *testing.T, what, text string) {
	t.Helper()
	for i := 0; i+8 <= len(apiKey); i++ {
		if strings.Contains(text, apiKey[i:i+8]) {
			t.Errorf("%s holds part of the API key (%q): %s", what, apiKey[i:i+8], text)
			return
		}
	}
	for _, v := range []string{leakyID, "jane.doe%40example.com", "jane%2Edoe@example%2Ecom", leakySearch, "Jane+Doe+Holdings", "Jane%20Doe%20Holdings"} {
		assert.NotContains(t, text, v, "%s holds a value the call sent", what)
	}
}

// assertErrorLeaksNothing checks the error's text and, for an *Error, every
// field a caller could log.
func assertErrorLeaksNothing(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	assertNoLeak(t, "err.Error()", err.Error())
	var lerr *lago.Error
	if errors.As(err, &lerr) {
		v := reflect.ValueOf(*lerr)
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			assertNoLeak(t, "Error."+v.Type().Field(i).Name, fmt.Sprintf("%v", v.Field(i).Interface()))
		}
		assertNoLeak(t, "Error.Body", string(lerr.Body))
	}
}

// leakyCalls make calls that carry the id in the path and the search term
// in the query.
var leakyCalls = map[string]func(ctx context.Context, c *lago.Client) error{
	"GetCustomer": func(ctx context.Context, c *lago.Client) error {
		_, err := c.GetCustomer(ctx, leakyID)
		return err
	},
	"ListCustomers": func(ctx context.Context, c *lago.Client) error {
		_, err := c.ListCustomers(ctx, &lago.ListCustomersOptions{SearchTerm: leakySearch})
		return err
	},
}

// echo answers status with a body that repeats everything it received: the
// URL, and the key, as a misconfigured proxy might.
func echo(status int, contentType string, body func(r *http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("X-Echo", r.Header.Get("Authorization")+" "+r.URL.String())
		w.Header().Set("X-Request-Id", "req-42")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body(r)))
	}
}

func TestNothingLeaksIntoErrorsOrLogs(t *testing.T) {
	type server func(t *testing.T) string // returns the base URL
	serve := func(h http.Handler) server {
		return func(t *testing.T) string {
			srv := httptest.NewServer(h)
			t.Cleanup(srv.Close)
			return srv.URL
		}
	}
	tests := []struct {
		name    string
		server  server
		timeout time.Duration
		check   func(t *testing.T, err error)
	}{
		{
			name: "connection refused",
			server: func(t *testing.T) string {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				require.NoError(t, err)
				addr := ln.Addr().String()
				require.NoError(t, ln.Close())
				return "http://" + addr
			},
			check: func(t *testing.T, err error) {
				assert.ErrorIs(t, err, syscall.ECONNREFUSED)
				var opErr *net.OpError
				assert.ErrorAs(t, err, &opErr)
			},
		},
		{
			name: "deadline before any answer",
			server: serve(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				<-r.Context().Done()
			})),
			timeout: 50 * time.Millisecond,
			check: func(t *testing.T, err error) {
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			},
		},
		{
			name: "error page echoing the request",
			server: serve(echo(http.StatusNotFound, "text/html", func(r *http.Request) string {
				return "<h1>Cannot " + r.Method + " " + r.URL.String() + "</h1> auth: " + r.Header.Get("Authorization")
			})),
			check: func(t *testing.T, err error) {
				var lerr *lago.Error
				require.ErrorAs(t, err, &lerr)
				assert.Equal(t, "req-42", lerr.RequestID)
				assert.Contains(t, string(lerr.Body), "[REDACTED]")
			},
		},
		{
			name: "Lago error body echoing the request",
			server: serve(echo(http.StatusUnprocessableEntity, "application/json", func(r *http.Request) string {
				return fmt.Sprintf(`{"status":422,"error":%q,"code":%q,"error_details":{%q:[%q]}}`,
					r.URL.String(), r.Header.Get("Authorization"), r.URL.Path, r.URL.Query().Get("search_term"))
			})),
			check: func(t *testing.T, err error) {
				require.ErrorIs(t, err, lago.ErrValidation)
			},
		},
		{
			name: "key straddling the cut of a long error body",
			server: serve(echo(http.StatusBadGateway, "text/plain", func(*http.Request) string {
				return strings.Repeat("x", 64<<10-10) + apiKey + strings.Repeat("y", 100)
			})),
			check: func(t *testing.T, err error) {
				var lerr *lago.Error
				require.ErrorAs(t, err, &lerr)
				assert.Len(t, lerr.Body, 64<<10)
			},
		},
		{
			name: "part of the key at the end of a short error body",
			server: serve(echo(http.StatusBadRequest, "text/plain", func(*http.Request) string {
				return "bad key " + apiKey[:12]
			})),
		},
		{
			name: "undecodable value echoing the key",
			server: serve(echo(http.StatusOK, "application/json", func(r *http.Request) string {
				if r.URL.Query().Has("search_term") {
					return `{"customers":[{"created_at":"` + apiKey + `"}],"meta":{}}`
				}
				return `{"customer":{"created_at":"` + apiKey + `","sequential_id":` + strings.Repeat("9", 40) + `}}`
			})),
			check: func(t *testing.T, err error) {
				require.ErrorIs(t, err, lago.ErrBadResponse)
			},
		},
		{
			name: "number too large, which encoding/json quotes",
			server: serve(echo(http.StatusOK, "application/json", func(*http.Request) string {
				return `{"customers":[{"sequential_id":31415926535897932384626}],"meta":{},"customer":{"sequential_id":31415926535897932384626}}`
			})),
			check: func(t *testing.T, err error) {
				require.ErrorIs(t, err, lago.ErrBadResponse)
				assert.Contains(t, err.Error(), "cannot unmarshal number into Go struct field")
				assert.NotContains(t, err.Error(), "31415926")
			},
		},
	}
	for _, tt := range tests {
		for callName, call := range leakyCalls {
			t.Run(tt.name+"/"+callName, func(t *testing.T) {
				logger, logs := debugLogger()
				c, err := lago.NewClient(apiKey, lago.WithBaseURL(tt.server(t)), lago.WithLogger(logger), lago.WithRetry(lago.NoRetry))
				require.NoError(t, err)
				err = call(contextWithin(t, tt.timeout), c)
				assertErrorLeaksNothing(t, err)
				if tt.check != nil {
					tt.check(t, err)
				}
				require.NotEmpty(t, logs.String())
				for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
					assertNoLeak(t, "log record", line)
				}
			})
		}
	}
}

// A base URL that holds the key by mistake is refused without quoting it.
func TestNewClientNeverQuotesTheBaseURL(t *testing.T) {
	for _, raw := range []string{
		"https://" + apiKey + "@lago.example.com/api/v1",
		"https://user:" + apiKey + "@lago.example.com/api/v1",
		"https://lago.example.com/api/v1?api_key=" + apiKey,
		"https://lago.example.com/api/v1#" + apiKey,
		"https://lago example.com/api/v1/" + apiKey,
		"ftp://lago.example.com/" + apiKey,
		"https://lago.example.com/%zz/" + apiKey,
	} {
		t.Run(raw[:12], func(t *testing.T) {
			_, err := lago.NewClient("k", lago.WithBaseURL(raw))
			require.ErrorIs(t, err, lago.ErrInvalidArgument)
			assertNoLeak(t, "NewClient error", err.Error())
		})
	}
}

// The API key never reaches an error string, a log line or a formatted
// client, whatever the server sends back.
func TestAPIKeyIsRedactedEverywhere(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo := r.Header.Get("Authorization")
		switch calls.Add(1) {
		case 1:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(fakelago.Fixture(t, "customer.json"))
		case 2:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "<p>upstream refused "+echo+"</p>")
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = fmt.Fprintf(w, `{"status":401,"error":"Unauthorized: %s","code":"%s","error_details":{"%s":["%s"]}}`, echo, echo, echo, echo)
		}
	}))
	defer srv.Close()

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL), lago.WithLogger(logger), lago.WithRetry(fastRetry))
	require.NoError(t, err)
	defer c.CloseIdleConnections()

	_, err = c.GetCustomer(t.Context(), "acme")
	require.NoError(t, err)
	_, err = c.GetCustomer(t.Context(), "acme") // 503 with the key echoed, then 401 with it everywhere
	require.ErrorIs(t, err, lago.ErrUnauthorized)

	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	for _, text := range []string{
		err.Error(), lerr.Message, lerr.Code, string(lerr.Body), fmt.Sprint(lerr.Details), logs.String(),
		fmt.Sprintf("%v %+v %#v %s", c, c, c, c), fmt.Sprintf("%+v", *c),
	} {
		assert.NotContains(t, text, apiKey)
	}
	assert.Equal(t, "Unauthorized: Bearer [REDACTED]", lerr.Message)

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 3)
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "DEBUG", first["level"])
	assert.Equal(t, "lago request", first["msg"])
	assert.Equal(t, "findCustomer", first["operation"])
	assert.Equal(t, "GET", first["method"])
	assert.Equal(t, "/customers/{external_customer_id}", first["path"])
	assert.InDelta(t, 1, first["attempt"], 0)
	assert.InDelta(t, 200, first["status"], 0)
	assert.Contains(t, first, "duration")
	headers := first["request_headers"].(map[string]any)
	assert.Equal(t, []any{"Bearer [REDACTED]"}, headers["Authorization"])

	var second, third map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	require.NoError(t, json.Unmarshal([]byte(lines[2]), &third))
	assert.Equal(t, "WARN", second["level"])
	assert.InDelta(t, 503, second["status"], 0)
	assert.Contains(t, second, "retry_in")
	assert.InDelta(t, 2, third["attempt"], 0)
	assert.InDelta(t, 401, third["status"], 0)
	assert.NotContains(t, third, "retry_in")
}
