package lagotest

import (
	"fmt"
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
