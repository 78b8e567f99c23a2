package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// The Lagotest* benchmarks measure the fake Lago of package lagotest, not
// the client: in each pair the "lago" side is lagotest and the "baseline"
// side is the cheapest server that can answer, a bare httptest server
// writing the very bytes lagotest answered. Both sides are called by
// package lago's client, as a user's test calls them, so the ratio is what
// a test pays for lagotest's routing, spec checks, store and encoding.
// LagotestStore compares lagotest with itself, at two store sizes.

// lagotestTax is the tax lagoInput's tax_codes names.
var lagotestTax = lago.Tax{Code: "fr_standard_vat", Name: "FR VAT", Rate: 20}

// newLagotest starts a lagotest server with the tax lagoInput names, and
// one customer, customerID.
func newLagotest(b *testing.B) (*lagotest.Server, *lago.Client) {
	b.Helper()
	s := lagotest.New(b, lagotest.WithAPIKey(apiKey), lagotest.WithTaxes(lagotestTax))
	c, err := s.Client()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.CreateCustomer(context.Background(), lagoInput); err != nil {
		b.Fatal(err)
	}
	return s, c
}

// recorded is one response as lagotest sent it.
type recorded struct {
	status int
	header http.Header
	body   []byte
}

// record sends req to lagotest with a plain http.Client and keeps the
// response, for the bare server to replay.
func record(b *testing.B, req *http.Request) recorded {
	b.Helper()
	req.Header.Set("Authorization", "Bearer "+apiKey)
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = rsp.Body.Close() }()
	body, err := io.ReadAll(rsp.Body)
	if err != nil {
		b.Fatal(err)
	}
	return recorded{status: rsp.StatusCode, header: rsp.Header.Clone(), body: body}
}

// bareServer answers every request with rec's bytes, after reading the
// request's body as any server must: what a test server costs at the least.
func bareServer(b *testing.B, rec recorded) *lago.Client {
	b.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			return
		}
		h := w.Header()
		for _, k := range []string{"Content-Type", "Content-Length", "X-Request-Id"} {
			h[k] = rec.header[k]
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body)
	}))
	b.Cleanup(ts.Close)
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(ts.URL+basePath))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// getCustomerCall is GetCustomer(customerID), failing b on error.
func getCustomerCall(b *testing.B, c *lago.Client) func() error {
	return func() error {
		cust, err := c.GetCustomer(context.Background(), customerID)
		if err == nil && cust.ExternalID != customerID {
			err = fmt.Errorf("got customer %q", cust.ExternalID)
		}
		return err
	}
}

// createCustomerCall creates a new customer on each call, shaped as
// lagoInput with its own external_id (an upsert of one customer would
// measure updates instead).
func createCustomerCall(c *lago.Client, prefix string) func() error {
	var n atomic.Int64
	return func() error {
		in := lagoInput
		in.ExternalID = prefix + strconv.FormatInt(n.Add(1), 10)
		_, err := c.CreateCustomer(context.Background(), in)
		return err
	}
}

// loopErr is loop for a call that returns an error.
func loopErr(b *testing.B, call func() error) {
	loop(b, func() {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkLagotestGetCustomer(b *testing.B) {
	c, bare := getCustomerPair(b)
	runPair(b, func(b *testing.B) {
		loopErr(b, getCustomerCall(b, c))
	}, func(b *testing.B) {
		loopErr(b, getCustomerCall(b, bare))
	})
}

func BenchmarkLagotestCreateCustomer(b *testing.B) {
	c, bare := createCustomerPair(b)
	runPair(b, func(b *testing.B) {
		loopErr(b, createCustomerCall(c, "new-"))
	}, func(b *testing.B) {
		loopErr(b, createCustomerCall(bare, "new-"))
	})
}

func BenchmarkLagotestGetCustomerParallel(b *testing.B) {
	c, bare := getCustomerPair(b)
	runPair(b, func(b *testing.B) {
		shareCalls(b, getCustomerCall(b, c))
	}, func(b *testing.B) {
		shareCalls(b, getCustomerCall(b, bare))
	})
}

func BenchmarkLagotestCreateCustomerParallel(b *testing.B) {
	c, bare := createCustomerPair(b)
	runPair(b, func(b *testing.B) {
		shareCalls(b, createCustomerCall(c, "new-"))
	}, func(b *testing.B) {
		shareCalls(b, createCustomerCall(bare, "new-"))
	})
}

// getCustomerPair is a client of a lagotest server holding the customer,
// and one of a bare server answering its GET with the bytes lagotest
// sends.
func getCustomerPair(b *testing.B) (lagotestClient, bareClient *lago.Client) {
	s, c := newLagotest(b)
	req := httptest.NewRequest(http.MethodGet, s.URL+"/customers/"+customerID, nil)
	req.RequestURI = ""
	return c, bareServer(b, record(b, req))
}

// createCustomerPair is the same for creating a customer, with the body
// package lago sends for lagoInput.
func createCustomerPair(b *testing.B) (lagotestClient, bareClient *lago.Client) {
	s, c := newLagotest(b)
	body, ok := gen.Codec.Append(nil, &gen.CustomerCreateInput{Customer: lagoInput})
	if !ok {
		b.Fatal("the create body does not encode")
	}
	req := httptest.NewRequest(http.MethodPost, s.URL+"/customers", bytes.NewReader(body))
	req.RequestURI = ""
	req.Header.Set("Content-Type", "application/json")
	return c, bareServer(b, record(b, req))
}

// The store sizes BenchmarkLagotestStore compares: a page or a walk at
// bigStore customers against the same at smallStore.
const (
	smallStore = 100
	bigStore   = 10_000
)

// seedCustomers creates n customers through the API, from a few
// goroutines: lagotest has no other way in, and the customers must be
// what a test would have made.
func seedCustomers(b *testing.B, c *lago.Client, n int) {
	b.Helper()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr atomic.Pointer[error]
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				in := lago.CustomerInput{ExternalID: externalID(int(i)), Name: lago.Value("Customer " + strconv.FormatInt(i, 10))}
				if _, err := c.CreateCustomer(context.Background(), in); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := firstErr.Load(); err != nil {
		b.Fatal(*err)
	}
}

// BenchmarkLagotestStore holds lagotest's cost per page against the size
// of its store: "lago" is a server of bigStore customers, "baseline" one
// of smallStore. ListCustomers fetches the first page of 100; AllCustomers
// walks every customer and reports the cost per customer as
// "ns/customer" (and "cpu-ns/customer"), which stays flat when the walk is
// linear in the store.
func BenchmarkLagotestStore(b *testing.B) {
	var small, big *lago.Client
	for _, size := range []int{smallStore, bigStore} {
		s := lagotest.New(b, lagotest.WithAPIKey(apiKey))
		c, err := s.Client()
		if err != nil {
			b.Fatal(err)
		}
		seedCustomers(b, c, size)
		if size == smallStore {
			small = c
		} else {
			big = c
		}
	}
	ctx := context.Background()
	list := func(c *lago.Client) func(b *testing.B) {
		return func(b *testing.B) {
			opts := &lago.ListCustomersOptions{Page: 1, PerPage: perPage}
			loopErr(b, func() error {
				page, err := c.ListCustomers(ctx, opts)
				if err == nil && len(page.Customers) != perPage {
					err = fmt.Errorf("a page of %d customers", len(page.Customers))
				}
				return err
			})
		}
	}
	walk := func(c *lago.Client, size int) func(b *testing.B) {
		return func(b *testing.B) {
			opts := &lago.ListCustomersOptions{PerPage: perPage}
			start, cpuOK := processCPU()
			loopErr(b, func() error {
				n := 0
				for _, err := range c.AllCustomers(ctx, opts) {
					if err != nil {
						return err
					}
					n++
				}
				if n != size {
					return fmt.Errorf("walked %d customers of %d", n, size)
				}
				return nil
			})
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size), "ns/customer")
			// CPU time, which other processes on the machine do not
			// inflate; loop's first, untimed walk counts here too.
			if end, endOK := processCPU(); cpuOK && endOK {
				b.ReportMetric(float64(end-start)/float64(b.N+1)/float64(size), "cpu-ns/customer")
			}
		}
	}
	b.Run("ListCustomers", func(b *testing.B) { runPair(b, list(big), list(small)) })
	b.Run("AllCustomers", func(b *testing.B) { runPair(b, walk(big, bigStore), walk(small, smallStore)) })
}

// startChildEnv makes the test binary, run again by BenchmarkLagotestStart,
// time its first server and exit: "lagotest" or "bare".
const startChildEnv = "LAGO_BENCH_START_CHILD"

// BenchmarkLagotestStart measures the first server of a fresh process:
// each iteration runs this test binary again, which starts one server
// (lagotest, or a bare httptest server), makes one request to it, and
// reports how long that took and how much it allocated, as "start-ms" and
// "start-MiB". Package initialization, the same for both sides, is not
// counted.
func BenchmarkLagotestStart(b *testing.B) {
	side := func(kind string) func(b *testing.B) {
		return func(b *testing.B) {
			var ms, mib float64
			for b.Loop() {
				m, a, err := runStartChild(kind)
				if err != nil {
					b.Fatal(err)
				}
				ms += m
				mib += a
			}
			b.ReportMetric(ms/float64(b.N), "start-ms")
			b.ReportMetric(mib/float64(b.N), "start-MiB")
		}
	}
	runPair(b, side("lagotest"), side("bare"))
}

func runStartChild(kind string) (ms, mib float64, err error) {
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLagotestStartChild$", "-test.count", "1")
	cmd.Env = append(os.Environ(), startChildEnv+"="+kind)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %s", err, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if _, err := fmt.Sscanf(strings.TrimSpace(sc.Text()), "start %f ms %f MiB", &ms, &mib); err == nil {
			return ms, mib, nil
		}
	}
	return 0, 0, fmt.Errorf("no start figures in %q", out)
}

// TestLagotestStartChild is BenchmarkLagotestStart's child; it does
// nothing unless the benchmark started it.
func TestLagotestStartChild(t *testing.T) {
	kind := os.Getenv(startChildEnv)
	if kind == "" {
		t.Skip("run by BenchmarkLagotestStart")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	var url string
	switch kind {
	case "lagotest":
		s := lagotest.NewServer(lagotest.WithAPIKey(apiKey))
		defer s.Close()
		url = s.URL
	default:
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, http.StatusNotFound, notFound)
		}))
		defer ts.Close()
		url = ts.URL + basePath
	}
	req, err := http.NewRequest(http.MethodGet, url+"/customers/"+customerID, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, rsp.Body)
	_ = rsp.Body.Close()
	if rsp.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", rsp.StatusCode)
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	fmt.Printf("start %.3f ms %.3f MiB\n", float64(elapsed)/1e6, float64(after.TotalAlloc-before.TotalAlloc)/(1<<20))
}
