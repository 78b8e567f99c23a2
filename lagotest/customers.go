package lagotest

import (
	"errors"
	"fmt"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// customer is one customer with what Lago keeps beside it.
type customer struct {
	gen.Customer
	deleted bool
	// sectionCodes are the invoice custom sections selected for it.
	sectionCodes  []string
	coupons       []*gen.AppliedCoupon
	subscriptions []*Subscription
	wallets       []*wallet
	documents
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
	st.listed.add(cust)
	return cust
}

// customer returns the live customer with this external_id.
func (st *store) customer(externalID string) (*customer, bool) {
	c, ok := st.live[externalID]
	return c, ok
}

// ErrUnknownCustomer is returned by the helpers that set up state for a
// customer (ApplyCoupon, AddSubscription, SetPaymentProvider) when no live
// customer has the external id given.
var ErrUnknownCustomer = errors.New("lagotest: no customer with this external id")

// liveCustomer finds the customer a helper works on.
func (st *store) liveCustomer(externalID string) (*customer, error) {
	c, ok := st.customer(externalID)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownCustomer, externalID)
	}
	return c, nil
}

// currency is the customer's currency, or USD for one without, for the
// amounts the helpers make up.
func (c *customer) currency() string {
	if c.Currency != nil {
		return *c.Currency
	}
	return "USD"
}

// customerDetail is a customer as the one-customer responses show it. They
// carry applicable_invoice_custom_sections and error_details even when
// empty, which the omitempty tags of gen.Customer would drop: these
// fields, shallower than the embedded ones, win in encoding/json.
type customerDetail struct {
	gen.Customer
	ApplicableInvoiceCustomSections []gen.InvoiceCustomSection `json:"applicable_invoice_custom_sections"`
	ErrorDetails                    []gen.CustomerErrorDetail  `json:"error_details"`
}

type customerEnvelope struct {
	Customer customerDetail `json:"customer"`
}

// detail is the customer as GET, DELETE and POST answer it.
func (st *store) detail(c *customer) customerDetail {
	sections := []gen.InvoiceCustomSection{}
	if !c.SkipInvoiceCustomSections {
		for _, code := range c.sectionCodes {
			sections = append(sections, st.sections[code])
		}
	}
	return customerDetail{
		Customer:                        c.listItem(),
		ApplicableInvoiceCustomSections: sections,
		ErrorDetails:                    []gen.CustomerErrorDetail{},
	}
}

// listItem is the customer as a list page shows it, without the two
// fields only one-customer responses carry. The copy shares slices with the
// stored customer, so it must be encoded under the lock.
func (c *customer) listItem() gen.Customer {
	out := c.Customer
	out.ApplicableInvoiceCustomSections = nil
	out.ErrorDetails = nil
	bc := &out.BillingConfiguration
	// Provider details come from the provider customer, which exists only
	// with a provider; sync is an input flag Lago never sends back.
	if bc.PaymentProvider == nil {
		clearProvider(bc)
	}
	bc.Sync = nil
	return out
}

func (s *Server) getCustomer(c *call) response {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	return customerResponse(s.store.detail(cust))
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
	rep := customerResponse(st.detail(cust))
	cust.deleted = true
	delete(st.live, cust.ExternalID)
	st.listed.remove(cust)
	// Lago's follow-up of the deletion terminates the customer's
	// subscriptions and wallets, and sends an event for each active one,
	// though none about the customer itself.
	for _, sub := range cust.subscriptions {
		s.emitSubscriptionTerminated(sub)
		sub.Status = SubscriptionTerminated
	}
	for _, w := range cust.wallets {
		s.terminate(w)
	}
	return rep
}
