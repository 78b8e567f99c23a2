package lagotest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// documents are the records of a customer that the API lists but cannot
// create: tests seed them with AddInvoice, AddCreditNote, AddPayment,
// AddPaymentRequest and AddPaymentMethod.
type documents struct {
	invoices        []*gen.Invoice
	creditNotes     []*gen.CreditNote
	payments        []*gen.Payment
	paymentRequests []*gen.PaymentRequest
	paymentMethods  []*paymentMethod
}

// documentCustomer is the customer as an invoice or credit note shows it
// now: the list item without taxes.
func documentCustomer(c *customer) gen.DocumentCustomer {
	item := c.listItem()
	// The same fields but taxes, which gen.DocumentCustomer leaves out.
	// An empty list of integration customers is left out in encoding, so
	// it stays nil here too.
	out := gen.DocumentCustomer{
		LagoID: item.LagoID, SequentialID: item.SequentialID, Slug: item.Slug, ExternalID: item.ExternalID,
		BillingEntityCode: item.BillingEntityCode, AddressLine1: item.AddressLine1, AddressLine2: item.AddressLine2,
		ApplicableTimezone: item.ApplicableTimezone, City: item.City, Country: item.Country, Currency: item.Currency,
		Email: item.Email, LegalName: item.LegalName, LegalNumber: item.LegalNumber, LogoURL: item.LogoURL,
		Name: item.Name, Firstname: item.Firstname, Lastname: item.Lastname, AccountType: item.AccountType,
		CustomerType: item.CustomerType, Phone: item.Phone, State: item.State,
		TaxIdentificationNumber: item.TaxIdentificationNumber, Timezone: item.Timezone, URL: item.URL,
		Zipcode: item.Zipcode, NetPaymentTerm: item.NetPaymentTerm, ExternalSalesforceID: item.ExternalSalesforceID,
		CreatedAt: item.CreatedAt, UpdatedAt: item.UpdatedAt, FinalizeZeroAmountInvoice: item.FinalizeZeroAmountInvoice,
		SkipInvoiceCustomSections: item.SkipInvoiceCustomSections, BillingConfiguration: item.BillingConfiguration,
		ShippingAddress: item.ShippingAddress, Metadata: item.Metadata,
	}
	if len(item.IntegrationCustomers) > 0 {
		out.IntegrationCustomers = item.IntegrationCustomers
	}
	return out
}

// billingCustomers are the customers whose invoices, credit notes,
// payments and payment requests the lists under this external id show,
// oldest first. Lago finds those records through an association that
// includes deleted customers and matches the external id, so a deleted
// customer's records show up again under a new customer that reuses its
// id. Without a live customer there is nothing: the list answers 404.
func (st *store) billingCustomers(externalID string) ([]*customer, bool) {
	if _, ok := st.customer(externalID); !ok {
		return nil, false
	}
	var out []*customer
	for _, c := range st.customers {
		if c.ExternalID == externalID {
			out = append(out, c)
		}
	}
	return out, true
}

// newestFirst orders records by creation time, newest first, then by
// lago_id, as Lago's lists do.
func newestFirst(aAt, bAt time.Time, aID, bID string) int {
	if c := bAt.Compare(aAt); c != 0 {
		return c
	}
	return strings.Compare(aID, bID)
}

// filterQuery reads the list filters of one request, collecting the
// problems Lago's filter contracts report in their words.
type filterQuery struct {
	url.Values
	errs map[string]any
}

func newFilterQuery(q url.Values) *filterQuery {
	return &filterQuery{Values: q, errs: map[string]any{}}
}

// values reads a filter that Lago takes as one value (name=v) or as a
// list (name[]=v): Rails hands both to Lago under the same key. Of a
// repeated single value Rails keeps the last.
func (q *filterQuery) values(name string) []string {
	if list := q.Values[name+"[]"]; len(list) > 0 {
		return list
	}
	if one := q.Values[name]; len(one) > 0 {
		return one[len(one)-1:]
	}
	return nil
}

// boolean reads a boolean filter the way Rails casts it; strict ones (a
// dry-validation contract) refuse anything else with "must be boolean",
// lenient ones take anything not false-like as true.
func (q *filterQuery) boolean(field string, strict bool) *bool {
	raw := q.Get(field)
	if !q.Has(field) {
		return nil
	}
	b, err := strconv.ParseBool(raw)
	if err != nil {
		if strict {
			q.errs[field] = []string{"must be boolean"}
			return nil
		}
		b = raw != "" && raw != "off" && raw != "no"
	}
	return &b
}

// integer reads an amount filter; the spec check has refused the rest.
func (q *filterQuery) integer(field string) *int64 {
	n, err := strconv.ParseInt(q.Get(field), 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

// date reads a date filter. Lago ignores a date it cannot parse rather
// than refusing it.
func (q *filterQuery) date(field string) *time.Time {
	d, err := time.Parse(time.DateOnly, q.Get(field))
	if err != nil {
		return nil
	}
	return &d
}

// text reads a string filter; nil when absent.
func (q *filterQuery) text(field string) *string {
	if !q.Has(field) {
		return nil
	}
	v := q.Get(field)
	return &v
}

// known keeps the values of a lenient enum filter that Lago knows and
// drops the others without a word; when none is left the filter is off.
func known[E interface {
	~string
	Valid() bool
}](values []string) []E {
	var out []E
	for _, v := range values {
		if e := E(v); e.Valid() {
			out = append(out, e)
		}
	}
	return out
}

// oneOf checks a strict enum filter, reporting each bad value as Lago's
// contract does.
func (q *filterQuery) oneOf(field string, values []string, valid func(string) bool, allowed string) {
	for _, v := range values {
		if !valid(v) {
			q.errs[field] = []string{"must be one of: " + allowed}
			return
		}
	}
}

// entitiesMissing reports whether billing_entity_codes[] names a billing
// entity the organization lacks. Lago compares counts, so a repeated code
// counts as unknown unless dedupe says the endpoint removes repeats first.
func (st *store) entitiesMissing(codes []string, dedupe bool) bool {
	if dedupe {
		codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	}
	return len(codes) > 0 && st.knownEntities(codes) != len(codes)
}

// within reports whether v lies in the optional inclusive bounds.
func within[T interface{ ~int64 }](v T, from, to *int64) bool {
	return (from == nil || int64(v) >= *from) && (to == nil || int64(v) <= *to)
}

func dayWithin(d time.Time, from, to *time.Time) bool {
	return (from == nil || !d.Before(*from)) && (to == nil || !d.After(*to))
}

// in reports whether the list is empty (no filter) or holds v.
func in[E comparable](list []E, v E) bool {
	return len(list) == 0 || slices.Contains(list, v)
}

// equalFold is a case-insensitive exact match of an optional value.
func equalFold(want *string, got *string) bool {
	return want == nil || got != nil && strings.EqualFold(*want, *got)
}

// decimalOf writes whole cents as Lago's decimal strings do.
func decimalOf(cents int64) string { return strconv.FormatInt(cents, 10) + ".0" }

// orNew fills an empty id.
func (st *store) orNew(id *string) {
	if *id == "" {
		*id = st.ids.new()
	}
}

// seed runs a seeding helper's fill on a copy of what the caller gave, for
// the live customer with this external id, under the lock, and returns the
// copy as filled.
func seed[T any](s *Server, externalCustomerID string, v T, fill func(st *store, cust *customer, v *T, now time.Time) error) (T, error) {
	v, err := clone(v)
	if err != nil {
		return v, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cust, err := s.store.liveCustomer(externalCustomerID)
	if err != nil {
		var zero T
		return zero, err
	}
	if err := fill(s.store, cust, &v, s.now()); err != nil {
		var zero T
		return zero, err
	}
	s.emitSeeded(&v)
	return v, nil
}
