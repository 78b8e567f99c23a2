package bench

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// These tests keep the benchmarks honest: both sides must send the same
// request bytes and decode the same values from the same answers, or the
// numbers compare different work.

// sameValues checks that what package lago decoded and what the baseline
// decoded encode to the same JSON, which they only do if both kept every
// field the server sent.
func sameValues(t *testing.T, ours, baseline any) {
	t.Helper()
	a, err := json.Marshal(ours)
	require.NoError(t, err)
	b, err := json.Marshal(baseline)
	require.NoError(t, err)
	assert.JSONEq(t, string(a), string(b))
}

// request is what the server saw of one request, body aside.
type request struct {
	Method, URI string
	Header      http.Header
}

func TestBothSidesDoTheSameWork(t *testing.T) {
	var (
		mu       sync.Mutex
		created  [][]byte
		requests []request
	)
	s := startServer(t, &server{
		p: fixtures(t),
		onCreate: func(body []byte) {
			mu.Lock()
			defer mu.Unlock()
			created = append(created, body)
		},
		onRequest: func(r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			requests = append(requests, request{r.Method, r.RequestURI, r.Header.Clone()})
		},
	})
	// sameRequests checks that the last two requests, one from each side,
	// are the same: method, escaped path and query, and every header.
	sameRequests := func(t *testing.T) {
		t.Helper()
		mu.Lock()
		defer mu.Unlock()
		require.GreaterOrEqual(t, len(requests), 2)
		assert.Equal(t, requests[len(requests)-2], requests[len(requests)-1], "requests differ")
	}
	ours, base := s.lagoClient(t), s.baselineClient()
	ctx := context.Background()

	t.Run("GetCustomer", func(t *testing.T) {
		a, err := ours.GetCustomer(ctx, customerID)
		require.NoError(t, err)
		b, err := base.getCustomer(ctx, customerID)
		require.NoError(t, err)
		sameRequests(t)
		sameValues(t, a, b)
		assert.NotEmpty(t, b.ErrorDetails, "the full customer has error_details")
		assert.NotEmpty(t, b.ApplicableInvoiceCustomSections)
	})

	t.Run("CreateCustomer", func(t *testing.T) {
		a, err := ours.CreateCustomer(ctx, lagoInput)
		require.NoError(t, err)
		b, err := base.createCustomer(ctx, baselineInput)
		require.NoError(t, err)
		sameRequests(t)
		sameValues(t, a, b)

		mu.Lock()
		defer mu.Unlock()
		require.Len(t, created, 2)
		assert.Equal(t, string(created[0]), string(created[1]), "request bodies differ")
	})

	t.Run("ListCustomers", func(t *testing.T) {
		a, err := ours.ListCustomers(ctx, &lago.ListCustomersOptions{Page: 1, PerPage: perPage})
		require.NoError(t, err)
		b, err := base.listCustomers(ctx, 1, perPage)
		require.NoError(t, err)
		sameRequests(t)
		sameValues(t, a, b)
		require.Len(t, b.Customers, perPage)
		assert.Equal(t, externalID(perPage-1), b.Customers[perPage-1].ExternalID)
	})

	t.Run("ListInvoices", func(t *testing.T) {
		for _, n := range invoicePageSizes {
			a, err := ours.ListInvoices(ctx, customerID, &lago.ListInvoicesOptions{Page: 1, PerPage: n})
			require.NoError(t, err)
			b, err := base.listInvoices(ctx, customerID, 1, n)
			require.NoError(t, err)
			sameRequests(t)
			assert.Equal(t, b, a, "page of %d", n)
			require.Len(t, b.Invoices, n)
			assert.NotEmpty(t, b.Invoices[1].AppliedTaxes)
		}
	})

	t.Run("GetCurrentUsage", func(t *testing.T) {
		a, err := ours.GetCurrentUsage(ctx, customerID, lago.CurrentUsageOptions{ExternalSubscriptionID: subscriptionID})
		require.NoError(t, err)
		b, err := base.currentUsage(ctx, customerID, subscriptionID)
		require.NoError(t, err)
		sameRequests(t)
		sameValues(t, a, b)
		require.Len(t, b.ChargesUsage, usageCharges)
		for _, c := range b.ChargesUsage {
			assert.NotEmpty(t, c.Filters)
			assert.NotEmpty(t, c.GroupedUsage)
			assert.NotEmpty(t, c.GroupedUsage[0].Filters)
		}
	})
}

func TestBothWalksSeeEveryCustomer(t *testing.T) {
	const total = 2*perPage + 50
	p := *fixtures(t)
	pages := *p.pages
	pages.total = total
	p.pages, p.firstPage = &pages, nil
	s := startServer(t, &server{p: &p})
	ctx := context.Background()

	var ours []string
	// Every item yielded stays valid, and unchanged, after the walk has
	// moved on: the strings of later pages are cut from new blocks.
	var kept []*lago.Customer
	for c, err := range s.lagoClient(t).AllCustomers(ctx, &lago.ListCustomersOptions{PerPage: perPage}) {
		require.NoError(t, err)
		ours = append(ours, c.ExternalID)
		kept = append(kept, c)
	}
	var base []string
	var baseKept []*baseCustomer
	err := s.baselineClient().eachCustomer(ctx, perPage, func(c *baseCustomer) {
		base = append(base, c.ExternalID)
		baseKept = append(baseKept, c)
	})
	require.NoError(t, err)
	require.Len(t, kept, len(baseKept))
	for i := range kept {
		sameValues(t, kept[i], baseKept[i])
	}

	require.Len(t, ours, total)
	assert.Equal(t, ours, base)
	assert.Equal(t, externalID(0), ours[0])
	assert.Equal(t, externalID(total-1), ours[total-1])
}

func TestWrittenPagesMatchTheirLength(t *testing.T) {
	g := fixtures(t).pages
	for _, page := range []int{1, 2, walkTotal / perPage, walkTotal/perPage + 1} {
		rec := httptest.NewRecorder()
		g.writePage(rec, page, perPage)
		body := rec.Body.Bytes()
		assert.Equal(t, string(g.appendPage(nil, page, perPage)), string(body), "page %d", page)
		assert.Equal(t, strconv.Itoa(len(body)), rec.Header().Get("Content-Length"), "page %d", page)
		assert.True(t, json.Valid(body), "page %d", page)
	}
}
