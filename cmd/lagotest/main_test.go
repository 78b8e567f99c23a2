package main_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/webhook"
)

// binary is cmd/lagotest, built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lagotest-cmd")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "lagotest")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build cmd/lagotest:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

const testKey = "test-key-3f9a"

// process is a running cmd/lagotest.
type process struct {
	cmd    *exec.Cmd
	base   string
	stderr *syncBuffer
	exited chan struct{}
}

// syncBuffer is the process's stderr, read while it is written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs the command on a free port with the test key and JSON logs,
// and waits for /health to answer 200.
func start(t testing.TB, args ...string) *process {
	t.Helper()
	port := freePort(t)
	p := &process{base: "http://127.0.0.1:" + port, stderr: &syncBuffer{}, exited: make(chan struct{})}
	args = append([]string{"-addr", "127.0.0.1:" + port, "-api-key", testKey, "-log-format", "json"}, args...)
	p.cmd = exec.Command(binary, args...)
	p.cmd.Stderr = p.stderr
	require.NoError(t, p.cmd.Start())
	go func() {
		_ = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(p.base + "/health")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("lagotest exited before serving: %s", p.stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("lagotest did not serve within 10s: %s", p.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func freePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	require.NoError(t, ln.Close())
	return port
}

func (p *process) client(t *testing.T) *lago.Client {
	t.Helper()
	c, err := lago.NewClient(testKey, lago.WithBaseURL(p.base+"/api/v1"), lago.WithRetry(lago.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	return c
}

// call makes a raw request with the key, checked against the control
// API's description when it is one of its routes.
func (p *process) call(t *testing.T, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, p.base+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := controlClient(t).Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// exit waits for the process to end and returns its status.
func (p *process) exit(t *testing.T) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		t.Fatalf("lagotest did not exit: %s", p.stderr)
	}
	return p.cmd.ProcessState.ExitCode()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

const seedFile = `{
  "customers": [{"external_id": "acme", "name": "Acme", "currency": "EUR"}],
  "wallets": [{"external_customer_id": "acme", "wallet": {"rate_amount": "1.0", "paid_credits": "20.0"}, "settle_top_ups": true}],
  "subscriptions": [{"external_customer_id": "acme", "external_id": "sub_1",
    "current_usage": {"amount_cents": 1234, "charges_usage": []}}],
  "invoices": [{"external_customer_id": "acme", "invoice": {"fees_amount_cents": 5000}}]
}`

const seedYAML = `
customers:
  - external_id: acme
    name: Acme
    currency: EUR
wallets:
  - external_customer_id: acme
    wallet: {rate_amount: "1.0", paid_credits: "20.0"}
    settle_top_ups: true
subscriptions:
  - external_customer_id: acme
    external_id: sub_1
    current_usage: {amount_cents: 1234, charges_usage: []}
invoices:
  - external_customer_id: acme
    invoice: {fees_amount_cents: 5000, issuing_date: 2024-01-31, payment_due_date: 2024-02-29}
`

func TestSeedFileThenLagoClient(t *testing.T) {
	for name, path := range map[string]string{
		"json": writeFile(t, "seed.json", seedFile),
		"yaml": writeFile(t, "seed.yaml", seedYAML),
	} {
		t.Run(name, func(t *testing.T) {
			p := start(t, "-seed", path)
			client := p.client(t)
			ctx := context.Background()

			cust, err := client.GetCustomer(ctx, "acme")
			require.NoError(t, err)
			assert.Equal(t, "Acme", *cust.Name)
			wallet, err := client.ListWallets(ctx, "acme", nil)
			require.NoError(t, err)
			require.Len(t, wallet.Wallets, 1)
			assert.Equal(t, "20.0", wallet.Wallets[0].CreditsBalance)
			usage, err := client.GetCurrentUsage(ctx, "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub_1"})
			require.NoError(t, err)
			assert.Equal(t, int64(1234), usage.AmountCents)
			invoices, err := client.ListInvoices(ctx, "acme", nil)
			require.NoError(t, err)
			require.Len(t, invoices.Invoices, 1)
			assert.Equal(t, int64(5000), invoices.Invoices[0].FeesAmountCents)
			if name == "yaml" {
				assert.Equal(t, "2024-01-31", invoices.Invoices[0].IssuingDate.String())
			}

			status, body := p.call(t, http.MethodGet, "/_lagotest/requests", "")
			require.Equal(t, http.StatusOK, status)
			var recorded struct {
				Requests []struct {
					OperationID string              `json:"operation_id"`
					Headers     map[string][]string `json:"headers"`
				} `json:"requests"`
			}
			require.NoError(t, json.Unmarshal([]byte(body), &recorded))
			var ops []string
			for _, r := range recorded.Requests {
				ops = append(ops, r.OperationID)
				assert.Equal(t, []string{"Bearer [redacted]"}, r.Headers["Authorization"])
			}
			assert.Equal(t, []string{"findCustomer", "findAllCustomerWallets", "findCustomerCurrentUsage", "findAllCustomerInvoices"}, ops)
			assert.NotContains(t, p.stderr.String(), testKey, "the log never shows the key")
		})
	}
}

func TestControlAPI(t *testing.T) {
	p := start(t, "-seed", writeFile(t, "seed.json", `{"customers": [{"external_id": "base"}]}`))
	client := p.client(t)
	ctx := context.Background()

	// Seed over HTTP, then read it back with raw HTTP as another language would.
	status, body := p.call(t, http.MethodPost, "/_lagotest/seed", `{
	  "customers": [{"external_id": "bob", "currency": "USD"}],
	  "wallets": [{"external_customer_id": "bob", "wallet": {"code": "main", "rate_amount": "1.0", "paid_credits": "10.0", "invoice_requires_successful_payment": true}}]}`)
	require.Equal(t, http.StatusNoContent, status, body)
	status, body = p.call(t, http.MethodGet, "/api/v1/customers/bob", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"external_id":"bob"`)

	status, body = p.call(t, http.MethodPost, "/_lagotest/customers/bob/wallets/main/settle", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"credits_balance":"0.0"`, "paid credits wait for the payment")
	status, body = p.call(t, http.MethodPost, "/_lagotest/customers/bob/wallets/main/pay", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"credits_balance":"10.0"`)
	status, body = p.call(t, http.MethodPost, "/_lagotest/customers/bob/wallets/main/consume", `{"credits": "4.0"}`)
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"credits_balance":"6.0"`)
	status, body = p.call(t, http.MethodPost, "/_lagotest/customers/nobody/wallets/main/settle", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.JSONEq(t, `{"error":"lagotest: no customer with this external id: \"nobody\""}`, body)

	// Faults, rate limits and latency.
	status, _ = p.call(t, http.MethodPost, "/_lagotest/faults", `{"operation": "findCustomer", "status": 503}`)
	require.Equal(t, http.StatusNoContent, status)
	_, err := client.GetCustomer(ctx, "bob")
	var apiErr *lago.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	status, _ = p.call(t, http.MethodPost, "/_lagotest/rate-limits", `{"operation": "*", "times": 1, "retry_after_seconds": 2}`)
	require.Equal(t, http.StatusNoContent, status)
	_, err = client.GetCustomer(ctx, "bob")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 429, apiErr.StatusCode)
	status, _ = p.call(t, http.MethodPut, "/_lagotest/latency", `{"operation": "findCustomer", "milliseconds": 150}`)
	require.Equal(t, http.StatusNoContent, status)
	began := time.Now()
	_, err = client.GetCustomer(ctx, "bob")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(began), 150*time.Millisecond)
	status, _ = p.call(t, http.MethodDelete, "/_lagotest/faults", "")
	require.Equal(t, http.StatusNoContent, status)
	status, body = p.call(t, http.MethodPost, "/_lagotest/faults", `{"operation": "findCustomr", "status": 503}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `unknown operation \"findCustomr\"`)

	// Reset returns to the seed file's state.
	status, _ = p.call(t, http.MethodPost, "/_lagotest/reset", "")
	require.Equal(t, http.StatusNoContent, status)
	_, err = client.GetCustomer(ctx, "bob")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	_, err = client.GetCustomer(ctx, "base")
	require.NoError(t, err)
	status, body = p.call(t, http.MethodGet, "/_lagotest/requests", "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, 2, strings.Count(body, `"method"`), "reset forgets the requests before it: %s", body)

	status, body = p.call(t, http.MethodGet, "/_lagotest/openapi.yaml", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "title: lagotest control API")
}

func TestControlAPIRefusals(t *testing.T) {
	p := start(t)
	tests := []struct {
		name, method, path, body, key string
		status                        int
		want                          string
	}{
		{"no key", http.MethodPost, "/_lagotest/reset", "", "", 401, `{"error":"send the server's API key as \"Authorization: Bearer KEY\""}`},
		{"seed with a typo", http.MethodPost, "/_lagotest/seed", `{"customers": [{"external_id": "a", "full_name": "A"}]}`, testKey, 422,
			`{"error":"lagotest: seed customers[0]: json: unknown field \"full_name\""}`},
		{"seed refused by a check", http.MethodPost, "/_lagotest/seed", `{"customers": [{"external_id": "a", "email": "not an email"}]}`, testKey, 422,
			`{"error":"lagotest: seed customers[0]: POST /customers answered 422: {\"status\":422,\"error\":\"Unprocessable Entity\",\"code\":\"validation_errors\",\"error_details\":{\"email\":[\"invalid_email_format\"]}}"}`},
		{"unknown route", http.MethodGet, "/_lagotest/nothing", "", testKey, 404, `{"error":"no such control route; see /_lagotest/openapi.yaml"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, p.base+tt.path, strings.NewReader(tt.body))
			require.NoError(t, err)
			if tt.key != "" {
				req.Header.Set("Authorization", "Bearer "+tt.key)
			}
			req.Header.Set("Content-Type", "application/json")
			client := controlClient(t)
			if tt.name == "unknown route" {
				client = http.DefaultClient // not in the description, by design
			}
			resp, err := client.Do(req)
			require.NoError(t, err)
			defer func() { _ = resp.Body.Close() }()
			b, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.JSONEq(t, tt.want, string(b))
		})
	}
}

func TestSIGTERMLetsRequestsInFlightFinish(t *testing.T) {
	p := start(t, "-seed", writeFile(t, "seed.json", `{"customers": [{"external_id": "acme"}]}`))
	status, _ := p.call(t, http.MethodPut, "/_lagotest/latency", `{"operation": "*", "milliseconds": 400}`)
	require.Equal(t, http.StatusNoContent, status)
	client := p.client(t)

	const n = 4
	errs := make(chan error, n)
	for range n {
		go func() {
			_, err := client.GetCustomer(context.Background(), "acme")
			errs <- err
		}()
	}
	// Wait until every request has reached the server, then stop it.
	require.Eventually(t, func() bool {
		_, body := p.call(t, http.MethodGet, "/_lagotest/requests", "")
		return strings.Count(body, `"operation_id":"findCustomer"`) == n
	}, 5*time.Second, 10*time.Millisecond)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	for range n {
		assert.NoError(t, <-errs)
	}
	assert.Equal(t, 0, p.exit(t), p.stderr.String())
	assert.Contains(t, p.stderr.String(), `"msg":"stopped"`)
}

func TestBadStarts(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = busy.Close() })

	tests := []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"unknown flag", []string{"-adr", "x"}, 2, "flag provided but not defined: -adr"},
		{"bad log format", []string{"-log-format", "xml"}, 2, `-log-format "xml": want text or json`},
		{"bad clock", []string{"-clock", "yesterday"}, 2, `-clock "yesterday": want an RFC 3339 time`},
		{"bad tax", []string{"-tax", "vat"}, 2, `invalid value "vat" for flag -tax: want code:rate[:name]`},
		{"bad front URL", []string{"-front-url", "nowhere"}, 2, `WithFrontURL(\"nowhere\"): want an absolute URL`},
		{"port in use", []string{"-addr", busy.Addr().String()}, 1, "address already in use"},
		{"seed file missing", []string{"-seed", "/nonexistent/seed.json"}, 1, "read the seed file: open /nonexistent/seed.json: no such file or directory"},
		{"seed with a typo", []string{"-seed", writeFile(t, "typo.json", `{"customers": [{"external_id": "a"}], "invoices": [{"external_customer_id": "a", "invoice": {"totl_amount_cents": 1}}]}`)},
			1, `seed invoices[0]: json: unknown field \"totl_amount_cents\"`},
		{"yaml seed with a typo", []string{"-seed", writeFile(t, "typo.yml", "customers:\n  - externl_id: a\n")},
			1, `seed customers[0]: json: unknown field \"externl_id\"`},
		{"seed refused by a helper", []string{"-seed", writeFile(t, "refused.json", `{"subscriptions": [{"external_customer_id": "ghost", "external_id": "s"}]}`)},
			1, `seed subscriptions[0]: no customer with this external id: \"ghost\"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"-addr", "127.0.0.1:0", "-log-format", "json"}, tt.args...)
			if tt.name == "port in use" {
				args = tt.args
			}
			cmd := exec.Command(binary, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			require.Error(t, err)
			assert.Equal(t, tt.status, cmd.ProcessState.ExitCode(), stderr.String())
			assert.Contains(t, stderr.String(), tt.want)
		})
	}
}

func TestWarnsBeyondLoopback(t *testing.T) {
	cmd := exec.Command(binary, "-addr", "0.0.0.0:0")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	require.True(t, lines.Scan())
	assert.Contains(t, lines.Text(), "LISTENING BEYOND LOOPBACK")
	require.True(t, lines.Scan())
	assert.Contains(t, lines.Text(), `api_key=lagotest`, "the default key is printed")
}

// BenchmarkStartToHealth measures a user's wait: from starting the built
// command to /health answering 200, seed file included.
func BenchmarkStartToHealth(b *testing.B) {
	dir := b.TempDir()
	seed := filepath.Join(dir, "seed.json")
	require.NoError(b, os.WriteFile(seed, []byte(seedFile), 0o600))
	for b.Loop() {
		p := start(b, "-seed", seed)
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		<-p.exited
	}
}

// The seed file README shows is testdata/seed.json, and it loads.
func TestReadmeSeed(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.json")
	require.NoError(t, err)
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), "```json\n"+string(seed)+"```", "README shows testdata/seed.json")

	p := start(t, "-seed", "testdata/seed.json")
	status, body := p.call(t, http.MethodGet, "/api/v1/customers/acme/wallets", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"credits_balance":"50.0"`)
	payments, err := p.client(t).ListPayments(context.Background(), "acme", nil)
	require.NoError(t, err)
	require.Len(t, payments.Payments, 1)
	assert.Equal(t, int64(9900), payments.Payments[0].AmountCents)
}

// delivery is one webhook an endpoint received.
type delivery struct {
	header http.Header
	body   []byte
}

// receiver is a webhook endpoint that keeps what it receives.
type receiver struct {
	*httptest.Server
	mu  sync.Mutex
	got []delivery
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, delivery{header: req.Header.Clone(), body: body})
		r.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// A test suite in another language registers its endpoints, reads the
// HMAC key and the public key over HTTP, acts through Lago's API, flushes,
// and checks the signatures of what it received.
func TestControlAPIWebhooks(t *testing.T) {
	p := start(t)
	hmacEndpoint, jwtEndpoint := newReceiver(t), newReceiver(t)

	status, body := p.call(t, http.MethodPost, "/_lagotest/webhook-endpoints", `{"url": "`+hmacEndpoint.URL+`/hooks", "algorithm": "hmac"}`)
	require.Equal(t, http.StatusNoContent, status, body)
	status, body = p.call(t, http.MethodPost, "/_lagotest/webhook-endpoints", `{"url": "`+jwtEndpoint.URL+`/hooks", "algorithm": "jwt"}`)
	require.Equal(t, http.StatusNoContent, status, body)
	status, body = p.call(t, http.MethodGet, "/_lagotest/webhook-hmac-key", "")
	require.Equal(t, http.StatusOK, status)
	var key struct {
		HMACKey string `json:"hmac_key"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &key))
	require.NotEmpty(t, key.HMACKey)
	status, body = p.call(t, http.MethodGet, "/api/v1/webhooks/json_public_key", "")
	require.Equal(t, http.StatusOK, status)
	var publicKey struct {
		Webhook struct {
			PublicKey string `json:"public_key"`
		} `json:"webhook"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &publicKey))

	status, body = p.call(t, http.MethodPost, "/api/v1/customers", `{"customer": {"external_id": "hooked", "name": "Hooked"}}`)
	require.Equal(t, http.StatusOK, status, body)
	status, body = p.call(t, http.MethodPost, "/_lagotest/webhooks/flush", "")
	require.Equal(t, http.StatusNoContent, status, body)

	// HMAC: the standard base64 of HMAC-SHA256 of the body, as any
	// language computes it.
	got := hmacEndpoint.deliveries()
	require.Len(t, got, 1)
	mac := hmac.New(sha256.New, []byte(key.HMACKey))
	mac.Write(got[0].body)
	assert.Equal(t, base64.StdEncoding.EncodeToString(mac.Sum(nil)), got[0].header.Get("X-Lago-Signature"))
	assert.Equal(t, "hmac", got[0].header.Get("X-Lago-Signature-Algorithm"))
	var event struct {
		WebhookType string `json:"webhook_type"`
		Customer    struct {
			ExternalID string `json:"external_id"`
		} `json:"customer"`
	}
	require.NoError(t, json.Unmarshal(got[0].body, &event))
	assert.Equal(t, "customer.created", event.WebhookType)
	assert.Equal(t, "hooked", event.Customer.ExternalID)

	// JWT: package webhook with the served public key, and the API root as
	// the issuer, as Lago's iss is its API URL.
	got = jwtEndpoint.deliveries()
	require.Len(t, got, 1)
	v, err := webhook.NewVerifier(webhook.Config{PublicKey: []byte(publicKey.Webhook.PublicKey), Issuer: p.base + "/api/v1"})
	require.NoError(t, err)
	ev, err := v.Verify(got[0].body, got[0].header)
	require.NoError(t, err)
	assert.Equal(t, webhook.TypeCustomerCreated, ev.Type)
	customer, err := ev.Customer()
	require.NoError(t, err)
	assert.Equal(t, "hooked", customer.ExternalID)

	// A reset forgets the endpoints and makes a new HMAC key.
	status, _ = p.call(t, http.MethodPost, "/_lagotest/reset", "")
	require.Equal(t, http.StatusNoContent, status)
	status, body = p.call(t, http.MethodGet, "/_lagotest/webhook-hmac-key", "")
	require.Equal(t, http.StatusOK, status)
	assert.NotContains(t, body, key.HMACKey)
	status, _ = p.call(t, http.MethodPost, "/api/v1/customers", `{"customer": {"external_id": "after-reset"}}`)
	require.Equal(t, http.StatusOK, status)
	status, _ = p.call(t, http.MethodPost, "/_lagotest/webhooks/flush", "")
	require.Equal(t, http.StatusNoContent, status)
	assert.Len(t, hmacEndpoint.deliveries(), 1)
	assert.Len(t, jwtEndpoint.deliveries(), 1)
}

func TestControlAPIWebhookEndpointRefusals(t *testing.T) {
	p := start(t)
	tests := []struct {
		name, body, want string
	}{
		{"unknown algorithm", `{"url": "http://127.0.0.1:1/hooks", "algorithm": "rsa"}`,
			`{"error":"lagotest: webhook algorithm \"rsa\", want \"jwt\" or \"hmac\""}`},
		{"relative URL", `{"url": "/hooks", "algorithm": "hmac"}`,
			`{"error":"lagotest: webhook endpoint \"/hooks\" is not an absolute http or https URL"}`},
		{"unknown field", `{"url": "http://127.0.0.1:1/hooks", "algo": "hmac"}`,
			`{"error":"the body: json: unknown field \"algo\""}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, p.base+"/_lagotest/webhook-endpoints", strings.NewReader(tt.body))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+testKey)
			req.Header.Set("Content-Type", "application/json")
			resp, err := badRequestClient(t).Do(req)
			require.NoError(t, err)
			defer func() { _ = resp.Body.Close() }()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
			assert.JSONEq(t, tt.want, string(body))
		})
	}
}

// A flush waiting on an endpoint that never answers does not hold up a
// graceful shutdown.
func TestSIGTERMCutsAFlushShort(t *testing.T) {
	p := start(t)
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	stuck := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		once.Do(func() { close(reached) })
		<-release
	}))
	t.Cleanup(stuck.Close)
	t.Cleanup(func() { close(release) })
	status, _ := p.call(t, http.MethodPost, "/_lagotest/webhook-endpoints", `{"url": "`+stuck.URL+`", "algorithm": "hmac"}`)
	require.Equal(t, http.StatusNoContent, status)
	status, _ = p.call(t, http.MethodPost, "/api/v1/customers", `{"customer": {"external_id": "hooked"}}`)
	require.Equal(t, http.StatusOK, status)
	<-reached

	req, err := http.NewRequest(http.MethodPost, p.base+"/_lagotest/webhooks/flush", http.NoBody)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	client := controlClient(t)
	type result struct {
		resp *http.Response
		err  error
	}
	flushed := make(chan result, 1)
	go func() {
		resp, err := client.Do(req)
		flushed <- result{resp, err}
	}()
	// Let the flush reach the server and start waiting.
	time.Sleep(200 * time.Millisecond)
	began := time.Now()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	var got result
	select {
	case got = <-flushed:
	case <-time.After(10 * time.Second):
		t.Fatal("the flush still waits after SIGTERM")
	}
	require.NoError(t, got.err)
	defer func() { _ = got.resp.Body.Close() }()
	body, err := io.ReadAll(got.resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, got.resp.StatusCode)
	assert.JSONEq(t, `{"error":"flush cut short: context canceled"}`, string(body))
	assert.Equal(t, 0, p.exit(t), p.stderr.String())
	assert.Less(t, time.Since(began), time.Second, "the delivery in flight is given up")
}
