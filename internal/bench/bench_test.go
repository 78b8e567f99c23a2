package bench

import (
	"context"
	"encoding/json"
	"flag"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/lago"
)

// Every Benchmark<Operation> below starts one server and runs the pair
// against it: <Operation>/lago with package lago's default http.Client,
// <Operation>/baseline with the hand-written client and its tuned
// http.Client. Each side checks what it got back, so a broken answer fails
// the run instead of looking fast.

// baselineFirst reverses the order of the sides. Command benchtable sets it
// every other round, so neither side always runs first, on a fresh heap, or just
// after the other side's garbage.
var baselineFirst = flag.Bool("bench.baseline-first", false, "run each pair's baseline before package lago")

// runPair runs the two sides of a pair as <Benchmark>/lago and
// <Benchmark>/baseline, in the order -bench.baseline-first says.
func runPair(b *testing.B, ours, baseline func(b *testing.B)) {
	if *baselineFirst {
		b.Run("baseline", baseline)
		b.Run("lago", ours)
		return
	}
	b.Run("lago", ours)
	b.Run("baseline", baseline)
}

// loop times call, after one untimed call that dials the connection, and
// reports allocations and "cpu-ns/op": the CPU time the whole process
// (client, server and runtime) spent per call. Wall time per call is what
// the targets are about, but on a shared machine it also counts the time
// other processes held the CPU; CPU time does not, so it tells a slower
// client from a busier machine. It may exceed ns/op: the server, the GC's
// workers and the scheduler's spinning run beside the caller.
func loop(b *testing.B, call func()) {
	call()
	b.ReportAllocs()
	start, ok := processCPU()
	for b.Loop() {
		call()
	}
	reportCPU(b, start, ok)
}

// loopPerItem is loop for a call that decodes n items of a kind named
// item, reporting also ns/op and cpu-ns/op over n, as ns/<item> and
// cpu-ns/<item>.
func loopPerItem(b *testing.B, n int, item string, call func()) {
	call()
	b.ReportAllocs()
	start, ok := processCPU()
	for b.Loop() {
		call()
	}
	end, endOK := processCPU()
	reportCPU(b, start, ok)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/"+item)
	if ok && endOK {
		b.ReportMetric(float64(end-start)/float64(b.N)/float64(n), "cpu-ns/"+item)
	}
}

// reportCPU reports the process CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration, ok bool) {
	end, endOK := processCPU()
	if ok && endOK && b.N > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkGetCustomer(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		get := func() {
			cust, err := c.GetCustomer(ctx, customerID)
			if err != nil || cust.ExternalID != customerID {
				b.Fatalf("GetCustomer: %v", err)
			}
		}
		loop(b, get)
	}, func(b *testing.B) {
		c := s.baselineClient()
		get := func() {
			cust, err := c.getCustomer(ctx, customerID)
			if err != nil || cust.ExternalID != customerID {
				b.Fatalf("getCustomer: %v", err)
			}
		}
		loop(b, get)
	})
}

func BenchmarkCreateCustomer(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		create := func() {
			cust, err := c.CreateCustomer(ctx, lagoInput)
			if err != nil || cust.ExternalID != customerID {
				b.Fatalf("CreateCustomer: %v", err)
			}
		}
		loop(b, create)
	}, func(b *testing.B) {
		c := s.baselineClient()
		create := func() {
			cust, err := c.createCustomer(ctx, baselineInput)
			if err != nil || cust.ExternalID != customerID {
				b.Fatalf("createCustomer: %v", err)
			}
		}
		loop(b, create)
	})
}

// BenchmarkListCustomers fetches one page of perPage full customers.
func BenchmarkListCustomers(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		opts := &lago.ListCustomersOptions{Page: 1, PerPage: perPage}
		list := func() {
			page, err := c.ListCustomers(ctx, opts)
			if err != nil || len(page.Customers) != perPage {
				b.Fatalf("ListCustomers: %v", err)
			}
		}
		loop(b, list)
	}, func(b *testing.B) {
		c := s.baselineClient()
		list := func() {
			page, err := c.listCustomers(ctx, 1, perPage)
			if err != nil || len(page.Customers) != perPage {
				b.Fatalf("listCustomers: %v", err)
			}
		}
		loop(b, list)
	})
}

// BenchmarkGetCurrentUsage fetches a usage of usageCharges charges, each
// with filters and pricing groups.
func BenchmarkGetCurrentUsage(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		opts := lago.CurrentUsageOptions{ExternalSubscriptionID: subscriptionID}
		get := func() {
			u, err := c.GetCurrentUsage(ctx, customerID, opts)
			if err != nil || len(u.ChargesUsage) != usageCharges {
				b.Fatalf("GetCurrentUsage: %v", err)
			}
		}
		loop(b, get)
	}, func(b *testing.B) {
		c := s.baselineClient()
		get := func() {
			u, err := c.currentUsage(ctx, customerID, subscriptionID)
			if err != nil || len(u.ChargesUsage) != usageCharges {
				b.Fatalf("currentUsage: %v", err)
			}
		}
		loop(b, get)
	})
}

// callers is how many goroutines call at once in BenchmarkGetCustomerParallel.
const callers = 32

// BenchmarkGetCustomerParallel makes GetCustomer from callers goroutines at
// once. Its ns/op is wall time over all calls, so its inverse is throughput.
// Each run starts with a new client and an empty pool, and reports as
// "conns" how many TCP connections the server accepted during it, next to
// "callers" (benchtable checks one against the other): a pool
// that keeps fewer idle connections than there are callers closes and
// redials under load, and shows here as conns far above callers.
func BenchmarkGetCustomerParallel(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		runCallers(b, s, func() error {
			_, err := c.GetCustomer(ctx, customerID)
			return err
		})
	}, func(b *testing.B) {
		c := s.baselineClient()
		runCallers(b, s, func() error {
			_, err := c.getCustomer(ctx, customerID)
			return err
		})
	})
}

// runCallers shares b.N calls among exactly callers goroutines (see
// shareCalls), each run on connections of its own, and reports how many it
// opened.
func runCallers(b *testing.B, s *server, call func() error) {
	s.closeConns()
	s.conns.Store(0)
	shareCalls(b, call)
	b.ReportMetric(float64(s.conns.Load()), "conns")
	b.ReportMetric(callers, "callers")
	// Close this run's connections here, not in the next run, so a run
	// never inherits its predecessor's pool.
	s.closeConns()
}

// shareCalls shares b.N calls among exactly callers goroutines, and
// reports the process's CPU time a call. It does not use b.RunParallel,
// which starts parallelism × GOMAXPROCS goroutines: that is 32 only when
// GOMAXPROCS divides 32, and the point here is a fixed number of
// concurrent callers whatever the machine.
func shareCalls(b *testing.B, call func() error) {
	b.ReportAllocs()
	b.ResetTimer()
	start, ok := processCPU()

	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr atomic.Pointer[error]
	)
	for range callers {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				if err := call(); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	reportCPU(b, start, ok)
	if err := firstErr.Load(); err != nil {
		b.Fatal(*err)
	}
}

// BenchmarkAllCustomers walks walkTotal customers, perPage a page, and
// reports the heap the walk takes, above the heap before it, in units of
// the heap one decoded page of perPage customers takes:
//
//   - "peak-live-pages": the most heap the walk keeps reachable at any of
//     its probes. An untimed walk before the timed ones stops at the first,
//     middle and last customer of every probeStride-th page, collects
//     garbage and reads the heap. This is what the walk holds, whatever
//     the collector's pacing: 1 for an iterator that keeps the current page
//     and nothing else, growing with the total for one that accumulates.
//   - "peak-heap-MB" and "pages-worth": the largest HeapAlloc sampled during
//     the timed walks, which run with no forced collection. That is live
//     heap plus the garbage not yet collected, so it follows the GC pacer
//     more than the client: with GOGC=100 no cycle starts before the heap
//     reaches 4 MB in all.
func BenchmarkAllCustomers(b *testing.B) {
	s := newServer(b)
	ctx := context.Background()

	runPair(b, func(b *testing.B) {
		c := s.lagoClient(b)
		opts := &lago.ListCustomersOptions{PerPage: perPage}
		page := decodedHeap(b, s.p.firstPage, func() any { return new(lago.CustomerPage) })
		measureWalk(b, page, func(visit func(externalID string)) error {
			for cust, err := range c.AllCustomers(ctx, opts) {
				if err != nil {
					return err
				}
				visit(cust.ExternalID)
			}
			return nil
		})
	}, func(b *testing.B) {
		c := s.baselineClient()
		page := decodedHeap(b, s.p.firstPage, func() any { return new(baseCustomerPage) })
		measureWalk(b, page, func(visit func(externalID string)) error {
			return c.eachCustomer(ctx, perPage, func(cust *baseCustomer) {
				visit(cust.ExternalID)
			})
		})
	})
}

// probeStride is how often, in pages, the probe walk stops to measure
// what the walk keeps: a hundred pages of the thousand, at three points of
// each (about three hundred forced collections, a second or so).
const probeStride = 10

// isProbe reports whether the n-th customer of a walk (from 0) is a point
// where the probe walk measures the live heap: the first customer of a
// page, just after the iterator decoded it, its middle, and its last, just
// before the iterator fetches the next.
func isProbe(n int) bool {
	if (n/perPage)%probeStride != 0 {
		return false
	}
	switch n % perPage {
	case 0, perPage / 2, perPage - 1:
		return true
	}
	return false
}

// walkChecked runs walk and fails b unless it visited every customer, in
// order. At each customer it calls at(n).
func walkChecked(b *testing.B, walk func(visit func(externalID string)) error, at func(n int)) {
	n := 0
	err := walk(func(id string) {
		var want [16]byte
		// string(bytes) == id does not allocate.
		if string(appendExternalID(want[:0], n)) != id {
			b.Fatalf("customer %d has external_id %q", n, id)
		}
		at(n)
		n++
	})
	if err != nil {
		b.Fatalf("walk: %v", err)
	}
	if n != walkTotal {
		b.Fatalf("walked %d customers, want %d", n, walkTotal)
	}
}

// measureWalk measures walk, which must visit every customer in order: the
// live heap in one probe walk, then time and sampled heap in the timed
// walks. Collecting garbage before each walk is untimed; it makes every
// walk start from the same heap, which is what the figures are measured
// above. The sampler runs inside the timed region, for both sides alike;
// it reads the heap ten thousand times a second, which costs little next
// to decoding.
func measureWalk(b *testing.B, pageHeap uint64, walk func(visit func(externalID string)) error) {
	runtime.GC()
	before := heapObjects()
	var live uint64
	walkChecked(b, walk, func(n int) {
		if isProbe(n) {
			runtime.GC()
			h := heapObjects()
			live = max(live, h-min(before, h))
		}
	})

	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		before := heapObjects()
		stop := sampleHeap()
		b.StartTimer()

		walkChecked(b, walk, func(int) {})

		b.StopTimer()
		top := stop()
		peak = max(peak, top-min(before, top))
		b.StartTimer()
	}
	b.ReportMetric(float64(live)/float64(pageHeap), "peak-live-pages")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(peak)/float64(pageHeap), "pages-worth")
}

// heapMetric is HeapAlloc in runtime/metrics: the bytes of heap objects,
// live or not yet swept. Reading it, unlike runtime.ReadMemStats, does not
// stop the world, so sampling it often barely disturbs the walk.
const heapMetric = "/memory/classes/heap/objects:bytes"

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap polls the heap every 100µs until the returned func is called,
// which returns the largest value seen. A page takes milliseconds to
// fetch and decode, so the sampler sees each page's growth many times.
func sampleHeap() (stop func() uint64) {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: heapMetric}}
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		var peak uint64
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// decodedHeap is the heap that body takes once decoded into newValue(),
// as it stays while the caller looks at it: what "a page" weighs.
func decodedHeap(tb testing.TB, body []byte, newValue func() any) uint64 {
	tb.Helper()
	runtime.GC()
	before := heapObjects()
	v := newValue()
	if err := json.Unmarshal(body, v); err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	after := heapObjects()
	runtime.KeepAlive(v)
	if after <= before {
		tb.Fatalf("decoded page measured at %d bytes", int64(after)-int64(before))
	}
	return after - before
}
