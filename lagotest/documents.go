package lagotest

import (
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
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

// dateOf is the day of t, as the issuing dates show it.
func dateOf(t time.Time) lago.Date {
	return lago.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}
