package lagotest_test

import (
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func externalIDs(cs []lago.Customer) []string {
	ids := []string{}
	for _, c := range cs {
		ids = append(ids, c.ExternalID)
	}
	return ids
}

func TestListCustomersOrder(t *testing.T) {
	h := newHarness(t)
	h.create(lago.CustomerInput{ExternalID: "first"})
	h.create(lago.CustomerInput{ExternalID: "same-second"})
	h.clock.Advance(time.Second)
	h.create(lago.CustomerInput{ExternalID: "newest"})
	// An update changes updated_at, not the order.
	h.create(lago.CustomerInput{ExternalID: "first", Name: lago.Value("x")})

	page, err := h.client.ListCustomers(h.ctx(), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"newest", "first", "same-second"}, externalIDs(page.Customers),
		"newest first, ties by lago_id, which ascends with creation")
}

func TestListCustomersPaging(t *testing.T) {
	ptr := lago.Ptr[int64]
	tests := []struct {
		name      string
		customers int
		opts      *lago.ListCustomersOptions
		wantIDs   []string
		wantMeta  lago.PaginationMeta
	}{
		{name: "no customer", customers: 0, wantIDs: []string{}, wantMeta: lago.PaginationMeta{}},
		{name: "no customer, page 3", customers: 0, opts: &lago.ListCustomersOptions{Page: 3}, wantIDs: []string{}, wantMeta: lago.PaginationMeta{}},
		{name: "default page size", customers: 5, wantIDs: []string{"c5", "c4", "c3", "c2", "c1"},
			wantMeta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 5}},
		{name: "first page", customers: 5, opts: &lago.ListCustomersOptions{PerPage: 2}, wantIDs: []string{"c5", "c4"},
			wantMeta: lago.PaginationMeta{CurrentPage: 1, NextPage: ptr(2), TotalPages: 3, TotalCount: 5}},
		{name: "middle page", customers: 5, opts: &lago.ListCustomersOptions{Page: 2, PerPage: 2}, wantIDs: []string{"c3", "c2"},
			wantMeta: lago.PaginationMeta{CurrentPage: 2, NextPage: ptr(3), PrevPage: ptr(1), TotalPages: 3, TotalCount: 5}},
		{name: "last page", customers: 5, opts: &lago.ListCustomersOptions{Page: 3, PerPage: 2}, wantIDs: []string{"c1"},
			wantMeta: lago.PaginationMeta{CurrentPage: 3, PrevPage: ptr(2), TotalPages: 3, TotalCount: 5}},
		{name: "beyond the last page", customers: 5, opts: &lago.ListCustomersOptions{Page: 4, PerPage: 2}, wantIDs: []string{},
			wantMeta: lago.PaginationMeta{CurrentPage: 4, TotalPages: 3, TotalCount: 5}},
		{name: "huge page size", customers: 2, opts: &lago.ListCustomersOptions{PerPage: math.MaxInt}, wantIDs: []string{"c2", "c1"},
			wantMeta: lago.PaginationMeta{CurrentPage: 1, TotalPages: 1, TotalCount: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			for i := 1; i <= tt.customers; i++ {
				h.create(lago.CustomerInput{ExternalID: "c" + string(rune('0'+i))})
				h.clock.Advance(time.Second)
			}
			page, err := h.client.ListCustomers(h.ctx(), tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.wantIDs, externalIDs(page.Customers))
			assert.Equal(t, tt.wantMeta, page.Meta)
		})
	}
}

func TestListCustomersEmptyAnswer(t *testing.T) {
	h := newHarness(t)
	requireAnswer(t, h.raw(http.MethodGet, "/customers", "", nil), http.StatusOK,
		`{"customers":[],"meta":{"current_page":0,"next_page":null,"prev_page":null,"total_pages":0,"total_count":0}}`)
}

func TestAllCustomersFollowsPages(t *testing.T) {
	h := newHarness(t)
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		h.create(lago.CustomerInput{ExternalID: id})
		h.clock.Advance(time.Second)
	}
	var got []string
	for c, err := range h.client.AllCustomers(h.ctx(), &lago.ListCustomersOptions{PerPage: 2}) {
		require.NoError(t, err)
		got = append(got, c.ExternalID)
	}
	assert.Equal(t, []string{"e", "d", "c", "b", "a"}, got)
	assert.Len(t, h.srv.Requests(), 5+3, "five creations, three pages")
}

// filterFixture creates customers that each filter tells apart, newest
// last, so lists answer them in reverse order.
func filterFixture(t *testing.T) *harness {
	h := newHarness(t, lagotest.WithBillingEntities("eu", "us"))
	for _, in := range []lago.CustomerInput{
		{
			ExternalID: "acme-fr", Name: lago.Value("Acme France"), Email: lago.Value("billing@acme.fr"),
			Country: lago.Value("FR"), Currency: lago.Value("EUR"), State: lago.Value("IDF"), Zipcode: lago.Value("75001"),
			CustomerType: lago.Value(lago.CustomerTypeCompany), TaxIdentificationNumber: lago.Value("FR40812345678"),
			AccountType: lago.Value(lago.AccountTypePartner),
			Metadata:    lago.Value([]lago.CustomerMetadataInput{{Key: "tier", Value: "gold"}}),
		},
		{
			ExternalID: "bolt-us", Name: lago.Value("Bolt"), Firstname: lago.Value("Ada"), Lastname: lago.Value("Lovelace"),
			BillingEntityCode: lago.Value("us"), Country: lago.Value("US"), Currency: lago.Value("USD"), State: lago.Value("CA"),
			Zipcode: lago.Value("94105"), CustomerType: lago.Value(lago.CustomerTypeIndividual), TaxIdentificationNumber: lago.Value(""),
			Metadata: lago.Value([]lago.CustomerMetadataInput{{Key: "tier", Value: "silver"}}),
		},
		{
			ExternalID: "cara-de", LegalName: lago.Value("Cara GmbH"), Country: lago.Value("DE"), Currency: lago.Value("EUR"),
			Zipcode:  lago.Value("10115"),
			Metadata: lago.Value([]lago.CustomerMetadataInput{{Key: "region", Value: "emea"}}),
		},
		{ExternalID: "dune"},
	} {
		h.create(in)
		h.clock.Advance(time.Second)
	}
	return h
}

func TestListCustomersFilters(t *testing.T) {
	h := filterFixture(t)
	tests := []struct {
		name string
		opts lago.ListCustomersOptions
		want []string
	}{
		{name: "no filter", want: []string{"dune", "cara-de", "bolt-us", "acme-fr"}},
		{name: "partners", opts: lago.ListCustomersOptions{AccountTypes: []lago.AccountType{lago.AccountTypePartner}}, want: []string{"acme-fr"}},
		{name: "customers", opts: lago.ListCustomersOptions{AccountTypes: []lago.AccountType{lago.AccountTypeCustomer}}, want: []string{"dune", "cara-de", "bolt-us"}},
		{name: "one billing entity", opts: lago.ListCustomersOptions{BillingEntityCodes: []string{"us"}}, want: []string{"bolt-us"}},
		{name: "two billing entities", opts: lago.ListCustomersOptions{BillingEntityCodes: []string{"us", "eu"}}, want: []string{"dune", "cara-de", "bolt-us", "acme-fr"}},
		{name: "search on name, any case", opts: lago.ListCustomersOptions{SearchTerm: "ACME fr"}, want: []string{"acme-fr"}},
		{name: "search on lastname", opts: lago.ListCustomersOptions{SearchTerm: "lovelace"}, want: []string{"bolt-us"}},
		{name: "search on firstname", opts: lago.ListCustomersOptions{SearchTerm: "ada"}, want: []string{"bolt-us"}},
		{name: "search on legal name", opts: lago.ListCustomersOptions{SearchTerm: "gmbh"}, want: []string{"cara-de"}},
		{name: "search on email", opts: lago.ListCustomersOptions{SearchTerm: "@acme.fr"}, want: []string{"acme-fr"}},
		{name: "search on external id", opts: lago.ListCustomersOptions{SearchTerm: "une"}, want: []string{"dune"}},
		{name: "countries", opts: lago.ListCustomersOptions{Countries: []string{"FR", "DE"}}, want: []string{"cara-de", "acme-fr"}},
		{name: "states", opts: lago.ListCustomersOptions{States: []string{"CA"}}, want: []string{"bolt-us"}},
		{name: "zipcodes", opts: lago.ListCustomersOptions{Zipcodes: []string{"10115", "75001"}}, want: []string{"cara-de", "acme-fr"}},
		{name: "currencies", opts: lago.ListCustomersOptions{Currencies: []string{"EUR"}}, want: []string{"cara-de", "acme-fr"}},
		{name: "with a tax id", opts: lago.ListCustomersOptions{HasTaxIdentificationNumber: lago.Ptr(true)}, want: []string{"acme-fr"}},
		{name: "without a tax id", opts: lago.ListCustomersOptions{HasTaxIdentificationNumber: lago.Ptr(false)}, want: []string{"dune", "cara-de", "bolt-us"}},
		{name: "customer type", opts: lago.ListCustomersOptions{CustomerType: lago.CustomerTypeIndividual}, want: []string{"bolt-us"}},
		{name: "with a customer type", opts: lago.ListCustomersOptions{HasCustomerType: lago.Ptr(true)}, want: []string{"bolt-us", "acme-fr"}},
		{name: "without a customer type", opts: lago.ListCustomersOptions{HasCustomerType: lago.Ptr(false)}, want: []string{"dune", "cara-de"}},
		{name: "customer type and having one", opts: lago.ListCustomersOptions{CustomerType: lago.CustomerTypeCompany, HasCustomerType: lago.Ptr(true)}, want: []string{"acme-fr"}},
		{name: "metadata value", opts: lago.ListCustomersOptions{Metadata: map[string]string{"tier": "gold"}}, want: []string{"acme-fr"}},
		{name: "metadata key missing", opts: lago.ListCustomersOptions{Metadata: map[string]string{"tier": ""}}, want: []string{"dune", "cara-de"}},
		{name: "every metadata pair", opts: lago.ListCustomersOptions{Metadata: map[string]string{"tier": "gold", "region": ""}}, want: []string{"acme-fr"}},
		{name: "external id", opts: lago.ListCustomersOptions{ExternalID: "bolt-us"}, want: []string{"bolt-us"}},
		{name: "external id is exact", opts: lago.ListCustomersOptions{ExternalID: "bolt"}, want: []string{}},
		{name: "filters combine", opts: lago.ListCustomersOptions{Countries: []string{"FR", "US"}, Currencies: []string{"USD"}}, want: []string{"bolt-us"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := h.client.ListCustomers(h.ctx(), &tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.want, externalIDs(page.Customers))
			assert.Equal(t, int64(len(tt.want)), page.Meta.TotalCount)
		})
	}
}

func TestListCustomersFilterErrors(t *testing.T) {
	h := filterFixture(t)
	tests := []struct {
		name   string
		query  string
		status int
		body   string
	}{
		{name: "unknown billing entity", query: "billing_entity_codes[]=eu&billing_entity_codes[]=apac", status: http.StatusNotFound,
			body: `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`},
		{name: "repeated billing entity", query: "billing_entity_codes[]=eu&billing_entity_codes[]=eu", status: http.StatusNotFound,
			body: `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`},
		{name: "billing entity before other errors", query: "billing_entity_codes[]=apac&account_type[]=boss", status: http.StatusNotFound,
			body: `{"status":404,"error":"Not Found","code":"billing_entity_not_found"}`},
		{name: "account type", query: "account_type[]=customer&account_type[]=boss", status: http.StatusUnprocessableEntity,
			body: `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"account_type":{"1":["must be one of: customer, partner"]}}}`},
		{name: "customer type with has_customer_type=false", query: "customer_type=company&has_customer_type=false", status: http.StatusUnprocessableEntity,
			body: `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"customer_type":["must be nil when has_customer_type is false"]}}`},
		{name: "unknown customer type", query: "customer_type=robot", status: http.StatusUnprocessableEntity,
			body: `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"customer_type":["must be one of: company, individual"]}}`},
		{name: "not a boolean", query: "has_tax_identification_number=maybe&has_customer_type=yes", status: http.StatusUnprocessableEntity,
			body: `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"has_customer_type":["must be boolean"],"has_tax_identification_number":["must be boolean"]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireAnswer(t, h.raw(http.MethodGet, "/customers?"+tt.query, "", nil), tt.status, tt.body)
		})
	}

	t.Run("countries and currencies by index, through the client", func(t *testing.T) {
		_, err := h.client.ListCustomers(h.ctx(), &lago.ListCustomersOptions{
			Countries:  []string{"fr", "FR", "XK", "ZZ"},
			Currencies: []string{"EUR", "EURO"},
		})
		var lerr *lago.Error
		require.ErrorAs(t, err, &lerr)
		assert.Equal(t, http.StatusUnprocessableEntity, lerr.StatusCode)
		var body struct {
			Status       int                            `json:"status"`
			Error        string                         `json:"error"`
			Code         string                         `json:"code"`
			ErrorDetails map[string]map[string][]string `json:"error_details"`
		}
		require.NoError(t, json.Unmarshal(lerr.Body, &body))
		assert.Equal(t, 422, body.Status)
		assert.Equal(t, "Unprocessable Entity", body.Error)
		assert.Equal(t, "validation_errors", body.Code)

		countries := body.ErrorDetails["countries"]
		assert.ElementsMatch(t, []string{"0", "3"}, keys(countries), "the indexes of fr and ZZ")
		assert.Equal(t, countries["0"], countries["3"])
		require.Len(t, countries["0"], 1)
		codes := strings.Split(strings.TrimPrefix(countries["0"][0], "must be one of: "), ", ")
		assert.Len(t, codes, 250, "ISO 3166 and Kosovo")
		assert.Equal(t, []string{"AD", "AE"}, codes[:2])
		assert.Contains(t, codes, "XK")

		currencies := body.ErrorDetails["currencies"]
		assert.Equal(t, []string{"1"}, keys(currencies))
		require.Len(t, currencies["1"], 1)
		codes = strings.Split(strings.TrimPrefix(currencies["1"][0], "must be one of: "), ", ")
		assert.Len(t, codes, 142)
		assert.Contains(t, codes, "KWD")
		assert.Len(t, body.ErrorDetails, 2)
	})
}

func keys[V any](m map[string]V) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}
