package lagotest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func TestNewServerDefaults(t *testing.T) {
	srv := lagotest.NewServer()
	other := lagotest.NewServer()
	defer other.Close()

	assert.Regexp(t, `^http://127\.0\.0\.1:\d+/api/v1$`, srv.URL)
	uuidV4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	assert.Regexp(t, uuidV4, srv.APIKey)
	assert.NotEqual(t, srv.APIKey, other.APIKey)

	client := watch(t, srv).client
	_, err := client.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, err)

	_, err = watch(t, other).client.GetCustomer(t.Context(), "acme")
	require.ErrorIs(t, err, lago.ErrNotFound, "servers share nothing")

	srv.Close()
	srv.Close()
	_, err = client.GetCustomer(t.Context(), "acme")
	var lerr *lago.Error
	require.Error(t, err)
	assert.NotErrorAs(t, err, &lerr, "no answer once closed")
	assert.NoError(t, srv.Err())
}

func TestNewClosesTheServerWhenTheTestEnds(t *testing.T) {
	var srv *lagotest.Server
	t.Run("inner", func(t *testing.T) {
		srv = lagotest.New(t)
		_, err := watch(t, srv).client.ListCustomers(t.Context(), nil)
		require.NoError(t, err)
	})
	resp, err := http.Get(srv.URL + "/customers")
	if err == nil {
		_ = resp.Body.Close() // cleanup only: require.Error fails the test
	}
	require.Error(t, err)
}

// recordingTB stands in for the testing.TB that New reports to.
type recordingTB struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (r *recordingTB) Helper()                   {}
func (r *recordingTB) Cleanup(f func())          { r.cleanups = append(r.cleanups, f) }
func (r *recordingTB) Errorf(f string, a ...any) { r.errors = append(r.errors, fmt.Sprintf(f, a...)) }

func TestAnswersThatBreakTheSpecBecome500s(t *testing.T) {
	tb := &recordingTB{TB: t}
	srv := lagotest.New(tb)
	defer srv.Close()
	h := watch(t, srv)
	h.allowOffSpec(http.StatusInternalServerError)
	client := h.client
	_, err := client.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: "acme"})
	require.NoError(t, err)
	require.NoError(t, srv.AddSubscription("acme", lagotest.Subscription{
		ExternalID:   "sub",
		CurrentUsage: lago.CustomerUsage{ChargesUsage: []lago.ChargeUsage{{Units: "lots"}}},
	}))
	assert.NoError(t, srv.Err())

	_, err = client.GetCurrentUsage(t.Context(), "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "sub"})
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	assert.Equal(t, http.StatusInternalServerError, lerr.StatusCode)
	// The client scrubs the customer id from what the server says.
	assert.Contains(t, lerr.Message, "lagotest: GET /api/v1/customers/[REDACTED]/current_usage: the 200 answer breaks the spec")
	assert.ErrorContains(t, srv.Err(), "charges_usage.0.units")

	require.Len(t, tb.cleanups, 1)
	tb.cleanups[0]()
	require.Len(t, tb.errors, 1, "New fails the test")
	assert.Contains(t, tb.errors[0], "charges_usage.0.units")
}

func TestNewServerRefusesBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  lagotest.Option
		want string
	}{
		{name: "relative base path", opt: lagotest.WithBasePath("api/v1"), want: "WithBasePath"},
		{name: "base path with a query", opt: lagotest.WithBasePath("/api/v1?x=1"), want: "WithBasePath"},
		{name: "no clock", opt: lagotest.WithClock(nil), want: "WithClock"},
		{name: "no billing entity", opt: lagotest.WithBillingEntities(), want: "WithBillingEntities"},
		{name: "repeated billing entity", opt: lagotest.WithBillingEntities("eu", "eu"), want: "WithBillingEntities"},
		{name: "tax without code", opt: lagotest.WithTaxes(lago.Tax{Name: "VAT"}), want: "WithTaxes"},
		{name: "repeated section", opt: lagotest.WithInvoiceCustomSections(lago.InvoiceCustomSection{Code: "a"}, lago.InvoiceCustomSection{Code: "a"}), want: "WithInvoiceCustomSections"},
		{name: "relative front URL", opt: lagotest.WithFrontURL("app.getlago.com"), want: "WithFrontURL"},
		{name: "key with a space", opt: lagotest.WithAPIKey("my key"), want: "WithAPIKey"},
		{name: "negative request log", opt: lagotest.WithRequestLog(-1), want: "WithRequestLog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, panicValue(t, tt.opt), "lagotest: "+tt.want)
		})
	}
}

// panicValue is what NewServer panics with for opt.
func panicValue(t *testing.T, opt lagotest.Option) (v string) {
	t.Helper()
	defer func() {
		r := recover()
		require.NotNil(t, r, "NewServer did not panic")
		v = fmt.Sprint(r)
	}()
	srv := lagotest.NewServer(opt)
	srv.Close()
	return ""
}

func TestRequestsKeepsTheMostRecent(t *testing.T) {
	tests := []struct {
		name string
		opts []lagotest.Option
		sent int
		want []string
	}{
		{name: "fewer than the log keeps", sent: 3, want: []string{"c1", "c2", "c3"}},
		{name: "more than the log keeps", opts: []lagotest.Option{lagotest.WithRequestLog(2)}, sent: 5, want: []string{"c4", "c5"}},
		{name: "exactly as many", opts: []lagotest.Option{lagotest.WithRequestLog(3)}, sent: 3, want: []string{"c1", "c2", "c3"}},
		{name: "twice round the ring", opts: []lagotest.Option{lagotest.WithRequestLog(3)}, sent: 7, want: []string{"c5", "c6", "c7"}},
		{name: "none", opts: []lagotest.Option{lagotest.WithRequestLog(0)}, sent: 2, want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.opts...)
			for i := 1; i <= tt.sent; i++ {
				_, err := h.client.GetCustomer(h.ctx(), fmt.Sprintf("c%d", i))
				require.Error(t, err)
			}
			got := []string{}
			for _, r := range h.srv.Requests() {
				got = append(got, strings.TrimPrefix(r.Path, "/api/v1/customers/"))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestWithBasePath(t *testing.T) {
	h := newHarness(t, lagotest.WithBasePath("/mount/lago/api/v1/"))
	assert.True(t, strings.HasSuffix(h.srv.URL, "/mount/lago/api/v1"), h.srv.URL)
	h.create(lago.CustomerInput{ExternalID: "acme"})
	_, err := h.client.GetCustomer(h.ctx(), "acme")
	require.NoError(t, err)

	resp, err := h.http.Get(h.rootURL() + "/api/v1/customers/acme")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "nothing at the default base path")
}

func TestWithClockIsReadInUTCWholeSeconds(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	h := newHarness(t, lagotest.WithClock(func() time.Time {
		return time.Date(2026, 3, 1, 10, 0, 0, 999_999_999, paris)
	}))
	c := h.create(lago.CustomerInput{ExternalID: "acme"})
	want := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	assert.Equal(t, want, c.CreatedAt)
	assert.Equal(t, want, c.UpdatedAt)
	assert.Equal(t, time.UTC, c.CreatedAt.Location())
}

func TestRequestsRecordsWhatWasSent(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme.eu", Name: lago.Null[string]()})
	_, err := h.client.ListCustomers(h.ctx(), &lago.ListCustomersOptions{Countries: []string{"FR", "DE"}, PerPage: 5})
	require.NoError(t, err)
	h.raw(http.MethodGet, "/customers", "", http.Header{"Authorization": {"Bearer wrong"}})

	reqs := h.srv.Requests()
	require.Len(t, reqs, 3)

	create := reqs[0]
	assert.Equal(t, http.MethodPost, create.Method)
	assert.Equal(t, "/api/v1/customers", create.Path)
	assert.JSONEq(t, `{"customer":{"external_id":"acme.eu","name":null}}`, create.Body)
	assert.Equal(t, "Bearer "+testKey, create.Header.Get("Authorization"))
	assert.Equal(t, "application/json", create.Header.Get("Content-Type"))
	assert.Equal(t, lagotest.OpCreateCustomer, create.OperationID)

	list := reqs[1]
	assert.Equal(t, url.Values{"countries[]": {"FR", "DE"}, "per_page": {"5"}}, list.Query)
	assert.Equal(t, "", list.Body)
	assert.Equal(t, lagotest.OpListCustomers, list.OperationID)

	assert.Equal(t, "", reqs[2].OperationID, "a wrong key reaches no operation")

	reqs[1].Query.Set("per_page", "6")
	reqs[1].Header.Set("Authorization", "changed")
	assert.Equal(t, "5", h.srv.Requests()[1].Query.Get("per_page"), "Requests returns copies")
	assert.Equal(t, "Bearer "+testKey, h.srv.Requests()[1].Header.Get("Authorization"))

	t.Run("escaped path", func(t *testing.T) {
		_, err := h.client.GetCustomer(h.ctx(), "acme.eu")
		require.NoError(t, err)
		reqs := h.srv.Requests()
		assert.Equal(t, "/api/v1/customers/acme%2Eeu", reqs[len(reqs)-1].Path)
	})
}

func TestHarnessCatchesAnswersThatBreakTheSpec(t *testing.T) {
	h := newHarness(t)
	require.NoError(t, h.srv.FailNext(lagotest.OpGetCustomer, 1, lagotest.Fault{Status: http.StatusOK, Body: `{"customer":{}}`}))
	h.raw(http.MethodGet, "/customers/acme", "", nil)

	h.mu.Lock()
	defer h.mu.Unlock()
	require.Len(t, h.problems, 1, "the harness sees the off-spec answer")
	assert.Contains(t, h.problems[0], "GET /api/v1/customers/acme")
	h.problems = nil
}

func TestConcurrentUse(t *testing.T) {
	h := newHarness(t)
	const workers, perWorker = 8, 10
	h.allowOffSpec(http.StatusServiceUnavailable)
	require.NoError(t, h.srv.FailNext(lagotest.OpListCustomers, 5, lagotest.Fault{Status: http.StatusServiceUnavailable}))

	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker*4)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				id := fmt.Sprintf("w%d-c%d", w, i)
				if _, err := h.client.CreateCustomer(context.Background(), lago.CustomerInput{ExternalID: id, Name: lago.Value(id)}); err != nil {
					errs <- err
					continue
				}
				if _, err := h.srv.ApplyCoupon(id, lagotest.Coupon{Code: "C", AmountCents: 100}); err != nil {
					errs <- err
				}
				if _, err := h.client.ListAppliedCoupons(context.Background(), id, nil); err != nil {
					errs <- err
				}
				// Lists may meet an injected 503; anything else is wrong.
				if _, err := h.client.ListCustomers(context.Background(), &lago.ListCustomersOptions{PerPage: 3}); err != nil && !isStatus(err, http.StatusServiceUnavailable) {
					errs <- err
				}
				_ = h.srv.Requests()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	seen := map[int64]bool{}
	for c, err := range h.client.AllCustomers(h.ctx(), nil) {
		require.NoError(t, err)
		assert.False(t, seen[c.SequentialID], "sequential_id %d twice", c.SequentialID)
		seen[c.SequentialID] = true
	}
	assert.Len(t, seen, workers*perWorker)
}

func isStatus(err error, status int) bool {
	var lerr *lago.Error
	return errors.As(err, &lerr) && lerr.StatusCode == status
}

var anyUUID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// verbFixture is a customer with an active wallet "main" carrying
// metadata and an alert "low", and a terminated wallet "old".
func verbFixture(t *testing.T) *harness {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})
	h.wallet("acme", lago.WalletInput{
		RateAmount: "1", Code: lago.Value("main"), Name: lago.Value("Main"),
		Metadata: lago.Value(lago.WalletMetadata{"a": lago.Ptr("1")}),
	})
	h.wallet("acme", lago.WalletInput{RateAmount: "1", Code: lago.Value("old")})
	_, err := h.client.TerminateWallet(h.ctx(), "acme", "old")
	require.NoError(t, err)
	_, err = h.client.CreateWalletAlert(h.ctx(), "acme", "main", alertInput(lago.WalletAlertTypeWalletCreditsBalance, "low", "20"))
	require.NoError(t, err)
	return h
}

// Rails routes PATCH on a wallet and on an alert to the update action, and
// PUT on wallet metadata to the merge action: each answers exactly what
// its published twin answers, and is recorded as the twin's operation.
func TestSecondVerbActsAsTwin(t *testing.T) {
	const (
		wallet   = "/customers/acme/wallets/main"
		metadata = "/customers/acme/wallets/main/metadata"
		alert    = "/customers/acme/wallets/main/alerts/low"
	)
	tests := []struct {
		name              string
		published, second string
		target, body      string
		op                string
		status            int
		// want is the exact answer, when it carries no generated id.
		want string
	}{
		{name: "wallet update", published: http.MethodPut, second: http.MethodPatch, target: wallet,
			body: `{"wallet":{"name":"Renamed"}}`, op: lagotest.OpUpdateWallet, status: 200},
		{name: "wallet update without its root", published: http.MethodPut, second: http.MethodPatch, target: wallet,
			body: `{"name":"Renamed"}`, op: lagotest.OpUpdateWallet, status: 400, want: errMissingWallet},
		{name: "wallet update of an unknown wallet", published: http.MethodPut, second: http.MethodPatch,
			target: "/customers/acme/wallets/nope", body: `{"wallet":{"name":"x"}}`, op: lagotest.OpUpdateWallet,
			status: 404, want: errWalletNotFound},
		{name: "wallet update of a terminated wallet", published: http.MethodPut, second: http.MethodPatch,
			target: "/customers/acme/wallets/old", body: `{"wallet":{"name":"x"}}`, op: lagotest.OpUpdateWallet,
			status: 422, want: errWalletTerminated},
		{name: "metadata merge", published: http.MethodPatch, second: http.MethodPut, target: metadata,
			body: `{"metadata":{"b":"2","a":null}}`, op: lagotest.OpMergeWalletMetadata, status: 200,
			want: `{"metadata":{"a":null,"b":"2"}}`},
		{name: "metadata merge of nothing", published: http.MethodPatch, second: http.MethodPut, target: metadata,
			body: `{}`, op: lagotest.OpMergeWalletMetadata, status: 200, want: `{"metadata":{"a":"1"}}`},
		{name: "metadata merge of a number", published: http.MethodPatch, second: http.MethodPut, target: metadata,
			body: `{"metadata":{"n":1}}`, op: lagotest.OpMergeWalletMetadata, status: 422,
			want: validation(`{"value":["value for key 'n' must be empty or a String up to 255 characters"]}`)},
		{name: "metadata merge on an unknown wallet", published: http.MethodPatch, second: http.MethodPut,
			target: "/customers/acme/wallets/nope/metadata", body: `{"metadata":{"b":"2"}}`,
			op: lagotest.OpMergeWalletMetadata, status: 404, want: errWalletNotFound},
		{name: "alert update", published: http.MethodPut, second: http.MethodPatch, target: alert,
			body: `{"alert":{"name":"Low"}}`, op: lagotest.OpUpdateWalletAlert, status: 200},
		{name: "alert update without its root", published: http.MethodPut, second: http.MethodPatch, target: alert,
			body: `{"name":"Low"}`, op: lagotest.OpUpdateWalletAlert, status: 400,
			want: `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: alert"}`},
		{name: "alert update of an unknown alert", published: http.MethodPut, second: http.MethodPatch,
			target: "/customers/acme/wallets/main/alerts/nope", body: `{"alert":{"name":"Low"}}`,
			op: lagotest.OpUpdateWalletAlert, status: 404, want: `{"status":404,"error":"Not Found","code":"alert_not_found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bodies []string
			for _, method := range []string{tt.published, tt.second} {
				h := verbFixture(t)
				got := h.raw(method, tt.target, tt.body, nil)
				require.Equal(t, tt.status, got.status, "%s: %s", method, got.body)
				if tt.want != "" {
					require.JSONEq(t, tt.want, got.body, method)
				}
				reqs := h.srv.Requests()
				last := reqs[len(reqs)-1]
				assert.Equal(t, method, last.Method)
				assert.Equal(t, tt.op, last.OperationID, method)
				// Ids are random per server; everything else must match.
				bodies = append(bodies, anyUUID.ReplaceAllString(got.body, "<id>"))
			}
			assert.JSONEq(t, bodies[0], bodies[1], "%s answers as %s", tt.second, tt.published)
		})
	}
}

// The second verbs reach the same state: a PATCH update is what a later
// GET shows.
func TestSecondVerbChangesState(t *testing.T) {
	h := verbFixture(t)
	got := h.raw(http.MethodPatch, "/customers/acme/wallets/main", `{"wallet":{"name":"Renamed"}}`, nil)
	require.Equal(t, 200, got.status, got.body)
	w, err := h.client.GetWallet(h.ctx(), "acme", "main")
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("Renamed"), w.Name)

	got = h.raw(http.MethodPut, "/customers/acme/wallets/main/metadata", `{"metadata":{"b":"2"}}`, nil)
	requireAnswer(t, got, 200, `{"metadata":{"a":"1","b":"2"}}`)

	_, err = h.client.UpdateWalletAlert(h.ctx(), "acme", "main", "low", lago.WalletAlertUpdateInput{Name: lago.Value("Before")})
	require.NoError(t, err)
	got = h.raw(http.MethodPatch, "/customers/acme/wallets/main/alerts/low", `{"alert":{"name":"After"}}`, nil)
	require.Equal(t, 200, got.status, got.body)
	a, err := h.client.GetWalletAlert(h.ctx(), "acme", "main", "low")
	require.NoError(t, err)
	assert.Equal(t, lago.Ptr("After"), a.Name)
}
