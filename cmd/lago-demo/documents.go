package main

import (
	"context"
	"fmt"
	"time"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// documentMethods are the client methods for a customer's invoices,
// credit notes, payments, payment requests, subscriptions and payment
// methods, one per operation.
var documentMethods = []string{
	"ListInvoices", "ListCreditNotes", "ListPayments", "ListPaymentRequests", "ListSubscriptions",
	"ListPaymentMethods", "SetDefaultPaymentMethod", "DeletePaymentMethod",
}

// documentSteps seeds the customer's billing documents and payment
// methods with lagotest's helpers, since the API cannot create them, then
// lists each kind and changes the default payment method.
func documentSteps(ctx context.Context, r *report, srv *lagotest.Server, client *lago.Client, customer string) {
	card, sepa, err := seedDocuments(srv, customer)
	if err != nil {
		r.step("AddInvoice…", "lagotest seeding", func() (string, error) { return "", err })
		return
	}
	documentListSteps(ctx, r, client, customer)
	r.step("SetDefaultPaymentMethod", "PUT /customers/{external_customer_id}/payment_methods/{payment_method_id}/set_as_default", func() (string, error) {
		m, err := client.SetDefaultPaymentMethod(ctx, customer, sepa.LagoID)
		if err != nil {
			return "", err
		}
		if !m.IsDefault {
			return "", fmt.Errorf("%s is not the default after set_as_default", m.ProviderMethodID)
		}
		return m.ProviderMethodID + " is now the default payment method", nil
	})
	r.step("DeletePaymentMethod", "DELETE /customers/{external_customer_id}/payment_methods/{payment_method_id}", func() (string, error) {
		m, err := client.DeletePaymentMethod(ctx, customer, card.LagoID)
		if err != nil {
			return "", err
		}
		page, err := client.ListPaymentMethods(ctx, customer, nil)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("deleted %s; %s left", m.ProviderMethodID, plural(int(page.Meta.TotalCount), "payment method", "payment methods")), nil
	})
	r.expectError("DeletePaymentMethod", "DELETE /customers/{external_customer_id}/payment_methods/{payment_method_id}", lago.ErrNotFound, "lago.ErrNotFound", "the card is already deleted", func() error {
		_, err := client.DeletePaymentMethod(ctx, customer, card.LagoID)
		return err
	})
}

// overdueAge is how many days before today the unpaid invoice was issued:
// more than the customer's net payment term, so it is past due and Lago's
// overdue check (which lagotest runs) has marked it overdue.
const overdueAge = 45

// seedDocuments gives the customer two invoices, a credit note, a payment
// request, a payment and two payment methods, the card being the default.
func seedDocuments(srv *lagotest.Server, customer string) (card, sepa lago.PaymentMethod, err error) {
	issued := time.Now().UTC().AddDate(0, 0, -overdueAge)
	first, err := srv.AddInvoice(customer, lago.Invoice{FeesAmountCents: 10330, TaxesAmountCents: 2066,
		IssuingDate: lago.Date{Time: time.Date(issued.Year(), issued.Month(), issued.Day(), 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		return card, sepa, err
	}
	if _, err = srv.AddInvoice(customer, lago.Invoice{FeesAmountCents: 9800, TaxesAmountCents: 1960, Status: lago.InvoiceStatusDraft}); err != nil {
		return card, sepa, err
	}
	if _, err = srv.AddCreditNote(customer, lago.CreditNote{LagoInvoiceID: first.LagoID, Reason: lago.CreditNoteReasonDuplicatedCharge, CreditAmountCents: 1200}); err != nil {
		return card, sepa, err
	}
	pr, err := srv.AddPaymentRequest(customer, lago.PaymentRequest{Invoices: []lago.InvoiceBase{{LagoID: first.LagoID}}})
	if err != nil {
		return card, sepa, err
	}
	if _, err = srv.AddPayment(customer, lago.Payment{PayableType: lago.PaymentPayableTypePaymentRequest, LagoPayableID: pr.LagoID, AmountCents: pr.AmountCents, Reference: lago.Ptr("wire 2026-118")}); err != nil {
		return card, sepa, err
	}
	if card, err = srv.AddPaymentMethod(customer, lago.PaymentMethod{ProviderMethodID: "pm_card_visa", IsDefault: true, PaymentProviderType: lago.Ptr(lago.PaymentProviderStripe)}); err != nil {
		return card, sepa, err
	}
	sepa, err = srv.AddPaymentMethod(customer, lago.PaymentMethod{ProviderMethodID: "pm_sepa_debit", PaymentProviderType: lago.Ptr(lago.PaymentProviderStripe)})
	return card, sepa, err
}

// documentListSteps read the customer's lists; they change nothing.
func documentListSteps(ctx context.Context, r *report, client *lago.Client, customer string) {
	r.step("ListInvoices", "GET /customers/{external_customer_id}/invoices", func() (string, error) {
		page, err := client.ListInvoices(ctx, customer, &lago.ListInvoicesOptions{PaymentOverdue: lago.Ptr(true)})
		if err != nil {
			return "", err
		}
		// Lago's invoice count may be cached for the whole organization, so
		// count by walking the pages rather than from meta.
		all := 0
		for _, err := range client.AllInvoices(ctx, customer, &lago.ListInvoicesOptions{PerPage: 100}) {
			if err != nil {
				return "", err
			}
			all++
		}
		return fmt.Sprintf("%d overdue (issued %d days ago, due after %d) of %s, drafts included", len(page.Invoices), overdueAge, netPaymentTerm, plural(all, "invoice", "invoices")), nil
	})
	r.step("ListCreditNotes", "GET /customers/{external_customer_id}/credit_notes", func() (string, error) {
		n := 0
		var credited int64
		currency := ""
		for cn, err := range client.AllCreditNotes(ctx, customer, &lago.ListCreditNotesOptions{Types: []lago.CreditNoteType{lago.CreditNoteTypeCredit}}) {
			if err != nil {
				return "", err
			}
			n++
			credited += cn.CreditAmountCents
			currency = cn.Currency
		}
		if n == 0 {
			return "no credit notes with credit", nil
		}
		return fmt.Sprintf("%s with credit, %s credited", plural(n, "credit note", "credit notes"), money(credited, currency)), nil
	})
	r.step("ListPayments", "GET /customers/{external_customer_id}/payments", func() (string, error) {
		page, err := client.ListPayments(ctx, customer, nil)
		if err != nil {
			return "", err
		}
		for _, p := range page.Payments {
			return fmt.Sprintf("%s; latest: %s of %s", plural(int(page.Meta.TotalCount), "payment", "payments"), p.PayableType, money(p.AmountCents, p.AmountCurrency)), nil
		}
		return "no payments", nil
	})
	r.step("ListPaymentRequests", "GET /customers/{external_customer_id}/payment_requests", func() (string, error) {
		page, err := client.ListPaymentRequests(ctx, customer, nil)
		if err != nil {
			return "", err
		}
		return plural(int(page.Meta.TotalCount), "payment request", "payment requests"), nil
	})
	r.step("ListSubscriptions", "GET /customers/{external_customer_id}/subscriptions", func() (string, error) {
		n := 0
		for _, err := range client.AllSubscriptions(ctx, customer, nil) {
			if err != nil {
				return "", err
			}
			n++
		}
		return plural(n, "active subscription", "active subscriptions"), nil
	})
	r.step("ListPaymentMethods", "GET /customers/{external_customer_id}/payment_methods", func() (string, error) {
		page, err := client.ListPaymentMethods(ctx, customer, nil)
		if err != nil {
			return "", err
		}
		def := "none"
		for _, m := range page.PaymentMethods {
			if m.IsDefault {
				def = m.ProviderMethodID
			}
		}
		return fmt.Sprintf("%s, default %s", plural(int(page.Meta.TotalCount), "payment method", "payment methods"), def), nil
	})
}

// missingPaymentMethodSteps call the two payment method writes for a
// method that does not exist, on the throw-away customer, which Lago
// answers 404 without changing anything.
func missingPaymentMethodSteps(ctx context.Context, r *report, client *lago.Client, customer string) {
	const none = "00000000-0000-4000-8000-000000000000"
	r.expectError("SetDefaultPaymentMethod", "PUT /customers/{external_customer_id}/payment_methods/{payment_method_id}/set_as_default", lago.ErrNotFound, "lago.ErrNotFound", "no payment method has this id", func() error {
		_, err := client.SetDefaultPaymentMethod(ctx, customer, none)
		return err
	})
	r.expectError("DeletePaymentMethod", "DELETE /customers/{external_customer_id}/payment_methods/{payment_method_id}", lago.ErrNotFound, "lago.ErrNotFound", "no payment method has this id", func() error {
		_, err := client.DeletePaymentMethod(ctx, customer, none)
		return err
	})
}
