package lagotest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/lagoclient/lago-go/gen"
)

// listCustomers answers one page of the live customers that match every
// filter, in Lago's order: newest first, then by lago_id.
func (s *Server) listCustomers(c *call) response {
	st := s.store
	if st.entitiesMissing(c.query["billing_entity_codes[]"], false) {
		return notFound(codeBillingEntityNotFound)
	}
	f, errs := parseCustomerFilter(c.query)
	if len(errs) > 0 {
		return validationFailed(errs)
	}
	p := pagingOf(c.query)
	if f.empty() {
		return customerPage(st.listed.len(), st.listed.at, p)
	}
	// Filtered: the matches, still in order, and the page cut out of
	// them.
	var matched []*customer
	for cust := range st.listed.all() {
		if f.match(cust) {
			matched = append(matched, cust)
		}
	}
	return customerPage(len(matched), func(i int) *customer { return matched[i] }, p)
}

// customerPage answers page p of a list of total customers, at(i) being
// the one at position i.
func customerPage(total int, at func(int) *customer, p paging) response {
	lo, hi, meta := pageWindow(int64(total), p)
	page := make([]gen.Customer, 0, hi-lo)
	for i := lo; i < hi; i++ {
		page = append(page, at(int(i)).listItem())
	}
	return okResponse(gen.CustomerPage{Customers: page, Meta: meta})
}

// customerFilter is the parsed filters of GET /customers; a nil or empty
// field filters nothing.
type customerFilter struct {
	accountTypes, entities, countries, states, zipcodes, currencies []string

	search          string
	externalID      *string
	hasTaxID        *bool
	customerType    *string
	hasCustomerType *bool
	metadata        map[string]string
}

// parseCustomerFilter reads the filters and checks them the way Lago's
// filter contract does, reporting all problems at once in its words. List
// parameters report each bad element under its index.
func parseCustomerFilter(q url.Values) (customerFilter, map[string]any) {
	f := customerFilter{
		accountTypes: q["account_type[]"],
		entities:     q["billing_entity_codes[]"],
		countries:    q["countries[]"],
		states:       q["states[]"],
		zipcodes:     q["zipcodes[]"],
		currencies:   q["currencies[]"],
		search:       strings.ToLower(q.Get("search_term")),
		metadata:     map[string]string{},
	}
	errs := map[string]any{}
	checkEach := func(field string, values, allowed []string) {
		bad := map[string][]string{}
		for i, v := range values {
			if !slices.Contains(allowed, v) {
				bad[strconv.Itoa(i)] = []string{"must be one of: " + strings.Join(allowed, ", ")}
			}
		}
		if len(bad) > 0 {
			errs[field] = bad
		}
	}
	checkEach("account_type", f.accountTypes, []string{string(gen.AccountTypeCustomer), string(gen.AccountTypePartner)})
	checkEach("countries", f.countries, countryCodes)
	checkEach("currencies", f.currencies, currencyCodes)

	boolean := func(field string) *bool {
		raw := q.Get(field)
		if raw == "" {
			return nil
		}
		b, err := strconv.ParseBool(raw)
		if err != nil {
			errs[field] = []string{"must be boolean"}
			return nil
		}
		return &b
	}
	f.hasTaxID = boolean("has_tax_identification_number")
	f.hasCustomerType = boolean("has_customer_type")

	if v := q.Get("customer_type"); v != "" {
		f.customerType = &v
		switch {
		case !gen.CustomerType(v).Valid():
			errs["customer_type"] = []string{"must be one of: company, individual"}
		case f.hasCustomerType != nil && !*f.hasCustomerType:
			errs["customer_type"] = []string{"must be nil when has_customer_type is false"}
		}
	}
	if q.Has("external_id") {
		v := q.Get("external_id")
		f.externalID = &v
	}
	for key, values := range q {
		if k, ok := strings.CutPrefix(key, "metadata["); ok && strings.HasSuffix(k, "]") {
			f.metadata[strings.TrimSuffix(k, "]")] = values[0]
		}
	}
	return f, errs
}

// empty reports whether f keeps every customer.
func (f *customerFilter) empty() bool {
	return len(f.accountTypes)+len(f.entities)+len(f.countries)+len(f.states)+len(f.zipcodes)+len(f.currencies)+len(f.metadata) == 0 &&
		f.search == "" && f.externalID == nil && f.hasTaxID == nil && f.customerType == nil && f.hasCustomerType == nil
}

func (f *customerFilter) match(c *customer) bool {
	in := func(list []string, v *string) bool {
		return len(list) == 0 || (v != nil && slices.Contains(list, *v))
	}
	accountType, entity := string(c.AccountType), c.BillingEntityCode
	hasTaxID := c.TaxIdentificationNumber != nil && *c.TaxIdentificationNumber != ""
	switch {
	case !in(f.accountTypes, &accountType), !in(f.entities, &entity),
		!in(f.countries, c.Country), !in(f.states, c.State),
		!in(f.zipcodes, c.Zipcode), !in(f.currencies, c.Currency):
		return false
	case f.externalID != nil && *f.externalID != c.ExternalID:
		return false
	case f.hasTaxID != nil && *f.hasTaxID != hasTaxID:
		return false
	case f.customerType != nil && (c.CustomerType == nil || string(*c.CustomerType) != *f.customerType):
		return false
	case f.hasCustomerType != nil && *f.hasCustomerType != (c.CustomerType != nil):
		return false
	case f.search != "" && !c.mentions(f.search):
		return false
	}
	for key, want := range f.metadata {
		i := slices.IndexFunc(c.Metadata, func(m gen.CustomerMetadata) bool { return m.Key == key })
		if want == "" && i >= 0 || want != "" && (i < 0 || c.Metadata[i].Value != want) {
			return false
		}
	}
	return true
}

// mentions reports whether one of the fields Lago searches contains term,
// which is lower case, ignoring case.
func (c *customer) mentions(term string) bool {
	for _, field := range []*string{c.Name, c.Firstname, c.Lastname, c.LegalName, &c.ExternalID, c.Email} {
		if field != nil && strings.Contains(strings.ToLower(*field), term) {
			return true
		}
	}
	return false
}
