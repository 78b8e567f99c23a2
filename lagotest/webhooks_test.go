package lagotest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
	"github.com/lagoclient/lago-go/webhook"
)

// delivery is one POST a receiver got.
type delivery struct {
	header http.Header
	body   []byte
}

// receiver is a webhook endpoint that records every attempt and answers
// with status(n), n counting attempts from 1.
type receiver struct {
	srv    *httptest.Server
	status func(n int) int
	mu     sync.Mutex
	got    []delivery
}

func newReceiver(t *testing.T, status func(n int) int) *receiver {
	r := &receiver{status: status}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, delivery{req.Header.Clone(), body})
		n := len(r.got)
		r.mu.Unlock()
		if req.Method != http.MethodPost || req.URL.Path != "/hook" {
			w.WriteHeader(http.StatusTeapot)
			return
		}
		code := r.status(n)
		if code >= 300 && code < 400 {
			w.Header().Set("Location", "/elsewhere")
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) url() string { return r.srv.URL + "/hook" }

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// types are the webhook_type of each delivery, in order.
func (r *receiver) types(t *testing.T) []string {
	out := []string{}
	for _, d := range r.deliveries() {
		var env struct {
			Type string `json:"webhook_type"`
		}
		require.NoError(t, json.Unmarshal(d.body, &env))
		out = append(out, env.Type)
	}
	return out
}

func always(status int) func(int) int { return func(int) int { return status } }

func flush(t *testing.T, srv *lagotest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	require.NoError(t, srv.FlushWebhooks(ctx))
}

// Each action sends the events Lago sends for it, in order.
func TestWebhookEventsPerAction(t *testing.T) {
	wallet := func(h *harness, in lago.WalletInput) {
		in.RateAmount, in.Code = "1", lago.Value("main")
		h.wallet("acme", in)
	}
	paid := lago.WalletInput{PaidCredits: lago.Value[lago.DecimalInput]("25"), GrantedCredits: lago.Value[lago.DecimalInput]("5")}
	tests := []struct {
		name   string
		setup  func(h *harness)
		action func(h *harness)
		want   []string
	}{
		{"a new customer", nil, func(h *harness) { h.create(lago.CustomerInput{ExternalID: "new"}) },
			[]string{webhook.TypeCustomerCreated}},
		{"an upsert that changes nothing", nil, func(h *harness) { h.create(lago.CustomerInput{ExternalID: "acme"}) },
			[]string{webhook.TypeCustomerUpdated}},
		{"a wallet", nil, func(h *harness) { wallet(h, lago.WalletInput{}) },
			[]string{webhook.TypeWalletCreated}},
		{"a wallet update", func(h *harness) { wallet(h, lago.WalletInput{}) }, func(h *harness) {
			_, err := h.client.UpdateWallet(h.ctx(), "acme", "main", lago.WalletUpdateInput{Name: lago.Value("Main")})
			require.NoError(t, err)
		}, []string{webhook.TypeWalletUpdated}},
		{"a metadata replace", func(h *harness) { wallet(h, lago.WalletInput{}) }, func(h *harness) {
			_, err := h.client.ReplaceWalletMetadata(h.ctx(), "acme", "main", lago.WalletMetadata{"a": lago.Ptr("1")})
			require.NoError(t, err)
		}, []string{webhook.TypeWalletUpdated}},
		{"a metadata merge", func(h *harness) { wallet(h, lago.WalletInput{}) }, func(h *harness) {
			_, err := h.client.MergeWalletMetadata(h.ctx(), "acme", "main", lago.WalletMetadata{"a": lago.Ptr("1")})
			require.NoError(t, err)
		}, []string{webhook.TypeWalletUpdated}},
		{"deleting all metadata", func(h *harness) { wallet(h, lago.WalletInput{}) }, func(h *harness) {
			_, err := h.client.DeleteWalletMetadata(h.ctx(), "acme", "main")
			require.NoError(t, err)
		}, []string{webhook.TypeWalletUpdated}},
		{"deleting one metadata key sends nothing", func(h *harness) {
			wallet(h, lago.WalletInput{Metadata: lago.Value(lago.WalletMetadata{"a": lago.Ptr("1")})})
		}, func(h *harness) {
			_, err := h.client.DeleteWalletMetadataKey(h.ctx(), "acme", "main", "a")
			require.NoError(t, err)
		}, []string{}},
		{"terminating a wallet, twice", func(h *harness) { wallet(h, lago.WalletInput{}) }, func(h *harness) {
			for range 2 {
				_, err := h.client.TerminateWallet(h.ctx(), "acme", "main")
				require.NoError(t, err)
			}
		}, []string{webhook.TypeWalletTerminated}},
		{"settling a paid and granted top-up", func(h *harness) { wallet(h, paid) }, func(h *harness) {
			_, err := h.srv.SettleWalletTopUps("acme", "main")
			require.NoError(t, err)
			_, err = h.srv.SettleWalletTopUps("acme", "main")
			require.NoError(t, err)
		}, []string{webhook.TypeWalletTransactionCreated, webhook.TypeWalletTransactionCreated,
			webhook.TypeWalletTransactionUpdated, webhook.TypeWalletUpdated}},
		{"a top-up that waits for its payment", func(h *harness) {
			in := paid
			in.InvoiceRequiresSuccessfulPayment = lago.Value(true)
			wallet(h, in)
		}, func(h *harness) {
			_, err := h.srv.SettleWalletTopUps("acme", "main")
			require.NoError(t, err)
			_, err = h.srv.PayWalletTopUps("acme", "main")
			require.NoError(t, err)
		}, []string{webhook.TypeWalletTransactionCreated, webhook.TypeWalletTransactionCreated, webhook.TypeWalletUpdated,
			webhook.TypeWalletTransactionUpdated, webhook.TypeWalletUpdated}},
		{"consuming credits", func(h *harness) {
			wallet(h, lago.WalletInput{GrantedCredits: lago.Value[lago.DecimalInput]("5")})
			_, err := h.srv.SettleWalletTopUps("acme", "main")
			require.NoError(t, err)
		}, func(h *harness) {
			_, err := h.srv.ConsumeWalletCredits("acme", "main", "2")
			require.NoError(t, err)
		}, []string{webhook.TypeWalletUpdated}},
		{"deleting a customer", func(h *harness) {
			wallet(h, lago.WalletInput{})
			require.NoError(t, h.srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "sub-1"}))
		}, func(h *harness) {
			_, err := h.client.DeleteCustomer(h.ctx(), "acme")
			require.NoError(t, err)
		}, []string{webhook.TypeSubscriptionTerminated, webhook.TypeWalletTerminated}},
		{"a finalized invoice", nil, func(h *harness) {
			_, err := h.srv.AddInvoice("acme", lago.Invoice{})
			require.NoError(t, err)
		}, []string{webhook.TypeInvoiceCreated}},
		{"a draft invoice", nil, func(h *harness) {
			_, err := h.srv.AddInvoice("acme", lago.Invoice{Status: lago.InvoiceStatusDraft})
			require.NoError(t, err)
		}, []string{webhook.TypeInvoiceDrafted}},
		{"a credit note", nil, func(h *harness) {
			_, err := h.srv.AddCreditNote("acme", lago.CreditNote{})
			require.NoError(t, err)
		}, []string{webhook.TypeCreditNoteCreated}},
		{"a provider payment that succeeded", nil, func(h *harness) {
			_, err := h.srv.AddPayment("acme", lago.Payment{LagoPayableID: "7a1c0d3e-0000-4000-8000-000000000001", Type: lago.PaymentTypeProvider})
			require.NoError(t, err)
		}, []string{webhook.TypePaymentSucceeded}},
		{"a manual payment sends nothing", nil, func(h *harness) {
			_, err := h.srv.AddPayment("acme", lago.Payment{LagoPayableID: "7a1c0d3e-0000-4000-8000-000000000001"})
			require.NoError(t, err)
		}, []string{}},
		{"a payment request", nil, func(h *harness) {
			_, err := h.srv.AddPaymentRequest("acme", lago.PaymentRequest{})
			require.NoError(t, err)
		}, []string{webhook.TypePaymentRequestCreated}},
		{"a portal link sends nothing", nil, func(h *harness) {
			_, err := h.client.GetPortalURL(h.ctx(), "acme")
			require.NoError(t, err)
		}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
			if tt.setup != nil {
				tt.setup(h)
			}
			r := newReceiver(t, always(http.StatusOK))
			require.NoError(t, h.srv.AddWebhookEndpoint(r.url(), "hmac"))
			tt.action(h)
			flush(t, h.srv)
			assert.Equal(t, tt.want, r.types(t))
		})
	}
}

// What lagotest sends verifies with package webhook, as Lago's deliveries
// do: HMAC with WebhookHMACKey, JWT with the key fetched from the server.
func TestWebhooksVerify(t *testing.T) {
	h := newHarness(t)
	client, err := h.srv.Client()
	require.NoError(t, err)
	for _, tt := range []struct {
		alg string
		cfg webhook.Config
	}{
		{"hmac", webhook.Config{HMACKey: h.srv.WebhookHMACKey()}},
		{"jwt", webhook.Config{Client: client, Issuer: h.srv.URL}},
	} {
		t.Run(tt.alg, func(t *testing.T) {
			v, err := webhook.NewVerifier(tt.cfg)
			require.NoError(t, err)
			r := newReceiver(t, always(http.StatusNoContent))
			require.NoError(t, h.srv.AddWebhookEndpoint(r.url(), tt.alg))
			h.create(lago.CustomerInput{ExternalID: "acme-" + tt.alg, Name: lago.Value("Acme")})
			flush(t, h.srv)
			got := r.deliveries()
			require.Len(t, got, 1)
			d := got[0]
			assert.Equal(t, tt.alg, d.header.Get("X-Lago-Signature-Algorithm"))
			assert.Equal(t, "application/json", d.header.Get("Content-Type"))
			ev, err := v.Verify(d.body, d.header)
			require.NoError(t, err)
			assert.Equal(t, webhook.TypeCustomerCreated, ev.Type)
			assert.Equal(t, "customer", ev.ObjectType)
			assert.Equal(t, d.header.Get("X-Lago-Unique-Key"), ev.UniqueKey)
			assert.NotEmpty(t, ev.OrganizationID)
			cust, err := ev.Customer()
			require.NoError(t, err)
			assert.Equal(t, "acme-"+tt.alg, cust.ExternalID)
			got1, err := h.client.GetCustomer(h.ctx(), "acme-"+tt.alg)
			require.NoError(t, err)
			assert.Equal(t, got1, cust, "the event holds the customer as the API answers it")
		})
	}
}

func TestWebhookPublicKeyIsServed(t *testing.T) {
	h := newHarness(t)
	key, err := h.client.WebhookPublicKey(h.ctx())
	require.NoError(t, err)
	assert.Contains(t, string(key), "\n", "Ruby's base64, with line breaks")
	again, err := newHarness(t).client.WebhookPublicKey(h.ctx())
	require.NoError(t, err)
	assert.Equal(t, key, again, "one key pair per process")
	_, err = webhook.NewVerifier(webhook.Config{PublicKey: key})
	require.NoError(t, err)
}

func TestWebhookDeliveryRetries(t *testing.T) {
	tests := []struct {
		name     string
		status   func(n int) int
		attempts int
	}{
		{"delivered at once", always(http.StatusOK), 1},
		{"201, 202 and 204 count", always(http.StatusAccepted), 1},
		{"failing twice then 200", func(n int) int {
			if n < 3 {
				return http.StatusInternalServerError
			}
			return http.StatusOK
		}, 3},
		{"another 2xx does not count", always(http.StatusResetContent), 3},
		{"a redirect is never followed", always(http.StatusFound), 3},
		{"500 three times is given up", always(http.StatusInternalServerError), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := lagotest.New(t)
			r := newReceiver(t, tt.status)
			require.NoError(t, srv.AddWebhookEndpoint(r.url(), "hmac"))
			client, err := srv.Client()
			require.NoError(t, err)
			_, err = client.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"})
			require.NoError(t, err)
			start := time.Now()
			flush(t, srv)
			assert.Less(t, time.Since(start), 5*time.Second)
			got := r.deliveries()
			require.Len(t, got, tt.attempts, "no request to the redirect's target either")
			for _, d := range got {
				assert.Equal(t, got[0].header.Get("X-Lago-Unique-Key"), d.header.Get("X-Lago-Unique-Key"), "the same unique key on every attempt")
				assert.Equal(t, got[0].body, d.body)
				assert.Equal(t, got[0].header.Get("X-Lago-Signature"), d.header.Get("X-Lago-Signature"))
			}
		})
	}
}

// An endpoint that never answers is given up after three attempts of 2 s.
func TestWebhookAttemptTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 7 s")
	}
	var attempts atomic.Int32
	stop := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer hang.Close()
	defer close(stop)
	srv := lagotest.New(t)
	require.NoError(t, srv.AddWebhookEndpoint(hang.URL, "jwt"))
	client, err := srv.Client()
	require.NoError(t, err)
	_, err = client.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, err)
	start := time.Now()
	flush(t, srv)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, int32(3), attempts.Load())
}

func TestWebhookFlushHonoursItsContext(t *testing.T) {
	srv := lagotest.New(t)
	r := newReceiver(t, always(http.StatusInternalServerError))
	require.NoError(t, srv.AddWebhookEndpoint(r.url(), "hmac"))
	client, err := srv.Client()
	require.NoError(t, err)
	_, err = client.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, srv.FlushWebhooks(ctx), context.DeadlineExceeded)
	// Closing gives up what is left, at once.
	srv.Close()
	require.NoError(t, srv.FlushWebhooks(t.Context()))
}

func TestAddWebhookEndpointRefuses(t *testing.T) {
	srv := lagotest.New(t)
	for _, tt := range []struct{ url, alg string }{
		{"http://127.0.0.1/hook", "HMAC"},
		{"http://127.0.0.1/hook", "rs256"},
		{"/hook", "hmac"},
		{"ftp://127.0.0.1/hook", "jwt"},
	} {
		assert.Error(t, srv.AddWebhookEndpoint(tt.url, tt.alg), "%s %s", tt.url, tt.alg)
	}
	for range 10 {
		require.NoError(t, srv.AddWebhookEndpoint("http://127.0.0.1/hook", "hmac"))
	}
	assert.Error(t, srv.AddWebhookEndpoint("http://127.0.0.1/hook", "hmac"), "Lago allows 10 endpoints")
}

// Every endpoint gets every event, each with its own unique key.
func TestWebhooksGoToEveryEndpoint(t *testing.T) {
	h := newHarness(t)
	a, b := newReceiver(t, always(http.StatusOK)), newReceiver(t, always(http.StatusOK))
	require.NoError(t, h.srv.AddWebhookEndpoint(a.url(), "hmac"))
	require.NoError(t, h.srv.AddWebhookEndpoint(b.url(), "jwt"))
	h.create(lago.CustomerInput{ExternalID: "acme"})
	flush(t, h.srv)
	da, db := a.deliveries(), b.deliveries()
	require.Len(t, da, 1)
	require.Len(t, db, 1)
	assert.Equal(t, da[0].body, db[0].body)
	assert.NotEqual(t, da[0].header.Get("X-Lago-Unique-Key"), db[0].header.Get("X-Lago-Unique-Key"))
}
