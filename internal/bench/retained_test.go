package bench

import (
	"context"
	"runtime"
	"testing"

	"github.com/lagoclient/lago-go/lago"
)

// BenchmarkRetainedCustomers measures what decoded customers keep alive
// once the caller drops the rest of the page: "page-B", the heap a whole
// page of perPage customers holds, and "one-B", what one customer kept
// from it holds. Package lago cuts strings and optional values from
// blocks shared by the items of a page (internal/codec's arena), so one
// item kept keeps its blocks; encoding/json gives every value its own
// allocation. Its ns/op is that of a ListCustomers call, which is not
// what it is about.
func BenchmarkRetainedCustomers(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		opts := &lago.ListCustomersOptions{Page: 1, PerPage: perPage}
		measureRetained(b, func() (page, one any) {
			p, err := c.ListCustomers(ctx, opts)
			if err != nil || len(p.Customers) != perPage {
				b.Fatalf("ListCustomers: %v", err)
			}
			kept := p.Customers[perPage/2] // a copy: the page's slice is dropped
			return p, &kept
		})
	}, func(b *testing.B) {
		c := s.baselineClient()
		measureRetained(b, func() (page, one any) {
			p, err := c.listCustomers(ctx, 1, perPage)
			if err != nil || len(p.Customers) != perPage {
				b.Fatalf("listCustomers: %v", err)
			}
			kept := p.Customers[perPage/2]
			return p, &kept
		})
	})
}

// retainedSamples is how many values each measurement keeps at once, so
// that the heap's growth is well above its noise.
const retainedSamples = 20

// measureRetained calls get retainedSamples times, keeping first the pages
// and then the single items it returns, and reports the heap each holds,
// measured once before the timed calls.
func measureRetained(b *testing.B, get func() (page, one any)) {
	get() // dial
	measure := func(keepPage bool) float64 {
		kept := make([]any, retainedSamples)
		runtime.GC()
		before := heapObjects()
		for i := range kept {
			page, one := get()
			if keepPage {
				kept[i] = page
			} else {
				kept[i] = one
			}
		}
		runtime.GC()
		after := heapObjects()
		runtime.KeepAlive(kept)
		return float64(after-min(before, after)) / retainedSamples
	}
	pageB, oneB := measure(true), measure(false)
	b.ReportAllocs()
	for b.Loop() {
		get()
	}
	b.ReportMetric(pageB, "page-B")
	b.ReportMetric(oneB, "one-B")
}
