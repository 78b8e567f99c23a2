package lagotest_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

var (
	uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	slugPattern = regexp.MustCompile(`^LAG-[0-9A-F]{4}-(\d{3})$`)
)

func TestGetAndDeleteCustomer(t *testing.T) {
	h := newHarness(t)
	created := h.create(lago.CustomerInput{ExternalID: "acme.eu/42", Name: lago.Value("Acme")})

	got, err := h.client.GetCustomer(h.ctx(), "acme.eu/42")
	require.NoError(t, err)
	assert.Equal(t, created, got)

	h.clock.Advance(time.Hour)
	deleted, err := h.client.DeleteCustomer(h.ctx(), "acme.eu/42")
	require.NoError(t, err)
	assert.Equal(t, created, deleted, "the customer as it was")

	notFound := `{"status":404,"error":"Not Found","code":"customer_not_found"}`
	_, err = h.client.GetCustomer(h.ctx(), "acme.eu/42")
	requireLagoError(t, err, http.StatusNotFound, notFound)
	_, err = h.client.DeleteCustomer(h.ctx(), "acme.eu/42")
	requireLagoError(t, err, http.StatusNotFound, notFound)
	_, err = h.client.GetCustomer(h.ctx(), "never-created")
	requireLagoError(t, err, http.StatusNotFound, notFound)

	page, err := h.client.ListCustomers(h.ctx(), nil)
	require.NoError(t, err)
	assert.Empty(t, page.Customers, "deleted customers leave the list")
}

func TestReusingADeletedExternalIDCreatesANewCustomer(t *testing.T) {
	h := newHarness(t)
	first := h.create(lago.CustomerInput{ExternalID: "acme", Name: lago.Value("First")})
	_, err := h.client.DeleteCustomer(h.ctx(), "acme")
	require.NoError(t, err)

	h.clock.Advance(time.Minute)
	second := h.create(lago.CustomerInput{ExternalID: "acme"})
	assert.NotEqual(t, first.LagoID, second.LagoID)
	assert.Equal(t, int64(2), second.SequentialID)
	assert.Nil(t, second.Name, "nothing is inherited from the deleted customer")
	assert.Equal(t, epoch.Add(time.Minute), second.CreatedAt)
}

// A customer's taxes carry applied_to_billing_entities_codes, always a
// sorted list, as Lago sends it.
func TestCustomerTaxesBillingEntities(t *testing.T) {
	tests := []struct {
		name string
		tax  lago.Tax
		want string
	}{
		{"none", lago.Tax{Code: "vat", Name: "VAT", Rate: 20}, `[]`},
		{"one", lago.Tax{Code: "vat", Name: "VAT", Rate: 20, AppliedToBillingEntitiesCodes: []string{"acme_eu"}}, `["acme_eu"]`},
		{"given, sorted", lago.Tax{Code: "vat", Name: "VAT", Rate: 20, AppliedToBillingEntitiesCodes: []string{"acme_us", "acme_eu"}}, `["acme_eu","acme_us"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, lagotest.WithBillingEntities("acme_eu", "acme_us"), lagotest.WithTaxes(tt.tax))
			h.create(lago.CustomerInput{ExternalID: "acme", TaxCodes: lago.Value([]string{"vat"})})
			got := h.raw(http.MethodGet, "/customers/acme", "", nil)
			require.Equal(t, http.StatusOK, got.status, got.body)
			var body struct {
				Customer struct {
					Taxes []map[string]json.RawMessage `json:"taxes"`
				} `json:"customer"`
			}
			require.NoError(t, json.Unmarshal([]byte(got.body), &body))
			require.Len(t, body.Customer.Taxes, 1)
			assert.JSONEq(t, tt.want, string(body.Customer.Taxes[0]["applied_to_billing_entities_codes"]))
		})
	}
}
