package lagotest

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
	"github.com/lagoclient/lago-go/internal/tristate"
)

// Lago's limits on customers.
const (
	maxNameLength = 255
	maxMetadata   = 5
)

// createCustomer is Lago's upsert on external_id: it creates the customer,
// or changes the keys the body carries on the live one with that id, and
// answers 200 both ways. Nothing changes unless every check passes.
func (s *Server) createCustomer(c *call) response {
	// gen's generated decoder, falling back to encoding/json on anything
	// it does not decode exactly as encoding/json would.
	var body gen.CustomerCreateInput
	if err := codec.Unmarshal(c.body, &body, gen.Codec); err != nil {
		return badRequest("param is missing or the value is empty or invalid: customer")
	}
	in := &body.Customer
	st := s.store

	// Lago's service runs its checks in this order and stops at the first
	// that fails; only the model validation reports several fields.
	if code, ok := in.BillingEntityCode.Get(); ok && !st.hasEntity(code) {
		return notFound(codeBillingEntityNotFound)
	}
	if items, _ := in.Metadata.Get(); len(items) > maxMetadata {
		return validationFailed(fieldErrors{"metadata": {"invalid_count"}})
	}
	if links, _ := in.IntegrationCustomers.Get(); repeatsIntegrationType(links) {
		return validationFailed(fieldErrors{"integration_customers": {"invalid_count_per_integration_type"}})
	}
	skip, _ := in.SkipInvoiceCustomSections.Get()
	if codes, _ := in.InvoiceCustomSectionCodes.Get(); skip && len(codes) > 0 {
		return validationFailed(fieldErrors{"invoice_custom_sections": {"skip_sections_and_selected_ids_sent_together"}})
	}
	if errs := validateCustomer(in); len(errs) > 0 {
		return validationFailed(errs)
	}
	taxes, ok := st.taxesFor(in.TaxCodes)
	if !ok {
		return notFound(codeTaxNotFound)
	}

	cust, exists := st.customer(in.ExternalID)
	if !exists {
		cust = st.newCustomer(in.ExternalID, c.now)
	}
	s.apply(cust, in, !exists, c.now)
	if in.TaxCodes.IsSet() {
		cust.Taxes = taxes
	}
	s.emitCustomerUpserted(cust, !exists)
	return customerResponse(st.detail(cust))
}

// validateCustomer checks the fields Lago's customer model validates, and
// reports every problem at once with Lago's codes, as its 422 does.
func validateCustomer(in *gen.CustomerInput) fieldErrors {
	errs := fieldErrors{}
	if in.ExternalID == "" {
		errs.add("external_id", "value_is_mandatory")
	}
	if v, ok := in.Currency.Get(); ok && !isIn(currencyCodes, v) {
		errs.add("currency", "value_is_invalid")
	}
	if v, ok := in.Country.Get(); ok && !isIn(countryCodes, strings.ToUpper(v)) {
		errs.add("country", "not_a_valid_country_code")
	}
	if addr, ok := in.ShippingAddress.Get(); ok {
		if v, ok := addr.Country.Get(); ok && !isIn(countryCodes, strings.ToUpper(v)) {
			errs.add("shipping_country", "not_a_valid_country_code")
		}
	}
	if v, ok := in.Email.Get(); ok && !validEmails(v) {
		errs.add("email", "invalid_email_format")
	}
	if v, ok := in.Name.Get(); ok && utf8.RuneCountInString(v) > maxNameLength {
		errs.add("name", "value_is_too_long")
	}
	if v, ok := in.NetPaymentTerm.Get(); ok && v < 0 {
		errs.add("net_payment_term", "value_is_out_of_range")
	}
	if bc, ok := in.BillingConfiguration.Get(); ok {
		if v, ok := bc.InvoiceGracePeriod.Get(); ok && v < 0 {
			errs.add("invoice_grace_period", "value_is_out_of_range")
		}
	}
	if v, ok := in.Timezone.Get(); ok && !isIn(timezoneNames, v) {
		errs.add("timezone", "invalid_timezone")
	}
	if v, ok := in.FinalizeZeroAmountInvoice.Get(); ok && !v.Valid() {
		errs.add("finalize_zero_amount_invoice", "invalid_value")
	}
	return errs
}

var emailAddress = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

// validEmails accepts what Lago does: empty, or one or more addresses
// separated by commas, whose local part may hold any non-space character.
func validEmails(s string) bool {
	if s == "" {
		return true
	}
	for part := range strings.SplitSeq(s, ",") {
		if !emailAddress.MatchString(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}

func repeatsIntegrationType(links []gen.IntegrationCustomerInput) bool {
	seen := map[gen.IntegrationType]bool{}
	for _, l := range links {
		if t, ok := l.IntegrationType.Get(); ok {
			if seen[t] {
				return true
			}
			seen[t] = true
		}
	}
	return false
}

// taxesFor resolves tax_codes, without repeats, and reports false when a
// code is unknown.
func (st *store) taxesFor(in tristate.Nullable[[]string]) ([]gen.Tax, bool) {
	codes, _ := in.Get()
	out := make([]gen.Tax, 0, len(codes))
	seen := map[string]bool{}
	for _, code := range codes {
		t, ok := st.taxes[code]
		if !ok {
			return nil, false
		}
		if !seen[code] {
			seen[code] = true
			out = append(out, t)
		}
	}
	return out, true
}

// knownSections keeps the codes of sections that exist, without repeats;
// Lago selects only those.
func (st *store) knownSections(codes []string) []string {
	var out []string
	for _, code := range codes {
		if _, ok := st.sections[code]; ok && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// apply changes the customer by the keys present in the request: an
// absent key keeps the stored value, null clears it, a value sets it.
func (s *Server) apply(cust *customer, in *gen.CustomerInput, created bool, now time.Time) {
	st := s.store
	cc := &cust.Customer
	var slab stringSlab
	if code, ok := in.BillingEntityCode.Get(); ok {
		cc.BillingEntityCode = code
	}
	for _, f := range []struct {
		dst **string
		src tristate.Nullable[string]
	}{
		{&cc.AddressLine1, in.AddressLine1}, {&cc.AddressLine2, in.AddressLine2},
		{&cc.City, in.City}, {&cc.State, in.State}, {&cc.Zipcode, in.Zipcode},
		{&cc.Currency, in.Currency}, {&cc.Email, in.Email},
		{&cc.LegalName, in.LegalName}, {&cc.LegalNumber, in.LegalNumber},
		{&cc.LogoURL, in.LogoURL}, {&cc.Name, in.Name},
		{&cc.Firstname, in.Firstname}, {&cc.Lastname, in.Lastname},
		{&cc.Phone, in.Phone}, {&cc.TaxIdentificationNumber, in.TaxIdentificationNumber},
		{&cc.Timezone, in.Timezone}, {&cc.URL, in.URL},
		{&cc.ExternalSalesforceID, in.ExternalSalesforceID},
	} {
		slab.set(f.dst, f.src)
	}
	slab.set(&cc.Country, upper(in.Country))
	set(&cc.CustomerType, in.CustomerType)
	set(&cc.NetPaymentTerm, in.NetPaymentTerm)

	// Lago changes the account type only with revenue share on, and only
	// while nothing has been billed under the current one.
	if in.AccountType.IsSet() && s.cfg.revenueShare && cust.accountTypeEditable() {
		cc.AccountType = valueOr(in.AccountType, gen.AccountTypeCustomer)
	}
	if in.FinalizeZeroAmountInvoice.IsSet() {
		cc.FinalizeZeroAmountInvoice = valueOr(in.FinalizeZeroAmountInvoice, gen.FinalizeZeroAmountInvoiceInherit)
	}
	if in.SkipInvoiceCustomSections.IsSet() {
		cc.SkipInvoiceCustomSections, _ = in.SkipInvoiceCustomSections.Get()
		if cc.SkipInvoiceCustomSections {
			cust.sectionCodes = nil
		}
	}
	if in.InvoiceCustomSectionCodes.IsSet() {
		codes, _ := in.InvoiceCustomSectionCodes.Get()
		cust.sectionCodes = st.knownSections(codes)
		if len(cust.sectionCodes) > 0 {
			cc.SkipInvoiceCustomSections = false
		}
	}
	applyBilling(&slab, &cc.BillingConfiguration, in.BillingConfiguration, created)
	applyAddress(&slab, &cc.ShippingAddress, in.ShippingAddress)
	st.applyMetadata(cust, in.Metadata, now)
	st.applyIntegrations(cust, in.IntegrationCustomers)

	cc.ApplicableTimezone = "UTC"
	if cc.Timezone != nil {
		cc.ApplicableTimezone = *cc.Timezone
	}
	cc.UpdatedAt = now
}

// accountTypeEditable mirrors Lago's rule: no subscription and no
// fixed-amount coupon yet.
func (c *customer) accountTypeEditable() bool {
	if len(c.subscriptions) > 0 {
		return false
	}
	for _, ac := range c.coupons {
		if ac.AmountCents != nil {
			return false
		}
	}
	return true
}

// upper upper-cases a country code, as Lago stores them.
func upper(n tristate.Nullable[string]) tristate.Nullable[string] {
	if v, ok := n.Get(); ok {
		return tristate.Value(strings.ToUpper(v))
	}
	return n
}

// applyBilling changes billing_configuration key by key; null clears it
// all. On creation Lago links a payment provider only when it can find the
// customer there (provider_customer_id) or create it (sync_with_provider).
func applyBilling(slab *stringSlab, bc *gen.BillingConfiguration, in tristate.Nullable[gen.BillingConfigurationInput], created bool) {
	if in.IsNull() {
		*bc = gen.BillingConfiguration{}
		return
	}
	v, ok := in.Get()
	if !ok {
		return
	}
	set(&bc.InvoiceGracePeriod, v.InvoiceGracePeriod)
	set(&bc.SubscriptionInvoiceIssuingDateAnchor, v.SubscriptionInvoiceIssuingDateAnchor)
	set(&bc.SubscriptionInvoiceIssuingDateAdjustment, v.SubscriptionInvoiceIssuingDateAdjustment)
	slab.set(&bc.DocumentLocale, v.DocumentLocale)

	if v.PaymentProvider.IsSet() {
		provider, ok := v.PaymentProvider.Get()
		sync, _ := v.SyncWithProvider.Get()
		id, _ := v.ProviderCustomerID.Get()
		switch {
		case !ok:
			bc.PaymentProvider = nil
		case created && !sync && id == "":
		case bc.PaymentProvider == nil || *bc.PaymentProvider != provider:
			// Another provider means another customer record there.
			clearProvider(bc)
			bc.PaymentProvider = &provider
		}
	}
	if bc.PaymentProvider == nil {
		clearProvider(bc)
		return
	}
	slab.set(&bc.PaymentProviderCode, v.PaymentProviderCode)
	slab.set(&bc.ProviderCustomerID, v.ProviderCustomerID)
	set(&bc.SyncWithProvider, v.SyncWithProvider)
	if v.ProviderPaymentMethods.IsSet() {
		bc.ProviderPaymentMethods, _ = v.ProviderPaymentMethods.Get()
	}
	if *bc.PaymentProvider != gen.PaymentProviderStripe {
		bc.ProviderPaymentMethods = nil
	} else if bc.ProviderPaymentMethods == nil {
		// Lago enables cards when a Stripe customer names no method.
		bc.ProviderPaymentMethods = []gen.ProviderPaymentMethod{gen.ProviderPaymentMethodCard}
	}
}

func clearProvider(bc *gen.BillingConfiguration) {
	bc.PaymentProvider = nil
	bc.PaymentProviderCode = nil
	bc.ProviderCustomerID = nil
	bc.ProviderPaymentMethods = nil
	bc.SyncWithProvider = nil
}

// applyAddress changes shipping_address key by key; null clears it all.
func applyAddress(slab *stringSlab, addr *gen.Address, in tristate.Nullable[gen.AddressInput]) {
	if in.IsNull() {
		*addr = gen.Address{}
		return
	}
	v, ok := in.Get()
	if !ok {
		return
	}
	slab.set(&addr.AddressLine1, v.AddressLine1)
	slab.set(&addr.AddressLine2, v.AddressLine2)
	slab.set(&addr.City, v.City)
	slab.set(&addr.Country, upper(v.Country))
	slab.set(&addr.State, v.State)
	slab.set(&addr.Zipcode, v.Zipcode)
}

// applyMetadata replaces the whole set when the key is present: items
// with the id of a pair update it, the others are created, and pairs not
// sent are gone.
func (st *store) applyMetadata(cust *customer, in tristate.Nullable[[]gen.CustomerMetadataInput], now time.Time) {
	if !in.IsSet() {
		return
	}
	items, _ := in.Get()
	out := make([]gen.CustomerMetadata, 0, len(items))
	for _, item := range items {
		display, _ := item.DisplayInInvoice.Get()
		pair := gen.CustomerMetadata{LagoID: st.ids.new(), CreatedAt: now}
		if id, ok := item.ID.Get(); ok {
			for _, old := range cust.Metadata {
				if old.LagoID == id {
					pair = old
				}
			}
		}
		pair.Key, pair.Value, pair.DisplayInInvoice = item.Key, item.Value, display
		out = append(out, pair)
	}
	cust.Metadata = out
}

// applyIntegrations creates or updates integration links; a customer has
// at most one per integration type. Lago never removes links here, so
// null changes nothing.
func (st *store) applyIntegrations(cust *customer, in tristate.Nullable[[]gen.IntegrationCustomerInput]) {
	items, _ := in.Get()
	for _, item := range items {
		link := -1
		id, hasID := item.ID.Get()
		typ, hasType := item.IntegrationType.Get()
		for i, l := range cust.IntegrationCustomers {
			if hasID && l.LagoID == id {
				link = i
			}
		}
		for i, l := range cust.IntegrationCustomers {
			if link < 0 && hasType && l.Type == typ {
				link = i
			}
		}
		if link < 0 {
			if !hasType {
				continue
			}
			category := integrationCategory(typ)
			cust.IntegrationCustomers = append(cust.IntegrationCustomers, gen.IntegrationCustomer{
				LagoID: st.ids.new(), Type: typ, Category: &category,
			})
			link = len(cust.IntegrationCustomers) - 1
		}
		l := &cust.IntegrationCustomers[link]
		code := item.IntegrationCode
		if !code.IsSet() {
			code = item.Code
		}
		set(&l.IntegrationCode, code)
		l.Code = l.IntegrationCode
		set(&l.ExternalCustomerID, item.ExternalCustomerID)
		set(&l.SyncWithProvider, item.SyncWithProvider)
		set(&l.SubsidiaryID, item.SubsidiaryID)
		set(&l.TargetedObject, item.TargetedObject)
	}
}

func integrationCategory(t gen.IntegrationType) gen.IntegrationCategory {
	switch t {
	case gen.IntegrationTypeAnrok, gen.IntegrationTypeAvalara:
		return gen.IntegrationCategoryTax
	case gen.IntegrationTypeHubspot, gen.IntegrationTypeSalesforce:
		return gen.IntegrationCategoryCrm
	}
	return gen.IntegrationCategoryAccounting
}
