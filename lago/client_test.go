package lago_test

import (
	"math"
	"net/http"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A process that replaced http.DefaultTransport (httpmock, a tracing
// wrapper) still gets a working Client, with its own transport.
func TestNewClientWithAReplacedDefaultTransport(t *testing.T) {
	f := fakelago.New(t)
	f.Answer(fakelago.OK(t, "customer.json"))
	saved := http.DefaultTransport
	defer func() { http.DefaultTransport = saved }()
	http.DefaultTransport = roundTripperFunc(func(*http.Request) (*http.Response, error) {
		t.Error("the Client used http.DefaultTransport")
		return nil, http.ErrNotSupported
	})

	_, err := f.Client().GetCustomer(t.Context(), "acme")
	require.NoError(t, err)
}

// A page size far above what arrives costs nothing: the walk sizes its
// pages by what the server sent.
func TestAllCustomersDoesNotAllocateForPerPage(t *testing.T) {
	for _, perPage := range []int{math.MaxInt, 1_000_000} {
		f := fakelago.New(t)
		f.Answer(fakelago.OK(t, "customer-list-empty.json"))
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
