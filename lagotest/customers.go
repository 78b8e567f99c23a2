package lagotest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// createCustomer is Lago's upsert on external_id: it creates the customer,
// or changes the keys the body carries on the live one with that id, and
// answers 200 both ways. Nothing changes unless every check passes.
func (s *Server) createCustomer(c *call) response {
	var body gen.CustomerCreateInput
	if err := json.Unmarshal(c.body, &body); err != nil {
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
	return okResponse(customerEnvelope{st.detail(cust)})
}

func (s *Server) getCustomer(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	return okResponse(customerEnvelope{s.store.detail(cust)})
}

// deleteCustomer is Lago's soft delete: the customer is answered as it
// was and disappears, its subscriptions end, and its external_id is free
// for a new customer.
func (s *Server) deleteCustomer(c *call) response {
	st := s.store
	cust, ok := st.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	rep := okResponse(customerEnvelope{st.detail(cust)})
	cust.deleted = true
	delete(st.live, cust.ExternalID)
	s.emitCustomerDeleted(cust)
	for _, sub := range cust.subscriptions {
		sub.Status = SubscriptionTerminated
	}
	return rep
}

func (st *store) newCustomer(externalID string, now time.Time) *customer {
	st.lastSequentialID++
	seq := st.lastSequentialID
	cust := &customer{Customer: gen.Customer{
		LagoID:                    st.ids.new(),
		SequentialID:              seq,
		Slug:                      fmt.Sprintf("%s-%03d", st.slugPrefix, seq),
		ExternalID:                externalID,
		BillingEntityCode:         st.entities[0],
		AccountType:               gen.AccountTypeCustomer,
		ApplicableTimezone:        "UTC",
		FinalizeZeroAmountInvoice: gen.FinalizeZeroAmountInvoiceInherit,
		CreatedAt:                 now,
		Metadata:                  []gen.CustomerMetadata{},
		IntegrationCustomers:      []gen.IntegrationCustomer{},
		Taxes:                     []gen.Tax{},
	}}
	st.customers = append(st.customers, cust)
	st.live[externalID] = cust
	return cust
}
