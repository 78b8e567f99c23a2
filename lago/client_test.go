package lago_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
)

// A process that replaced http.DefaultTransport (httpmock, a tracing
// wrapper) still gets a working Client, with its own transport.
func TestNewClientWithAReplacedDefaultTransport(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "customer.json"))
	saved := http.DefaultTransport
	defer func() { http.DefaultTransport = saved }()
	http.DefaultTransport = roundTrip(func(*http.Request) (*http.Response, error) {
		t.Error("the Client used http.DefaultTransport")
		return nil, http.ErrNotSupported
	})

	_, err := f.Client().GetCustomer(t.Context(), "acme")
	require.NoError(t, err)
}
