package lago_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// allCase is one All* method. Its opts builds its options for a page and a
// page size, with filters that hold slices and maps where the options
// have them, so that a test can see they are left as they were; its all
// ranges the method over them, yielding each item's id.
type allCase struct {
	name string
	path string
	opts func(page, perPage int) any
	all  func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error]
}

// ids maps an iterator of items to their ids, passing errors on.
func ids[T any](seq iter.Seq2[*T, error], id func(*T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			if err != nil {
				yield("", err)
				return
			}
			if !yield(id(v), nil) {
				return
			}
		}
	}
}

func lagoID[T interface {
	lago.Customer | lago.AppliedCoupon | lago.Invoice | lago.CreditNote | lago.Payment | lago.PaymentRequest |
		lago.Subscription | lago.PaymentMethod | lago.Wallet | lago.WalletAlert
}](v *T) string {
	switch v := any(v).(type) {
	case *lago.Customer:
		return v.LagoID
	case *lago.AppliedCoupon:
		return v.LagoID
	case *lago.Invoice:
		return v.LagoID
	case *lago.CreditNote:
		return v.LagoID
	case *lago.Payment:
		return v.LagoID
	case *lago.PaymentRequest:
		return v.LagoID
	case *lago.Subscription:
		return v.LagoID
	case *lago.PaymentMethod:
		return v.LagoID
	case *lago.Wallet:
		return v.LagoID
	case *lago.WalletAlert:
		return v.LagoID
	}
	return ""
}

var allCases = []allCase{
	{"AllCustomers", "/customers",
		func(page, perPage int) any {
			return &lago.ListCustomersOptions{Page: page, PerPage: perPage, Countries: []string{"FR"}, Metadata: map[string]string{"segment": "b2b"}}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllCustomers(ctx, opts.(*lago.ListCustomersOptions)), lagoID)
		}},
	{"AllAppliedCoupons", "/customers/acme/applied_coupons",
		func(page, perPage int) any {
			return &lago.ListAppliedCouponsOptions{Page: page, PerPage: perPage}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllAppliedCoupons(ctx, "acme", opts.(*lago.ListAppliedCouponsOptions)), lagoID)
		}},
	{"AllPastUsage", "/customers/acme/past_usage",
		func(page, perPage int) any {
			return &lago.PastUsageOptions{ExternalSubscriptionID: "sub", Page: page, PerPage: perPage}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllPastUsage(ctx, "acme", *opts.(*lago.PastUsageOptions)), func(u *lago.CustomerUsage) string { return *u.LagoInvoiceID })
		}},
	{"AllInvoices", "/customers/acme/invoices",
		func(page, perPage int) any {
			return &lago.ListInvoicesOptions{Page: page, PerPage: perPage, Statuses: []lago.InvoiceStatus{lago.InvoiceStatusFinalized}, Metadata: map[string]string{"po": "7"}}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllInvoices(ctx, "acme", opts.(*lago.ListInvoicesOptions)), lagoID)
		}},
	{"AllCreditNotes", "/customers/acme/credit_notes",
		func(page, perPage int) any {
			return &lago.ListCreditNotesOptions{Page: page, PerPage: perPage, InvoiceNumber: "INV-1"}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllCreditNotes(ctx, "acme", opts.(*lago.ListCreditNotesOptions)), lagoID)
		}},
	{"AllPayments", "/customers/acme/payments",
		func(page, perPage int) any {
			return &lago.ListPaymentsOptions{Page: page, PerPage: perPage}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllPayments(ctx, "acme", opts.(*lago.ListPaymentsOptions)), lagoID)
		}},
	{"AllPaymentRequests", "/customers/acme/payment_requests",
		func(page, perPage int) any {
			return &lago.ListPaymentRequestsOptions{Page: page, PerPage: perPage, BillingEntityCodes: []string{"eu"}}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllPaymentRequests(ctx, "acme", opts.(*lago.ListPaymentRequestsOptions)), lagoID)
		}},
	{"AllSubscriptions", "/customers/acme/subscriptions",
		func(page, perPage int) any {
			return &lago.ListSubscriptionsOptions{Page: page, PerPage: perPage, Statuses: []lago.SubscriptionStatus{lago.SubscriptionStatusActive, lago.SubscriptionStatusTerminated}}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllSubscriptions(ctx, "acme", opts.(*lago.ListSubscriptionsOptions)), lagoID)
		}},
	{"AllPaymentMethods", "/customers/acme/payment_methods",
		func(page, perPage int) any {
			return &lago.ListPaymentMethodsOptions{Page: page, PerPage: perPage}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllPaymentMethods(ctx, "acme", opts.(*lago.ListPaymentMethodsOptions)), lagoID)
		}},
	{"AllWallets", "/customers/acme/wallets",
		func(page, perPage int) any {
			return &lago.ListWalletsOptions{Page: page, PerPage: perPage}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllWallets(ctx, "acme", opts.(*lago.ListWalletsOptions)), lagoID)
		}},
	{"AllWalletAlerts", "/customers/acme/wallets/main/alerts",
		func(page, perPage int) any {
			return &lago.ListWalletAlertsOptions{Page: page, PerPage: perPage}
		},
		func(ctx context.Context, c *lago.Client, opts any) iter.Seq2[string, error] {
			return ids(c.AllWalletAlerts(ctx, "acme", "main", opts.(*lago.ListWalletAlertsOptions)), lagoID)
		}},
}

// itemsKey is the key of a list's items, by the last segment of its path.
var itemsKey = map[string]string{
	"customers": "customers", "applied_coupons": "applied_coupons", "past_usage": "usage_periods",
	"invoices": "invoices", "credit_notes": "credit_notes", "payments": "payments",
	"payment_requests": "payment_requests", "subscriptions": "subscriptions",
	"payment_methods": "payment_methods", "wallets": "wallets", "alerts": "alerts",
}

func itemID(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// countingLago is a loopback server for every list that holds `items`
// records but counts `claimed` in its meta, as Lago's invoice list does
// when it serves the organization's cached count to one customer: pages
// past the last record are empty and still have a next_page, up to the
// page the claimed count ends on. A perPageCap other than 0 caps per_page as
// a server with a maximum would. It records the query of every request.
type countingLago struct {
	items, claimed, perPageCap int

	mu      sync.Mutex
	queries []url.Values
}

func (l *countingLago) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l.mu.Lock()
	l.queries = append(l.queries, q)
	l.mu.Unlock()
	page, perPage := 1, 100
	if n, err := strconv.Atoi(q.Get("page")); err == nil {
		page = n
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil {
		perPage = n
	}
	if l.perPageCap != 0 {
		perPage = min(perPage, l.perPageCap)
	}
	items := []map[string]string{}
	for i := (page - 1) * perPage; i < min(page*perPage, l.items); i++ {
		items = append(items, map[string]string{"lago_id": itemID(i + 1), "lago_invoice_id": itemID(i + 1)})
	}
	pages := (l.claimed + perPage - 1) / perPage
	var next *int
	if page < pages {
		next = lago.Ptr(page + 1)
	}
	w.Header().Set("Content-Type", "application/json")
	body := map[string]any{"meta": map[string]any{"current_page": page, "next_page": next, "total_pages": pages, "total_count": l.claimed}}
	body[itemsKey[path.Base(r.URL.Path)]] = items
	_ = json.NewEncoder(w).Encode(body)
}

// requests returns the queries received so far.
func (l *countingLago) requests() []url.Values {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.queries
}

func (l *countingLago) client(t *testing.T) *lago.Client {
	t.Helper()
	srv := httptest.NewServer(l)
	t.Cleanup(srv.Close)
	c, err := lago.NewClient("key", lago.WithBaseURL(srv.URL))
	require.NoError(t, err)
	return c
}

// collect ranges seq to its end, failing on an error.
func collect(t *testing.T, seq iter.Seq2[string, error]) []string {
	t.Helper()
	got := []string{}
	for id, err := range seq {
		require.NoError(t, err)
		got = append(got, id)
	}
	return got
}

// Lago's customer invoice list may count the organization's 2,000
// invoices for a customer with 3, so next_page goes on to page 1,000 at 2
// a page; every walk stops at the first empty page instead.
func TestAllStopsAtTheFirstEmptyPage(t *testing.T) {
	for _, tc := range allCases {
		t.Run(tc.name, func(t *testing.T) {
			l := &countingLago{items: 3, claimed: 2000}
			got := collect(t, tc.all(t.Context(), l.client(t), tc.opts(0, 2)))
			assert.Equal(t, []string{itemID(1), itemID(2), itemID(3)}, got)
			reqs := l.requests()
			// Counted, not compared, so that a walk that goes on prints
			// one number rather than a thousand queries.
			require.Equal(t, 3, len(reqs), "requests made")
			for i, page := range []string{"", "2", "3"} {
				assert.Equal(t, page, reqs[i].Get("page"))
				assert.Equal(t, "2", reqs[i].Get("per_page"))
			}
		})
	}
}

// A page shorter than per_page does not end a walk: a server that caps
// per_page below what was asked sends short pages before the last.
func TestAllGoesOnAfterAShortPage(t *testing.T) {
	for _, tc := range allCases {
		t.Run(tc.name, func(t *testing.T) {
			l := &countingLago{items: 5, claimed: 5, perPageCap: 2}
			got := collect(t, tc.all(t.Context(), l.client(t), tc.opts(0, 3)))
			assert.Equal(t, []string{itemID(1), itemID(2), itemID(3), itemID(4), itemID(5)}, got)
			assert.Len(t, l.requests(), 3)
		})
	}
}

// An iterator is a value: each range walks the same pages from the
// options' page, and leaves the options as they were.
func TestAllRangedAgainStartsOver(t *testing.T) {
	for _, tc := range allCases {
		t.Run(tc.name, func(t *testing.T) {
			l := &countingLago{items: 7, claimed: 7}
			opts := tc.opts(2, 2)
			seq := tc.all(t.Context(), l.client(t), opts)
			want := []string{itemID(3), itemID(4), itemID(5), itemID(6), itemID(7)}
			assert.Equal(t, want, collect(t, seq))
			assert.Equal(t, want, collect(t, seq))
			var pages []string
			for _, q := range l.requests() {
				pages = append(pages, q.Get("page"))
			}
			assert.Equal(t, []string{"2", "3", "4", "2", "3", "4"}, pages)
			assert.Equal(t, tc.opts(2, 2), opts)
		})
	}
}

// A range that breaks off leaves nothing behind for the next one.
func TestAllRangedAfterABreakStartsOver(t *testing.T) {
	for _, tc := range allCases {
		t.Run(tc.name, func(t *testing.T) {
			l := &countingLago{items: 5, claimed: 5}
			seq := tc.all(t.Context(), l.client(t), tc.opts(0, 2))
			for id, err := range seq {
				require.NoError(t, err)
				if id == itemID(3) {
					break
				}
			}
			assert.Equal(t, []string{itemID(1), itemID(2), itemID(3), itemID(4), itemID(5)}, collect(t, seq))
		})
	}
}

// Two goroutines ranging the same iterator at once each get the whole
// list; run with -race.
func TestAllRangedConcurrently(t *testing.T) {
	for _, tc := range allCases {
		t.Run(tc.name, func(t *testing.T) {
			l := &countingLago{items: 5, claimed: 5}
			opts := tc.opts(0, 2)
			seq := tc.all(t.Context(), l.client(t), opts)
			var got [2][]string
			var errs [2]error
			var wg sync.WaitGroup
			for g := range got {
				wg.Go(func() {
					for id, err := range seq {
						if err != nil {
							errs[g] = err
							return
						}
						got[g] = append(got[g], id)
					}
				})
			}
			wg.Wait()
			want := []string{itemID(1), itemID(2), itemID(3), itemID(4), itemID(5)}
			for g := range got {
				require.NoError(t, errs[g])
				assert.Equal(t, want, got[g])
			}
			assert.Len(t, l.requests(), 6)
			assert.Equal(t, tc.opts(0, 2), opts)
		})
	}
}

// Through lagotest, whose invoice list counts the organization's invoices
// as Lago's count cache does: a customer with 3 invoices among the
// organization's 2,000 is walked in 3 requests at 2 a page, not 1,000.
func TestAllInvoicesEndsWithTheCustomersInvoices(t *testing.T) {
	srv := lagotest.New(t)
	c, err := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	require.NoError(t, err)
	for _, id := range []string{"acme", "globex"} {
		_, err := c.CreateCustomer(t.Context(), lago.CustomerInput{ExternalID: id})
		require.NoError(t, err)
	}
	for range 3 {
		_, err := srv.AddInvoice("acme", lago.Invoice{})
		require.NoError(t, err)
	}
	for range 1997 {
		_, err := srv.AddInvoice("globex", lago.Invoice{})
		require.NoError(t, err)
	}
	page, err := c.ListInvoices(t.Context(), "acme", nil)
	require.NoError(t, err)
	require.Len(t, page.Invoices, 3)
	want := []string{page.Invoices[0].LagoID, page.Invoices[1].LagoID, page.Invoices[2].LagoID}
	page, err = c.ListInvoices(t.Context(), "acme", &lago.ListInvoicesOptions{PerPage: 2})
	require.NoError(t, err)
	require.Equal(t, int64(1000), page.Meta.TotalPages, "the count is the organization's")

	seq := ids(c.AllInvoices(t.Context(), "acme", &lago.ListInvoicesOptions{PerPage: 2}), lagoID)
	before := len(srv.Requests())
	assert.Equal(t, want, collect(t, seq))
	walked := srv.Requests()[before:]
	require.Equal(t, 3, len(walked), "requests made")
	for i, page := range []string{"", "2", "3"} {
		assert.Equal(t, lagotest.OpListInvoices, walked[i].OperationID)
		assert.Equal(t, page, walked[i].Query.Get("page"))
	}
}

// A page size far above what arrives costs nothing: the walk sizes its
// pages by what the server sent.
func TestAllCustomersDoesNotAllocateForPerPage(t *testing.T) {
	for _, perPage := range []int{math.MaxInt, 1_000_000} {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "customer-list-empty.json"))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		n := 0
		for _, err := range f.Client().AllCustomers(t.Context(), &lago.ListCustomersOptions{PerPage: perPage}) {
			require.NoError(t, err)
			n++
		}
		runtime.ReadMemStats(&after)
		assert.Zero(t, n)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<20), "per_page %d", perPage)
	}
}

// next_page 0, as some proxies and other clients' fixtures send it, ends a
// walk like null.
func TestNextPageZeroEndsTheWalk(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.Response{Status: http.StatusOK, Header: jsonHeader(), OffSpec: true, Body: []byte(`{"customers":[{"external_id":"a"}],"meta":{"current_page":1,"next_page":0,"prev_page":0,"total_pages":1,"total_count":1}}`)})
	var ids []string
	for cust, err := range f.Client().AllCustomers(t.Context(), nil) {
		require.NoError(t, err)
		ids = append(ids, cust.ExternalID)
	}
	assert.Equal(t, []string{"a"}, ids)
	assert.Len(t, f.Sent(), 1)
}
