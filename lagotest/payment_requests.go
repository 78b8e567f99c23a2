package lagotest

import (
	"fmt"
	"slices"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// AddPaymentRequest gives the live customer with this external id a
// payment request, which the API cannot create here, and returns it as the
// list shows it. Each of its Invoices needs only the LagoID of an invoice
// added with AddInvoice; the rest comes from that invoice. Zero fields are
// filled in: the id, an amount of the invoices' due amounts, their
// currency (else the customer's), payment status pending, the customer's
// email and creation time now.
func (s *Server) AddPaymentRequest(externalCustomerID string, pr lago.PaymentRequest) (lago.PaymentRequest, error) {
	return seed(s, externalCustomerID, pr, func(st *store, cust *customer, pr *gen.PaymentRequest, now time.Time) error {
		var due int64
		for i, ref := range pr.Invoices {
			j := slices.IndexFunc(cust.invoices, func(inv *gen.Invoice) bool { return inv.LagoID == ref.LagoID })
			if j < 0 {
				return fmt.Errorf("lagotest: AddPaymentRequest: customer %q has no invoice %q", externalCustomerID, ref.LagoID)
			}
			pr.Invoices[i] = invoiceBase(cust.invoices[j])
			due += pr.Invoices[i].TotalDueAmountCents
			orValue(&pr.AmountCurrency, pr.Invoices[i].Currency)
		}
		pr.Invoices = orEmpty(pr.Invoices)
		st.orNew(&pr.LagoID)
		if pr.AmountCents == 0 {
			pr.AmountCents = due
		}
		orValue(&pr.AmountCurrency, cust.currency())
		orValue(&pr.PaymentStatus, gen.InvoicePaymentStatusPending)
		if pr.Email == nil {
			pr.Email = cust.Email
		}
		orValue(&pr.CreatedAt, now)
		pr.Customer = paymentRequestCustomer(cust)
		cust.paymentRequests = append(cust.paymentRequests, pr)
		return nil
	})
}

// paymentRequestCustomer is the plain customer a payment request carries,
// without its integration customers.
func paymentRequestCustomer(c *customer) gen.DocumentCustomer {
	out := documentCustomer(c)
	out.IntegrationCustomers = nil
	return out
}

// listPaymentRequests answers one page of the customer's payment
// requests, newest first. The payment_status filter is not checked, so a
// value Lago does not know matches nothing; billing_entity_codes[] keeps requests
// with at least one invoice of those entities, repeats allowed.
func (s *Server) listPaymentRequests(c *call) response {
	st := s.store
	owners, ok := st.billingCustomers(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	entities := c.query["billing_entity_codes[]"]
	if st.entitiesMissing(entities, true) {
		return notFound(codeBillingEntityNotFound)
	}
	q := newFilterQuery(c.query)
	status, currency := q.text("payment_status"), q.text("currency")
	matched := []gen.PaymentRequest{}
	for _, owner := range owners {
		for _, pr := range owner.paymentRequests {
			switch {
			case status != nil && *status != string(pr.PaymentStatus),
				currency != nil && *currency != pr.AmountCurrency,
				len(entities) > 0 && !slices.ContainsFunc(pr.Invoices, func(inv gen.InvoiceBase) bool { return slices.Contains(entities, inv.BillingEntityCode) }):
				continue
			}
			out := *pr
			out.Customer = paymentRequestCustomer(owner)
			matched = append(matched, out)
		}
	}
	slices.SortStableFunc(matched, func(a, b gen.PaymentRequest) int { return newestFirst(a.CreatedAt, b.CreatedAt, a.LagoID, b.LagoID) })
	page, meta := paginate(matched, pagingOf(c.query))
	return okResponse(gen.PaymentRequestPage{PaymentRequests: page, Meta: meta})
}
