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

// AddInvoice gives the live customer with this external id an invoice,
// which the API cannot create, and returns it as the invoice list shows
// it. The list always shows the customer as it is at the time of the
// request.
//
// Zero fields are filled in: the ids; the sequential id and a number
// built from the customer's slug; the customer's billing entity and
// currency (USD without one); today as issuing date and that day plus the
// customer's net payment term (0 without one) as due date; type
// subscription, status finalized, payment status pending; a total of fees
// plus taxes and the matching sub-totals; a due amount of the total less
// what is paid; version 4; creation and update times of now. Nil lists
// are sent as []. Values the spec does not allow make the list answer a
// 500 and New fail the test.
//
// PaymentOverdue follows Lago's periodic overdue check, which marks
// finalized invoices whose payment has not succeeded, whose dispute is not
// lost and whose due date has passed: AddInvoice, and every invoice list
// after it, sets PaymentOverdue on such an invoice due before the server
// clock's day (UTC), even when it is given false. For an invoice due today
// the check may or may not have run, so PaymentOverdue is kept as given.
// An invoice given as overdue that Lago could not have marked (due after
// today, a draft, or payment status succeeded) is refused with
// ErrImpossibleInvoice. Payment requests show
// their invoices as they were when AddPaymentRequest was called.
func (s *Server) AddInvoice(externalCustomerID string, inv lago.Invoice) (lago.Invoice, error) {
	return seed(s, externalCustomerID, inv, func(st *store, cust *customer, inv *gen.Invoice, now time.Time) error {
		st.orNew(&inv.LagoID)
		if inv.SequentialID == 0 {
			inv.SequentialID = int64(len(cust.invoices) + 1)
		}
		if inv.Number == "" {
			inv.Number = fmt.Sprintf("%s-%03d", cust.Slug, inv.SequentialID)
		}
		if inv.BillingEntityCode == "" {
			inv.BillingEntityCode = cust.BillingEntityCode
		}
		if inv.Currency == "" {
			inv.Currency = cust.currency()
		}
		if inv.IssuingDate.IsZero() {
			inv.IssuingDate = dateOf(now)
		}
		if inv.PaymentDueDate == nil {
			term := int64(0)
			if cust.NetPaymentTerm != nil {
				term = *cust.NetPaymentTerm
			}
			due := dateOf(inv.IssuingDate.AddDate(0, 0, int(term)))
			inv.PaymentDueDate = &due
			inv.NetPaymentTerm = term
		}
		orValue(&inv.InvoiceType, gen.InvoiceTypeSubscription)
		orValue(&inv.Status, gen.InvoiceStatusFinalized)
		orValue(&inv.PaymentStatus, gen.InvoicePaymentStatusPending)
		if err := checkOverdue(inv, now); err != nil {
			return err
		}
		if becomesOverdue(inv, now) {
			inv.PaymentOverdue = true
		}
		if inv.SubTotalExcludingTaxesAmountCents == 0 {
			inv.SubTotalExcludingTaxesAmountCents = inv.FeesAmountCents - inv.CouponsAmountCents
		}
		if inv.SubTotalIncludingTaxesAmountCents == 0 {
			inv.SubTotalIncludingTaxesAmountCents = inv.SubTotalExcludingTaxesAmountCents + inv.TaxesAmountCents
		}
		if inv.TotalAmountCents == 0 {
			inv.TotalAmountCents = inv.SubTotalIncludingTaxesAmountCents - inv.CreditNotesAmountCents - inv.PrepaidCreditAmountCents
		}
		if inv.TotalDueAmountCents == 0 && inv.PaymentStatus != gen.InvoicePaymentStatusSucceeded {
			inv.TotalDueAmountCents = max(inv.TotalAmountCents-inv.TotalPaidAmountCents, 0)
		}
		if inv.VersionNumber == 0 {
			inv.VersionNumber = 4
		}
		if inv.CreatedAt.IsZero() {
			inv.CreatedAt = now
		}
		if inv.UpdatedAt.IsZero() {
			inv.UpdatedAt = inv.CreatedAt
		}
		if inv.Metadata == nil {
			inv.Metadata = []gen.InvoiceMetadata{}
		}
		for i := range inv.Metadata {
			st.orNew(&inv.Metadata[i].LagoID)
			orValue(&inv.Metadata[i].CreatedAt, now)
		}
		if inv.AppliedTaxes == nil {
			inv.AppliedTaxes = []gen.InvoiceAppliedTax{}
		}
		for i := range inv.AppliedTaxes {
			tx := &inv.AppliedTaxes[i]
			st.orNew(&tx.LagoID)
			tx.LagoInvoiceID = inv.LagoID
			orValue(&tx.AmountCurrency, inv.Currency)
			orValue(&tx.CreatedAt, now)
		}
		for i := range inv.AppliedUsageThresholds {
			th := &inv.AppliedUsageThresholds[i]
			orValue(&th.CreatedAt, now)
			st.orNew(&th.UsageThreshold.LagoID)
			orValue(&th.UsageThreshold.CreatedAt, now)
			orValue(&th.UsageThreshold.UpdatedAt, th.UsageThreshold.CreatedAt)
		}
		// Lago never lists an invoice's custom sections here.
		inv.AppliedInvoiceCustomSections = nil
		inv.Customer = documentCustomer(cust)
		cust.invoices = append(cust.invoices, inv)
		return nil
	})
}

// invoiceBase is the invoice as a payment request lists it.
func invoiceBase(inv *gen.Invoice) gen.InvoiceBase {
	return gen.InvoiceBase{
		LagoID: inv.LagoID, BillingEntityCode: inv.BillingEntityCode, SequentialID: inv.SequentialID, Number: inv.Number,
		IssuingDate: inv.IssuingDate, PaymentDisputeLostAt: inv.PaymentDisputeLostAt, PaymentDueDate: inv.PaymentDueDate,
		PaymentOverdue: inv.PaymentOverdue, NetPaymentTerm: inv.NetPaymentTerm, InvoiceType: inv.InvoiceType,
		Status: inv.Status, PaymentStatus: inv.PaymentStatus, Currency: inv.Currency, FeesAmountCents: inv.FeesAmountCents,
		CouponsAmountCents: inv.CouponsAmountCents, CreditNotesAmountCents: inv.CreditNotesAmountCents,
		SubTotalExcludingTaxesAmountCents: inv.SubTotalExcludingTaxesAmountCents, TaxesAmountCents: inv.TaxesAmountCents,
		SubTotalIncludingTaxesAmountCents: inv.SubTotalIncludingTaxesAmountCents, PrepaidCreditAmountCents: inv.PrepaidCreditAmountCents,
		PrepaidGrantedCreditAmountCents: inv.PrepaidGrantedCreditAmountCents, PrepaidPurchasedCreditAmountCents: inv.PrepaidPurchasedCreditAmountCents,
		ProgressiveBillingCreditAmountCents: inv.ProgressiveBillingCreditAmountCents, TotalAmountCents: inv.TotalAmountCents,
		TotalDueAmountCents: inv.TotalDueAmountCents, TotalPaidAmountCents: inv.TotalPaidAmountCents,
		TotalOffsettedCreditNoteAmountCents: inv.TotalOffsettedCreditNoteAmountCents, VersionNumber: inv.VersionNumber,
		SelfBilled: inv.SelfBilled, PurchaseOrderNumber: inv.PurchaseOrderNumber, FileURL: inv.FileURL, XMLURL: inv.XMLURL,
		WebURL: inv.WebURL, VoidedAt: inv.VoidedAt, CreatedAt: inv.CreatedAt, UpdatedAt: inv.UpdatedAt,
		AppliedUsageThresholds: inv.AppliedUsageThresholds,
	}
}

// invoiceFilter is the parsed filters of a customer's invoice list; a
// nil or empty field filters nothing.
type invoiceFilter struct {
	amountFrom, amountTo                            *int64
	from, to                                        *time.Time
	statuses, paymentStatuses, types                []string
	overdue, selfBilled, partiallyPaid, disputeLost *bool
	search, currency, purchaseOrder                 *string
	settlements                                     []gen.InvoiceSettlement
	metadata                                        map[string]string
}

// parseInvoiceFilter reads the filters and checks those Lago's contract
// checks, answering its sentences for the others.
func parseInvoiceFilter(raw url.Values) (invoiceFilter, map[string]any) {
	q := newFilterQuery(raw)
	f := invoiceFilter{
		amountFrom: q.integer("amount_from"), amountTo: q.integer("amount_to"),
		from: q.date("issuing_date_from"), to: q.date("issuing_date_to"),
		search: q.text("search_term"), currency: q.text("currency"), purchaseOrder: q.text("purchase_order_number"),
		// An invoice type Lago does not know matches no invoice.
		types: q.values("invoice_type"),
		// A settlement Lago does not know is dropped.
		settlements: known[gen.InvoiceSettlement](q.values("settlements")),
		metadata:    map[string]string{},
	}
	// status and statuses name one filter, as do payment_status and
	// payment_statuses; as in Lago, the first name wins.
	f.statuses = firstSet(q.values("status"), q.values("statuses"))
	f.paymentStatuses = firstSet(q.values("payment_status"), q.values("payment_statuses"))
	q.oneOf("status", f.statuses, func(v string) bool { return gen.InvoiceStatus(v).Valid() }, "draft, finalized, voided, failed, pending")
	q.oneOf("payment_status", f.paymentStatuses, func(v string) bool { return gen.InvoicePaymentStatus(v).Valid() }, "pending, succeeded, failed")
	f.overdue = q.boolean("payment_overdue", true)
	f.selfBilled = q.boolean("self_billed", true)
	f.partiallyPaid = q.boolean("partially_paid", true)
	// Lago tests the raw value of payment_dispute_lost for presence, so
	// false keeps exactly what true keeps.
	if q.Get("payment_dispute_lost") != "" {
		yes := true
		f.disputeLost = &yes
	}
	for key, values := range q.Values {
		if k, ok := strings.CutPrefix(key, "metadata["); ok && strings.HasSuffix(k, "]") {
			f.metadata[strings.TrimSuffix(k, "]")] = values[0]
		}
	}
	return f, q.errs
}

func firstSet(lists ...[]string) []string {
	for _, l := range lists {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

func (f *invoiceFilter) match(inv *gen.Invoice) bool {
	partly := inv.TotalPaidAmountCents > 0 && inv.TotalDueAmountCents > 0
	switch {
	case !within(inv.TotalAmountCents, f.amountFrom, f.amountTo),
		!dayWithin(inv.IssuingDate.Time, f.from, f.to),
		!in(f.statuses, string(inv.Status)), !in(f.paymentStatuses, string(inv.PaymentStatus)),
		!in(f.types, string(inv.InvoiceType)),
		f.overdue != nil && *f.overdue != inv.PaymentOverdue,
		f.selfBilled != nil && *f.selfBilled != inv.SelfBilled,
		f.partiallyPaid != nil && *f.partiallyPaid != partly,
		f.disputeLost != nil && inv.PaymentDisputeLostAt == nil,
		f.currency != nil && *f.currency != inv.Currency,
		!equalFold(f.purchaseOrder, inv.PurchaseOrderNumber):
		return false
	case f.search != nil && *f.search != "" && !strings.Contains(strings.ToLower(inv.Number), strings.ToLower(*f.search)) && *f.search != inv.LagoID:
		// On a customer's invoices Lago searches the number and the id
		// only, never the customer's fields.
		return false
	}
	if len(f.settlements) > 0 && !slices.ContainsFunc(f.settlements, func(s gen.InvoiceSettlement) bool {
		return s == gen.InvoiceSettlementPayment && inv.TotalPaidAmountCents > 0 ||
			s == gen.InvoiceSettlementCreditNote && inv.TotalOffsettedCreditNoteAmountCents > 0
	}) {
		return false
	}
	for key, want := range f.metadata {
		i := slices.IndexFunc(inv.Metadata, func(m gen.InvoiceMetadata) bool { return m.Key == key })
		if want == "" && i >= 0 || want != "" && (i < 0 || inv.Metadata[i].Value != want) {
			return false
		}
	}
	return true
}

// listInvoices answers one page of the customer's invoices that match
// every filter, latest issuing date first. Its meta counts the invoices
// of the whole organization that match the same filters, as Lago does
// when it serves the count it caches under a key without the customer:
// past the customer's last invoice, pages are empty and next_page goes on
// to the organization's last page. Lago recomputes a cached count after
// 30 minutes or on what it takes for the last page; here the count is
// always the organization's.
func (s *Server) listInvoices(c *call) response {
	st := s.store
	owners, ok := st.billingCustomers(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	if st.entitiesMissing(c.query["billing_entity_codes[]"], false) {
		// All billing entities count here, archived ones included; a
		// repeated code is unknown, as Lago compares counts.
		return notFound(codeBillingEntityNotFound)
	}
	f, errs := parseInvoiceFilter(c.query)
	if len(errs) > 0 {
		return validationFailed(errs)
	}
	st.markOverdue(c.now)
	entities := c.query["billing_entity_codes[]"]
	matched := []gen.Invoice{}
	for _, owner := range owners {
		for _, inv := range owner.invoices {
			if f.match(inv) && in(entities, inv.BillingEntityCode) {
				out := *inv
				out.Customer = documentCustomer(owner)
				matched = append(matched, out)
			}
		}
	}
	slices.SortStableFunc(matched, func(a, b gen.Invoice) int {
		if c := b.IssuingDate.Compare(a.IssuingDate.Time); c != 0 {
			return c
		}
		return newestFirst(a.CreatedAt, b.CreatedAt, a.LagoID, b.LagoID)
	})
	counted := int64(0)
	for _, cust := range st.customers {
		for _, inv := range cust.invoices {
			if f.match(inv) && in(entities, inv.BillingEntityCode) {
				counted++
			}
		}
	}
	page, meta := paginateCounted(matched, counted, pagingOf(c.query))
	return okResponse(gen.InvoicePage{Invoices: page, Meta: meta})
}
