package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/lagoclient/lago-go/lago"
)

// The identities the fake server answers for. The API key and ids look
// like real ones so headers and paths have realistic lengths.
const (
	apiKey         = "3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
	basePath       = "/api/v1"
	customerID     = "acme-eu-042"
	subscriptionID = "sub_acme-eu-042_2026"

	// The page size of every list call, Lago's default.
	perPage = 100
	// How many customers AllCustomers walks through.
	walkTotal = 100_000
	// How many charges the large current usage carries.
	usageCharges = 50
)

// externalIDPlaceholder stands for the external_id in the list template; the
// page generator splits the template around it.
const externalIDPlaceholder = "__EXTERNAL_ID__"

// payloads are the response bodies the fake server sends, built once from
// the fixtures in gen/testdata so that every field the real server sends is
// there, nulls included.
type payloads struct {
	// customer is the body of GET and POST /customers: customer.json,
	// compacted.
	customer []byte
	// usage is the body of GET /customers/{id}/current_usage: the shape of
	// current-usage.json grown to usageCharges charges.
	usage []byte
	// pages generates GET /customers pages on the fly.
	pages *pageGenerator
	// firstPage is page 1 of pages, perPage customers, kept so
	// ListCustomers costs the server a copy only.
	firstPage []byte
	// invoicePages are the bodies of GET /customers/{id}/invoices, one
	// for each of invoicePageSizes, by size.
	invoicePages map[int][]byte
}

var loadPayloads = sync.OnceValues(buildPayloads)

// fixtures returns the payloads, failing tb if the fixtures cannot be read.
func fixtures(tb testing.TB) *payloads {
	tb.Helper()
	p, err := loadPayloads()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func buildPayloads() (*payloads, error) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "gen", "testdata", "customer.json"))
	if err != nil {
		return nil, err
	}
	var customer bytes.Buffer
	if err := json.Compact(&customer, raw); err != nil {
		return nil, fmt.Errorf("customer.json: %w", err)
	}

	env, err := readObject("customer.json")
	if err != nil {
		return nil, err
	}
	pages, err := newPageGenerator(env["customer"].(map[string]any), walkTotal)
	if err != nil {
		return nil, err
	}

	usageFixture, err := readObject("current-usage.json")
	if err != nil {
		return nil, err
	}
	usage, err := json.Marshal(largeUsage(usageFixture, usageCharges))
	if err != nil {
		return nil, err
	}

	invoiceFixture, err := readObject("invoices.json")
	if err != nil {
		return nil, err
	}
	invoices, err := invoicePages(invoiceFixture)
	if err != nil {
		return nil, err
	}

	return &payloads{
		customer:     customer.Bytes(),
		usage:        usage,
		pages:        pages,
		firstPage:    pages.appendPage(nil, 1, perPage),
		invoicePages: invoices,
	}, nil
}

// readObject decodes a fixture into maps, keeping numbers as written
// ("20.0" stays "20.0") so a payload re-encoded from it has the same values.
func readObject(name string) (map[string]any, error) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "gen", "testdata", name))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}

// clone deep-copies a value decoded into maps and slices.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = clone(e)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = clone(e)
		}
		return s
	default:
		return v
	}
}

func object(v any) map[string]any { return v.(map[string]any) }

func element(v any, i int) map[string]any { return object(v.([]any)[i]) }

// largeUsage grows current-usage.json to n charges. Each charge is a copy
// of the fixture's first charge (filters, grouped usage, presentation
// breakdowns) with its own ids and codes, four filters (three matching a
// region, one null bucket) and four pricing groups that carry filters
// themselves; every other charge has the pricing unit details of the
// fixture's second charge. Every key of the fixture's objects is kept, null
// or not.
func largeUsage(fixture map[string]any, n int) map[string]any {
	usage := object(clone(fixture["customer_usage"]))
	charges := usage["charges_usage"]
	full := element(charges, 0)
	pricing := element(charges, 1)["pricing_unit_details"]
	matched := element(full["filters"], 0)
	unmatched := element(full["filters"], 1)
	group := element(full["grouped_usage"], 0)

	regions := []string{"eu-west-1", "eu-central-1", "us-east-1"}
	clouds := []string{"aws", "gcp", "azure", "ovh"}
	filters := func(k int) []any {
		var fs []any
		for r := range k {
			f := object(clone(matched))
			f["values"] = map[string]any{"region": []any{regions[r%len(regions)]}}
			f["invoice_display_name"] = "Region " + regions[r%len(regions)]
			fs = append(fs, f)
		}
		return append(fs, clone(unmatched))
	}

	list := make([]any, n)
	for i := range n {
		c := object(clone(full))
		charge := object(c["charge"])
		charge["lago_id"] = fmt.Sprintf("1e2f3a4b-5c6d-4e7f-8a9b-%012d", i)
		charge["code"] = fmt.Sprintf("charge_%02d", i)
		metric := object(c["billable_metric"])
		metric["lago_id"] = fmt.Sprintf("2f3a4b5c-6d7e-4f8a-9b0c-%012d", i)
		metric["code"] = fmt.Sprintf("metric_%02d", i)
		metric["name"] = fmt.Sprintf("Metric %d", i)
		if i%2 == 1 {
			c["pricing_unit_details"] = clone(pricing)
		}
		c["filters"] = filters(3)
		groups := make([]any, len(clouds))
		for g, cloud := range clouds {
			gu := object(clone(group))
			team := any(nil)
			if g%2 == 0 {
				team = fmt.Sprintf("team-%d", g)
			}
			gu["grouped_by"] = map[string]any{"cloud": cloud, "team": team}
			gu["filters"] = filters(1)
			groups[g] = gu
		}
		c["grouped_usage"] = groups
		list[i] = c
	}
	usage["charges_usage"] = list
	return map[string]any{"customer_usage": usage}
}

// pageGenerator writes GET /customers pages from one template customer, so
// the server holds one customer, not walkTotal of them. Each customer gets
// its own external_id ("cust-000042").
type pageGenerator struct {
	total int
	// prefix and suffix are the template's JSON before and after the
	// external_id's value.
	prefix, suffix []byte
}

// newPageGenerator makes list items from a full customer: a list item
// carries every key of a customer but applicable_invoice_custom_sections
// and error_details, which Lago leaves out of list pages (see the spec's
// CustomerPage).
func newPageGenerator(customer map[string]any, total int) (*pageGenerator, error) {
	item := object(clone(customer))
	delete(item, "applicable_invoice_custom_sections")
	delete(item, "error_details")
	item["external_id"] = externalIDPlaceholder
	raw, err := json.Marshal(item)
	if err != nil {
		return nil, err
	}
	prefix, suffix, ok := bytes.Cut(raw, []byte(externalIDPlaceholder))
	if !ok {
		return nil, fmt.Errorf("list template: no %s in %s", externalIDPlaceholder, raw)
	}
	return &pageGenerator{total: total, prefix: prefix, suffix: suffix}, nil
}

// appendPage appends page (from 1) of size per to dst.
func (g *pageGenerator) appendPage(dst []byte, page, per int) []byte {
	first, n := g.span(page, per)
	dst = append(dst, pageHead...)
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = g.appendCustomer(dst, first+i)
	}
	return g.appendMeta(dst, page, per)
}

// writePage writes page (from 1) of size per to w, one customer at a time
// through a small buffer, with its Content-Length. A page is never whole in
// memory, so the server adds almost nothing to the heap that
// BenchmarkAllCustomers measures in the same process.
func (g *pageGenerator) writePage(w http.ResponseWriter, page, per int) {
	first, n := g.span(page, per)
	var metaBuf [160]byte
	meta := g.appendMeta(metaBuf[:0], page, per)
	size := len(pageHead) + n*(len(g.prefix)+externalIDLen+len(g.suffix)) + max(n-1, 0) + len(meta)

	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(size))
	w.WriteHeader(http.StatusOK)

	buf := make([]byte, 0, 4096)
	buf = append(buf, pageHead...)
	for i := range n {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = g.appendCustomer(buf, first+i)
		if _, err := w.Write(buf); err != nil {
			return
		}
		buf = buf[:0]
	}
	_, _ = w.Write(append(buf, meta...))
}

const pageHead = `{"customers":[`

// span is the index of the first customer of a page and how many it has.
func (g *pageGenerator) span(page, per int) (first, n int) {
	first = (page - 1) * per
	return first, max(0, min(per, g.total-first))
}

func (g *pageGenerator) appendCustomer(dst []byte, i int) []byte {
	dst = append(dst, g.prefix...)
	dst = appendExternalID(dst, i)
	return append(dst, g.suffix...)
}

// appendMeta closes the customers array and appends the meta Lago sends:
// next_page is null on the last page and prev_page on the first.
func (g *pageGenerator) appendMeta(dst []byte, page, per int) []byte {
	totalPages := (g.total + per - 1) / per
	dst = append(dst, `],"meta":{"current_page":`...)
	dst = strconv.AppendInt(dst, int64(page), 10)
	dst = append(dst, `,"next_page":`...)
	dst = appendPageNumber(dst, page+1, page < totalPages)
	dst = append(dst, `,"prev_page":`...)
	dst = appendPageNumber(dst, page-1, page > 1)
	dst = append(dst, `,"total_pages":`...)
	dst = strconv.AppendInt(dst, int64(totalPages), 10)
	dst = append(dst, `,"total_count":`...)
	dst = strconv.AppendInt(dst, int64(g.total), 10)
	return append(dst, "}}"...)
}

// externalID is the external_id of the i-th generated customer.
func externalID(i int) string { return string(appendExternalID(nil, i)) }

// externalIDLen is the length of every generated external_id, which
// writePage needs to announce a page's Content-Length before writing it.
const externalIDLen = len("cust-") + 6

// appendExternalID writes "cust-" and i in six digits, zero-padded: i must
// stay below a million for the length to hold.
func appendExternalID(dst []byte, i int) []byte {
	dst = append(dst, "cust-"...)
	for d := 100000; d > 1 && i < d; d /= 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, int64(i), 10)
}

func appendPageNumber(dst []byte, n int, ok bool) []byte {
	if !ok {
		return append(dst, "null"...)
	}
	return strconv.AppendInt(dst, int64(n), 10)
}

// The create input: what a service sends when it signs up a company
// customer paying by Stripe. The lagoInput and baselineInput are the same
// customer, and the fairness tests check that both encode to the same
// bytes. Both are built once, outside the timed loops: building the input
// is the caller's cost, not the client's.
var (
	lagoInput = lago.CustomerInput{
		ExternalID:              "acme-eu-042",
		Name:                    lago.Value("Acme Europe"),
		LegalName:               lago.Value("Acme Europe SAS"),
		CustomerType:            lago.Value(lago.CustomerTypeCompany),
		Email:                   lago.Value("billing@acme.test,finance@acme.test"),
		Currency:                lago.Value("EUR"),
		Country:                 lago.Value("FR"),
		City:                    lago.Value("Lyon"),
		AddressLine1:            lago.Value("12 Rue des Lilas"),
		Zipcode:                 lago.Value("69002"),
		TaxIdentificationNumber: lago.Value("FR40812345678"),
		Timezone:                lago.Value("Europe/Paris"),
		BillingConfiguration: lago.Value(lago.BillingConfigurationInput{
			PaymentProvider:        lago.Value(lago.PaymentProviderStripe),
			PaymentProviderCode:    lago.Value("stripe_eu"),
			ProviderCustomerID:     lago.Value("cus_Q8xY2mN4pL"),
			ProviderPaymentMethods: lago.Value([]lago.ProviderPaymentMethod{"card", "sepa_debit"}),
			SyncWithProvider:       lago.Value(true),
			DocumentLocale:         lago.Value("fr"),
		}),
		Metadata: lago.Value([]lago.CustomerMetadataInput{
			{Key: "po_number", Value: "PO-2026-118", DisplayInInvoice: lago.Value(true)},
			{Key: "crm_id", Value: "0065g00000XyZ12", DisplayInInvoice: lago.Value(false)},
		}),
		TaxCodes: lago.Value([]string{"fr_standard_vat"}),
	}

	baselineInput = baseCustomerInput{
		ExternalID:              "acme-eu-042",
		Name:                    ptr("Acme Europe"),
		LegalName:               ptr("Acme Europe SAS"),
		CustomerType:            ptr("company"),
		Email:                   ptr("billing@acme.test,finance@acme.test"),
		Currency:                ptr("EUR"),
		Country:                 ptr("FR"),
		City:                    ptr("Lyon"),
		AddressLine1:            ptr("12 Rue des Lilas"),
		Zipcode:                 ptr("69002"),
		TaxIdentificationNumber: ptr("FR40812345678"),
		Timezone:                ptr("Europe/Paris"),
		BillingConfiguration: &baseBillingConfigurationInput{
			PaymentProvider:        ptr("stripe"),
			PaymentProviderCode:    ptr("stripe_eu"),
			ProviderCustomerID:     ptr("cus_Q8xY2mN4pL"),
			ProviderPaymentMethods: []string{"card", "sepa_debit"},
			SyncWithProvider:       ptr(true),
			DocumentLocale:         ptr("fr"),
		},
		Metadata: []baseCustomerMetadataInput{
			{Key: "po_number", Value: "PO-2026-118", DisplayInInvoice: ptr(true)},
			{Key: "crm_id", Value: "0065g00000XyZ12", DisplayInInvoice: ptr(false)},
		},
		TaxCodes: []string{"fr_standard_vat"},
	}
)

func ptr[T any](v T) *T { return &v }
