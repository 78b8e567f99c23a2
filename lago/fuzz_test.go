package lago_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/lagoclient/lago-go/lago"
)

const fuzzKey = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"

func cannedClient(tb testing.TB, status int, contentType string, body []byte) *lago.Client {
	tb.Helper()
	hc := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		return &http.Response{
			StatusCode:    status,
			Header:        http.Header{"Content-Type": {contentType}},
			Body:          io.NopCloser(bytes.NewReader(body)),
			ContentLength: int64(len(body)),
			Request:       r,
		}, nil
	})}
	c, err := lago.NewClient(fuzzKey, lago.WithHTTPClient(hc), lago.WithRetry(lago.NoRetry))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func seedFixtures(f *testing.F, pattern string, add func(body []byte)) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("..", "gen", "testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures match %s: %v", pattern, err)
	}
	for _, name := range files {
		body, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		add(body)
	}
}

var statusSentinels = map[int]error{
	400: lago.ErrBadRequest, 401: lago.ErrUnauthorized, 403: lago.ErrForbidden, 404: lago.ErrNotFound,
	405: lago.ErrNotAllowed, 422: lago.ErrValidation, 429: lago.ErrRateLimited,
}

// FuzzErrorBody feeds arbitrary error bodies and statuses to the error
// parser: every response must become an *Error with its status and the
// matching sentinel, and the key must never show, whatever the body says.
func FuzzErrorBody(f *testing.F) {
	seedFixtures(f, "error-*.json", func(body []byte) { f.Add(422, body) })
	f.Add(502, []byte("<html><body>Bad gateway</body></html>"))
	f.Add(503, []byte(""))
	f.Add(401, []byte(`{"status":401,"error":"Bearer `+fuzzKey+`","code":"`+fuzzKey+`","error_details":{"`+fuzzKey+`":[1,{"a":null}]}}`))
	f.Add(422, []byte(`{"status":422,"error_details":{"a":{"b":{"c":["x",2,true,null,{"d":"e"}]}}}}`))
	f.Add(429, []byte(`{"error_details":"not an object"}`))

	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 400 + (status%200+200)%200 // any 4xx or 5xx
		_, err := cannedClient(t, status, "application/json", body).GetCustomer(t.Context(), "acme")
		var lerr *lago.Error
		if !errors.As(err, &lerr) {
			t.Fatalf("status %d gave %T %v, want *lago.Error", status, err, err)
		}
		if lerr.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", lerr.StatusCode, status)
		}
		if want, ok := statusSentinels[status]; ok && !errors.Is(err, want) {
			t.Fatalf("status %d does not match %v", status, want)
		}
		if status >= 500 && !errors.Is(err, lago.ErrServer) {
			t.Fatalf("status %d does not match ErrServer", status)
		}
		for _, text := range []string{err.Error(), lerr.Message, lerr.Code, string(lerr.Body)} {
			if bytes.Contains([]byte(text), []byte(fuzzKey)) {
				t.Fatalf("key leaked into %q", text)
			}
		}
		for field, reasons := range lerr.Details {
			if bytes.Contains([]byte(field), []byte(fuzzKey)) {
				t.Fatalf("key leaked into details field %q", field)
			}
			for _, r := range reasons {
				if bytes.Contains([]byte(r), []byte(fuzzKey)) {
					t.Fatalf("key leaked into details reason %q", r)
				}
			}
		}
	})
}

// FuzzDecodeResponse feeds arbitrary 200 bodies to the decoders of several
// operations: each call either succeeds with a result or fails with an
// *Error that keeps status 200 and matches ErrBadResponse. Nothing panics.
func FuzzDecodeResponse(f *testing.F) {
	seedFixtures(f, "[a-z]*.json", func(body []byte) { f.Add(body) })
	f.Add([]byte(`{"customer":null}`))
	f.Add([]byte(`{"customers":[{}],"meta":{"next_page":"2"}}`))
	f.Add([]byte(`{"customer_projected_usage":{"projected_amount_cents":"1e400"}}`))

	calls := map[string]func(context.Context, *lago.Client) (any, error){
		"GetCustomer": func(ctx context.Context, c *lago.Client) (any, error) { return c.GetCustomer(ctx, "acme") },
		"ListCustomers": func(ctx context.Context, c *lago.Client) (any, error) {
			return c.ListCustomers(ctx, nil)
		},
		"ListAppliedCoupons": func(ctx context.Context, c *lago.Client) (any, error) {
			return c.ListAppliedCoupons(ctx, "acme", nil)
		},
		"GetCurrentUsage": func(ctx context.Context, c *lago.Client) (any, error) {
			return c.GetCurrentUsage(ctx, "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "s"})
		},
		"GetProjectedUsage": func(ctx context.Context, c *lago.Client) (any, error) {
			return c.GetProjectedUsage(ctx, "acme", lago.ProjectedUsageOptions{ExternalSubscriptionID: "s"})
		},
		"GetPortalURL": func(ctx context.Context, c *lago.Client) (any, error) { return c.GetPortalURL(ctx, "acme") },
	}

	f.Fuzz(func(t *testing.T, body []byte) {
		c := cannedClient(t, http.StatusOK, "application/json", body)
		for name, call := range calls {
			got, err := call(t.Context(), c)
			if err == nil {
				if got == nil {
					t.Fatalf("%s: no error and no result", name)
				}
				continue
			}
			var lerr *lago.Error
			if !errors.As(err, &lerr) || lerr.StatusCode != http.StatusOK || !errors.Is(err, lago.ErrBadResponse) {
				t.Fatalf("%s: %v, want an *Error with status 200 matching ErrBadResponse", name, err)
			}
		}
	})
}
