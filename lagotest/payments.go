package lagotest

import (
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// AddPayment gives the live customer with this external id a payment,
// which the API cannot record, and returns it as the payment list shows
// it.
//
// A payment pays an invoice (PayableType Invoice, the default) or a
// payment request (PayableType PaymentRequest): LagoPayableID names it,
// or, for an invoice, the single entry of InvoiceIDs. When it names an
// invoice or payment request added before, InvoiceIDs and InvoiceNumbers
// default to what it covers. Other zero fields are filled in: the ids,
// the customer's ids and currency, type manual, status "succeeded" and
// creation time now. Lago sends no reference for a provider payment, and
// no provider code or type for a manual one; set them accordingly.
func (s *Server) AddPayment(externalCustomerID string, p lago.Payment) (lago.Payment, error) {
	return seed(s, externalCustomerID, p, func(st *store, cust *customer, p *gen.Payment, now time.Time) error {
		orValue(&p.PayableType, gen.PaymentPayableTypeInvoice)
		if p.LagoPayableID == "" && p.PayableType == gen.PaymentPayableTypeInvoice && len(p.InvoiceIDs) == 1 {
			p.LagoPayableID = p.InvoiceIDs[0]
		}
		if p.LagoPayableID == "" {
			return fmt.Errorf("lagotest: AddPayment: the payment needs a LagoPayableID")
		}
		if p.InvoiceIDs == nil {
			switch p.PayableType {
			case gen.PaymentPayableTypePaymentRequest:
				if i := slices.IndexFunc(cust.paymentRequests, func(pr *gen.PaymentRequest) bool { return pr.LagoID == p.LagoPayableID }); i >= 0 {
					for _, inv := range cust.paymentRequests[i].Invoices {
						p.InvoiceIDs = append(p.InvoiceIDs, inv.LagoID)
					}
				}
			default:
				p.InvoiceIDs = []string{p.LagoPayableID}
			}
		}
		if p.InvoiceNumbers == nil {
			p.InvoiceNumbers = []string{}
			for _, id := range p.InvoiceIDs {
				if i := slices.IndexFunc(cust.invoices, func(inv *gen.Invoice) bool { return inv.LagoID == id }); i >= 0 {
					p.InvoiceNumbers = append(p.InvoiceNumbers, cust.invoices[i].Number)
				}
			}
		}
		p.InvoiceIDs = orEmpty(p.InvoiceIDs)
		st.orNew(&p.LagoID)
		p.LagoCustomerID, p.ExternalCustomerID = cust.LagoID, cust.ExternalID
		orValue(&p.AmountCurrency, cust.currency())
		orValue(&p.Type, gen.PaymentTypeManual)
		orValue(&p.Status, "succeeded")
		orValue(&p.CreatedAt, now)
		// Lago never sends payment_method_id.
		p.PaymentMethodID = nil
		cust.payments = append(cust.payments, p)
		return nil
	})
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// listPayments answers one page of the customer's payments, of invoices
// and payment requests alike, newest first. The invoice_id filter keeps the
// payments of that invoice and of the payment requests that include it; one that
// is not a UUID is answered 422 as Lago's contract does.
func (s *Server) listPayments(c *call) response {
	owners, ok := s.store.billingCustomers(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	invoiceID := c.query.Get("invoice_id")
	if c.query.Has("invoice_id") && !uuidPattern.MatchString(invoiceID) {
		return validationFailed(map[string]any{"invoice_id": []string{"is in invalid format"}})
	}
	matched := []gen.Payment{}
	for _, owner := range owners {
		for _, p := range owner.payments {
			if invoiceID == "" || slices.Contains(p.InvoiceIDs, invoiceID) {
				matched = append(matched, *p)
			}
		}
	}
	slices.SortStableFunc(matched, func(a, b gen.Payment) int { return newestFirst(a.CreatedAt, b.CreatedAt, a.LagoID, b.LagoID) })
	page, meta := paginate(matched, pagingOf(c.query))
	return okResponse(gen.PaymentPage{Payments: page, Meta: meta})
}

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
