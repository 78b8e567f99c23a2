package lagotest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// AddCreditNote gives the live customer with this external id a
// finalized credit note, which the API cannot create, and returns it as
// the credit note list shows it.
//
// When LagoInvoiceID names an invoice added with AddInvoice, the invoice
// number, currency, billing entity and purchase order number come from
// it; otherwise an invoice id is made up. Other zero fields are filled in:
// the ids; the sequential id and a number built from the invoice number;
// the customer's billing entity and currency; today as issuing date;
// reason other; a total of the credited, refunded and offset amounts, a
// balance of the credited one, and their decimal copies; credit status
// available when something is credited and refund status pending when
// something is refunded; creation and update times of now. Each item's
// fee gets ids, the currency, units "0.0" and a charge item when left
// empty. Nil lists are sent as []; Metadata stays absent when nil.
func (s *Server) AddCreditNote(externalCustomerID string, cn lago.CreditNote) (lago.CreditNote, error) {
	return seed(s, externalCustomerID, cn, func(st *store, cust *customer, cn *gen.CreditNote, now time.Time) error {
		st.orNew(&cn.LagoID)
		if i := slices.IndexFunc(cust.invoices, func(inv *gen.Invoice) bool { return inv.LagoID == cn.LagoInvoiceID }); i >= 0 {
			inv := cust.invoices[i]
			orValue(&cn.InvoiceNumber, inv.Number)
			orValue(&cn.Currency, inv.Currency)
			orValue(&cn.BillingEntityCode, inv.BillingEntityCode)
			if cn.PurchaseOrderNumber == nil {
				cn.PurchaseOrderNumber = inv.PurchaseOrderNumber
			}
		}
		st.orNew(&cn.LagoInvoiceID)
		orValue(&cn.InvoiceNumber, cust.Slug+"-INV")
		orValue(&cn.Currency, cust.currency())
		orValue(&cn.BillingEntityCode, cust.BillingEntityCode)
		if cn.SequentialID == 0 {
			cn.SequentialID = int64(len(cust.creditNotes) + 1)
		}
		if cn.Number == "" {
			cn.Number = fmt.Sprintf("%s-CN%03d", cn.InvoiceNumber, cn.SequentialID)
		}
		if cn.IssuingDate.IsZero() {
			cn.IssuingDate = dateOf(now)
		}
		orValue(&cn.Reason, gen.CreditNoteReasonOther)
		if cn.TotalAmountCents == 0 {
			cn.TotalAmountCents = cn.CreditAmountCents + cn.RefundAmountCents + cn.OffsetAmountCents
		}
		if cn.SubTotalExcludingTaxesAmountCents == 0 {
			cn.SubTotalExcludingTaxesAmountCents = cn.TotalAmountCents - cn.TaxesAmountCents
		}
		if cn.BalanceAmountCents == 0 {
			cn.BalanceAmountCents = cn.CreditAmountCents
		}
		orValue(&cn.PreciseTotalAmountCents, decimalOf(cn.TotalAmountCents))
		orValue(&cn.PreciseTaxesAmountCents, decimalOf(cn.TaxesAmountCents))
		if cn.CreditStatus == nil && cn.CreditAmountCents > 0 {
			v := gen.CreditNoteCreditStatusAvailable
			cn.CreditStatus = &v
		}
		if cn.RefundStatus == nil && cn.RefundAmountCents > 0 {
			v := gen.CreditNoteRefundStatusPending
			cn.RefundStatus = &v
		}
		orValue(&cn.CreatedAt, now)
		orValue(&cn.UpdatedAt, cn.CreatedAt)
		if cn.Items == nil {
			cn.Items = []gen.CreditNoteItem{}
		}
		for i := range cn.Items {
			it := &cn.Items[i]
			st.orNew(&it.LagoID)
			orValue(&it.AmountCurrency, cn.Currency)
			orValue(&it.PreciseAmountCents, decimalOf(it.AmountCents))
			st.fillFee(&it.Fee, cust, cn.Currency, now)
		}
		if cn.AppliedTaxes == nil {
			cn.AppliedTaxes = []gen.CreditNoteAppliedTax{}
		}
		for i := range cn.AppliedTaxes {
			tx := &cn.AppliedTaxes[i]
			st.orNew(&tx.LagoID)
			tx.LagoCreditNoteID = cn.LagoID
			orValue(&tx.AmountCurrency, cn.Currency)
			orValue(&tx.CreatedAt, now)
		}
		if cn.ErrorDetails == nil {
			cn.ErrorDetails = []gen.CustomerErrorDetail{}
		}
		cn.Customer = documentCustomer(cust)
		cust.creditNotes = append(cust.creditNotes, cn)
		return nil
	})
}

// fillFee fills what a fee inside a credit note item must carry.
func (st *store) fillFee(f *gen.Fee, cust *customer, currency string, now time.Time) {
	if f.LagoID == nil {
		id := st.ids.new()
		f.LagoID = &id
	}
	if f.LagoCustomerID == nil {
		f.LagoCustomerID = &cust.LagoID
	}
	if f.ExternalCustomerID == nil {
		f.ExternalCustomerID = &cust.ExternalID
	}
	orValue(&f.AmountCurrency, currency)
	orValue(&f.TotalAmountCurrency, currency)
	if f.TotalAmountCents == 0 {
		f.TotalAmountCents = f.AmountCents + f.TaxesAmountCents
	}
	if f.SubTotalExcludingTaxesAmountCents == 0 {
		f.SubTotalExcludingTaxesAmountCents = f.AmountCents
	}
	if f.PreciseAmount == 0 {
		f.PreciseAmount = float64(f.AmountCents)
	}
	if f.PreciseTotalAmount == 0 {
		f.PreciseTotalAmount = float64(f.TotalAmountCents)
	}
	if f.TaxesPreciseAmount == 0 {
		f.TaxesPreciseAmount = float64(f.TaxesAmountCents)
	}
	decimal0(&f.Units)
	orValue(&f.TotalAggregatedUnits, f.Units)
	decimal0(&f.PreciseUnitAmount)
	decimal0(&f.PreciseCouponsAmountCents)
	orValue(&f.SubTotalExcludingTaxesPreciseAmountCents, decimalOf(f.SubTotalExcludingTaxesAmountCents))
	orValue(&f.PaymentStatus, gen.FeePaymentStatusPending)
	if f.CreatedAt == nil {
		f.CreatedAt = &now
	}
	f.Invoiceable = f.Invoiceable || !f.PayInAdvance
	orValue(&f.Item.Type, gen.FeeItemTypeCharge)
	orValue(&f.Item.ItemType, gen.FeeItemSourceBillableMetric)
	st.orNew(&f.Item.LagoItemID)
	orValue(&f.Item.Code, string(f.Item.Type))
	orValue(&f.Item.Name, f.Item.Code)
	orValue(&f.Item.InvoiceDisplayName, f.Item.Name)
	if f.Item.GroupedBy == nil {
		f.Item.GroupedBy = gen.GroupValues{}
	}
	if f.PresentationBreakdowns == nil {
		f.PresentationBreakdowns = []gen.PresentationBreakdown{}
	}
	// Fees inside a credit note never carry their taxes.
	f.AppliedTaxes = nil
}

// creditNoteFilter is the parsed filters of a customer's credit note
// list; a nil or empty field filters nothing.
type creditNoteFilter struct {
	from, to                            *time.Time
	amountFrom, amountTo                *int64
	search, invoiceNumber, currency, po *string
	selfBilled                          *bool
	reasons                             []gen.CreditNoteReason
	creditStatuses                      []gen.CreditNoteCreditStatus
	refundStatuses                      []gen.CreditNoteRefundStatus
	types                               []gen.CreditNoteType
}

func parseCreditNoteFilter(raw url.Values) creditNoteFilter {
	q := newFilterQuery(raw)
	return creditNoteFilter{
		from: q.date("issuing_date_from"), to: q.date("issuing_date_to"),
		amountFrom: q.integer("amount_from"), amountTo: q.integer("amount_to"),
		search: q.text("search_term"), invoiceNumber: q.text("invoice_number"),
		currency: q.text("currency"), po: q.text("purchase_order_number"),
		// self_billed is cast as Rails casts booleans, never refused.
		selfBilled: q.boolean("self_billed", false),
		// Unknown values of these four are dropped; with none left the
		// filter is off.
		reasons:        known[gen.CreditNoteReason](q.values("reason")),
		creditStatuses: known[gen.CreditNoteCreditStatus](q.values("credit_status")),
		refundStatuses: known[gen.CreditNoteRefundStatus](q.values("refund_status")),
		types:          known[gen.CreditNoteType](q.values("types")),
	}
}

func (f *creditNoteFilter) match(cn *gen.CreditNote, owner *customer) bool {
	credit, refund := "", ""
	if cn.CreditStatus != nil {
		credit = string(*cn.CreditStatus)
	}
	if cn.RefundStatus != nil {
		refund = string(*cn.RefundStatus)
	}
	switch {
	case !dayWithin(cn.IssuingDate.Time, f.from, f.to),
		!within(cn.TotalAmountCents, f.amountFrom, f.amountTo),
		f.invoiceNumber != nil && *f.invoiceNumber != cn.InvoiceNumber,
		f.currency != nil && *f.currency != cn.Currency,
		!equalFold(f.po, cn.PurchaseOrderNumber),
		f.selfBilled != nil && *f.selfBilled != cn.SelfBilled,
		!in(f.reasons, cn.Reason),
		!in(f.creditStatuses, gen.CreditNoteCreditStatus(credit)),
		!in(f.refundStatuses, gen.CreditNoteRefundStatus(refund)):
		return false
	}
	if len(f.types) > 0 && !slices.ContainsFunc(f.types, func(t gen.CreditNoteType) bool {
		return t == gen.CreditNoteTypeCredit && cn.CreditAmountCents > 0 ||
			t == gen.CreditNoteTypeRefund && cn.RefundAmountCents > 0 ||
			t == gen.CreditNoteTypeOffset && cn.OffsetAmountCents > 0
	}) {
		return false
	}
	if f.search != nil && *f.search != "" {
		// Lago searches the number and id, and also the customer's
		// fields: a term that matches the customer keeps all its notes.
		term := strings.ToLower(*f.search)
		if !strings.Contains(strings.ToLower(cn.Number), term) && !strings.Contains(cn.LagoID, term) && !owner.mentionsAsDocumentOwner(term) {
			return false
		}
	}
	return true
}

// mentionsAsDocumentOwner is the customer side of a credit note search:
// name, firstname, lastname, external_id and email.
func (c *customer) mentionsAsDocumentOwner(term string) bool {
	for _, field := range []*string{c.Name, c.Firstname, c.Lastname, &c.ExternalID, c.Email} {
		if field != nil && strings.Contains(strings.ToLower(*field), term) {
			return true
		}
	}
	return false
}

// listCreditNotes answers one page of the customer's credit notes that
// match every filter, newest first.
func (s *Server) listCreditNotes(c *call) response {
	st := s.store
	owners, ok := st.billingCustomers(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	entities := c.query["billing_entity_codes[]"]
	if st.entitiesMissing(entities, false) {
		return notFound(codeBillingEntityNotFound)
	}
	f := parseCreditNoteFilter(c.query)
	matched := []gen.CreditNote{}
	for _, owner := range owners {
		for _, cn := range owner.creditNotes {
			if f.match(cn, owner) && in(entities, cn.BillingEntityCode) {
				out := *cn
				out.Customer = documentCustomer(owner)
				matched = append(matched, out)
			}
		}
	}
	slices.SortStableFunc(matched, func(a, b gen.CreditNote) int { return newestFirst(a.CreatedAt, b.CreatedAt, a.LagoID, b.LagoID) })
	page, meta := paginate(matched, pagingOf(c.query))
	return okResponse(gen.CreditNotePage{CreditNotes: page, Meta: meta})
}
