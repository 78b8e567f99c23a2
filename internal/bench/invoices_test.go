package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/lagoclient/lago-go/lago"
)

// invoicePageSizes are the pages BenchmarkListInvoices fetches: Lago's
// default page and one on each side, about 160, 330 and 650 KB. A cost
// that depended on the answer's size, such as a buffer pool whose cap
// falls between two of them, shows as a per-invoice cost that differs
// from one size to the next.
var invoicePageSizes = []int{50, 100, 200}

// invoicePages builds a page of n invoices for each of invoicePageSizes
// from the three invoices of gen/testdata/invoices.json, taken in turn,
// each with its own lago_id, number and sequential_id. Every key of the
// fixture is kept, null or not.
func invoicePages(fixture map[string]any) (map[int][]byte, error) {
	items := fixture["invoices"].([]any)
	pages := map[int][]byte{}
	for _, n := range invoicePageSizes {
		list := make([]any, n)
		for i := range n {
			inv := object(clone(items[i%len(items)]))
			inv["lago_id"] = fmt.Sprintf("a1b2c3d4-0002-4e5f-8a9b-%012d", i)
			inv["number"] = fmt.Sprintf("ACM-7F3A-042-%04d", i)
			inv["sequential_id"] = i + 1
			list[i] = inv
		}
		meta := map[string]any{"current_page": 1, "next_page": 2, "prev_page": nil, "total_pages": 5, "total_count": 5 * n}
		raw, err := json.Marshal(map[string]any{"invoices": list, "meta": meta})
		if err != nil {
			return nil, err
		}
		pages[n] = raw
	}
	return pages, nil
}

func (s *server) listInvoices(w http.ResponseWriter, r *http.Request) {
	per, err := strconv.Atoi(r.URL.Query().Get("per_page"))
	body, ok := s.p.invoicePages[per]
	if r.PathValue("id") != customerID || err != nil || !ok {
		writeJSON(w, http.StatusNotFound, notFound)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// listInvoices is the baseline's ListInvoices. It decodes into package
// lago's own InvoicePage: encoding/json into the generated types is the
// hand-written client's decoding exactly, and an invoice has too many
// nested types to mirror by hand.
func (c *baselineClient) listInvoices(ctx context.Context, customerID string, page, per int) (*lago.InvoicePage, error) {
	u := c.base + "/customers/" + url.PathEscape(customerID) + "/invoices?page=" + strconv.Itoa(page) + "&per_page=" + strconv.Itoa(per)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var p lago.InvoicePage
	if err := c.do(req, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// BenchmarkListInvoices fetches one page of a customer's invoices at each
// of invoicePageSizes, and reports "ns/invoice" and "cpu-ns/invoice":
// ns/op and cpu-ns/op over the page's invoices, which benchtable compares
// across the sizes.
func BenchmarkListInvoices(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()
	for _, n := range invoicePageSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			runPair(b, func(b *testing.B) {
				c := s.lagoClient(b)
				opts := &lago.ListInvoicesOptions{Page: 1, PerPage: n}
				list := func() {
					page, err := c.ListInvoices(ctx, customerID, opts)
					if err != nil || len(page.Invoices) != n {
						b.Fatalf("ListInvoices: %v", err)
					}
				}
				loopPerItem(b, n, "invoice", list)
			}, func(b *testing.B) {
				c := s.baselineClient()
				list := func() {
					page, err := c.listInvoices(ctx, customerID, 1, n)
					if err != nil || len(page.Invoices) != n {
						b.Fatalf("listInvoices: %v", err)
					}
				}
				loopPerItem(b, n, "invoice", list)
			})
		})
	}
}

// BenchmarkListInvoicesExchange is the floor under BenchmarkListInvoices:
// the same request for each page size, through the baseline's transport,
// with the body read into a 64 KiB buffer and dropped, nothing decoded. Its
// cpu-ns/invoice is what the HTTP exchange alone costs per invoice, both
// ends of it in this process; the part that does not grow with the page
// (about 100 µs of CPU a call on a 2-core machine) is why a page of 50
// costs more per invoice than a page of 100 for any client, however flat
// its decoding is.
func BenchmarkListInvoicesExchange(b *testing.B) {
	s := newServer(b)
	c := s.baselineClient()
	buf := make([]byte, 64<<10)
	for _, n := range invoicePageSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			url := c.base + "/customers/" + customerID + "/invoices?page=1&per_page=" + strconv.Itoa(n)
			loopPerItem(b, n, "invoice", func() {
				req, err := http.NewRequest(http.MethodGet, url, nil)
				if err != nil {
					b.Fatal(err)
				}
				req.Header.Set("Authorization", c.auth)
				rsp, err := c.hc.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				size := 0
				for {
					k, err := rsp.Body.Read(buf)
					size += k
					if err != nil {
						break
					}
				}
				_ = rsp.Body.Close()
				if rsp.StatusCode != http.StatusOK || size != len(s.p.invoicePages[n]) {
					b.Fatalf("status %d, %d bytes", rsp.StatusCode, size)
				}
			})
		})
	}
}
