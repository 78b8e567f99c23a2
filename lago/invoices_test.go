package lago_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

func TestListInvoicesSendsEveryFilter(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "invoices.json"))
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	page, err := f.Client().ListInvoices(t.Context(), "acme-eu-042", &lago.ListInvoicesOptions{
		Page:                2,
		PerPage:             3,
		AmountFrom:          lago.Ptr[int64](0),
		AmountTo:            lago.Ptr[int64](50000),
		IssuingDateFrom:     time.Date(2026, time.October, 1, 0, 30, 0, 0, paris),
		IssuingDateTo:       time.Date(2026, time.November, 30, 23, 0, 0, 0, time.UTC),
		Statuses:            []lago.InvoiceStatus{lago.InvoiceStatusDraft, lago.InvoiceStatusPending},
		PaymentStatus:       lago.InvoicePaymentStatusFailed,
		PaymentOverdue:      lago.Ptr(false),
		SearchTerm:          "042-00",
		PaymentDisputeLost:  lago.Ptr(true),
		InvoiceTypes:        []lago.InvoiceType{lago.InvoiceTypeAdvanceCharges, lago.InvoiceTypeOneOff},
		SelfBilled:          lago.Ptr(false),
		Metadata:            map[string]string{"cost_center": "R&D-4", "archived": ""},
		Currency:            "EUR",
		PurchaseOrderNumber: "po-2026-118",
		PartiallyPaid:       lago.Ptr(true),
		Settlements:         []lago.InvoiceSettlement{lago.InvoiceSettlementCreditNote},
		BillingEntityCodes:  []string{"acme_eu", "acme_us"},
	})
	require.NoError(t, err)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/invoices", Query: url.Values{
		"page":                   {"2"},
		"per_page":               {"3"},
		"amount_from":            {"0"},
		"amount_to":              {"50000"},
		"issuing_date_from":      {"2026-10-01"},
		"issuing_date_to":        {"2026-11-30"},
		"statuses[]":             {"draft", "pending"},
		"payment_status":         {"failed"},
		"payment_overdue":        {"false"},
		"search_term":            {"042-00"},
		"payment_dispute_lost":   {"true"},
		"invoice_type[]":         {"advance_charges", "one_off"},
		"self_billed":            {"false"},
		"metadata[cost_center]":  {"R&D-4"},
		"metadata[archived]":     {""},
		"currency":               {"EUR"},
		"purchase_order_number":  {"po-2026-118"},
		"partially_paid":         {"true"},
		"settlements[]":          {"credit_note"},
		"billing_entity_codes[]": {"acme_eu", "acme_us"},
	}}, fakelago.OnlyRequest(t, f))

	require.Len(t, page.Invoices, 3)
	draft := page.Invoices[0]
	assert.Equal(t, lago.InvoiceStatusDraft, draft.Status)
	assert.Equal(t, lago.Ptr(time.Date(2026, time.November, 25, 14, 3, 9, 481e6, time.UTC)), draft.PaymentDisputeLostAt)
	assert.Equal(t, int64(50000), draft.AppliedUsageThresholds[0].UsageThreshold.AmountCents)
	assert.Equal(t, "acme-eu-042", page.Invoices[1].Customer.ExternalID)
	assert.Equal(t, lago.PaginationMeta{CurrentPage: 1, NextPage: lago.Ptr[int64](2), TotalPages: 2, TotalCount: 4}, page.Meta)
}

func TestListInvoicesSingleStatusForms(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "invoices.json"))
	_, err := f.Client().ListInvoices(t.Context(), "acme", &lago.ListInvoicesOptions{
		Status: lago.InvoiceStatusFinalized, PaymentStatuses: []lago.InvoicePaymentStatus{lago.InvoicePaymentStatusPending, lago.InvoicePaymentStatusFailed},
	})
	require.NoError(t, err)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/invoices", Query: url.Values{
		"status": {"finalized"}, "payment_statuses[]": {"pending", "failed"},
	}}, fakelago.OnlyRequest(t, f))
}

// The options Lago would misread or silently ignore are refused before
// anything is sent.
func TestDocumentListOptionsAreChecked(t *testing.T) {
	tests := []struct {
		name string
		call func(context.Context, *lago.Client) error
		want string
	}{
		{"invoices: negative page", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{Page: -1})
			return err
		}, "lago: GET /customers/{external_customer_id}/invoices: invalid argument: page and per_page must not be negative"},
		{"invoices: status in both forms", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{Status: lago.InvoiceStatusDraft, Statuses: []lago.InvoiceStatus{lago.InvoiceStatusVoided}})
			return err
		}, "lago: GET /customers/{external_customer_id}/invoices: invalid argument: set Status or Statuses, not both"},
		{"invoices: payment status in both forms", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{PaymentStatus: lago.InvoicePaymentStatusFailed, PaymentStatuses: []lago.InvoicePaymentStatus{lago.InvoicePaymentStatusFailed}})
			return err
		}, "lago: GET /customers/{external_customer_id}/invoices: invalid argument: set PaymentStatus or PaymentStatuses, not both"},
		{"invoices: payment_dispute_lost=false", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{PaymentDisputeLost: lago.Ptr(false)})
			return err
		}, "lago: GET /customers/{external_customer_id}/invoices: invalid argument: payment_dispute_lost=false acts as true on Lago; leave PaymentDisputeLost nil"},
		{"invoices: unknown settlement", func(ctx context.Context, c *lago.Client) error {
			return drain(c.AllInvoices(ctx, "acme", &lago.ListInvoicesOptions{Settlements: []lago.InvoiceSettlement{"wallet"}}))
		}, `lago: GET /customers/{external_customer_id}/invoices: invalid argument: settlements value "wallet" is not one Lago knows; it would be ignored`},
		{"invoices: bracket in metadata key", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{Metadata: map[string]string{"a[b": "c"}})
			return err
		}, `lago: GET /customers/{external_customer_id}/invoices: invalid argument: metadata filter key "a[b" must be non-empty and free of brackets`},
		{"credit notes: unknown reason", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{Reasons: []lago.CreditNoteReason{lago.CreditNoteReasonOther, "typo"}})
			return err
		}, `lago: GET /customers/{external_customer_id}/credit_notes: invalid argument: reason value "typo" is not one Lago knows; it would be ignored`},
		{"credit notes: unknown credit status", func(ctx context.Context, c *lago.Client) error {
			return drain(c.AllCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{CreditStatuses: []lago.CreditNoteCreditStatus{"spent"}}))
		}, `lago: GET /customers/{external_customer_id}/credit_notes: invalid argument: credit_status value "spent" is not one Lago knows; it would be ignored`},
		{"credit notes: unknown refund status", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{RefundStatuses: []lago.CreditNoteRefundStatus{"done"}})
			return err
		}, `lago: GET /customers/{external_customer_id}/credit_notes: invalid argument: refund_status value "done" is not one Lago knows; it would be ignored`},
		{"credit notes: unknown type", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{Types: []lago.CreditNoteType{"void"}})
			return err
		}, `lago: GET /customers/{external_customer_id}/credit_notes: invalid argument: types value "void" is not one Lago knows; it would be ignored`},
		{"credit notes: negative per page", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{PerPage: -1})
			return err
		}, "lago: GET /customers/{external_customer_id}/credit_notes: invalid argument: page and per_page must not be negative"},
		{"payments: negative page", func(ctx context.Context, c *lago.Client) error {
			return drain(c.AllPayments(ctx, "acme", &lago.ListPaymentsOptions{Page: -2}))
		}, "lago: GET /customers/{external_customer_id}/payments: invalid argument: page and per_page must not be negative"},
		{"payment requests: negative page", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListPaymentRequests(ctx, "acme", &lago.ListPaymentRequestsOptions{Page: -2})
			return err
		}, "lago: GET /customers/{external_customer_id}/payment_requests: invalid argument: page and per_page must not be negative"},
		{"subscriptions: unknown status drops the whole filter", func(ctx context.Context, c *lago.Client) error {
			_, err := c.ListSubscriptions(ctx, "acme", &lago.ListSubscriptionsOptions{Statuses: []lago.SubscriptionStatus{lago.SubscriptionStatusActive, "paused"}})
			return err
		}, `lago: GET /customers/{external_customer_id}/subscriptions: invalid argument: status value "paused" is not one Lago knows; it would be ignored`},
		{"payment methods: negative per page", func(ctx context.Context, c *lago.Client) error {
			return drain(c.AllPaymentMethods(ctx, "acme", &lago.ListPaymentMethodsOptions{PerPage: -1}))
		}, "lago: GET /customers/{external_customer_id}/payment_methods: invalid argument: page and per_page must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fakelago.New(t)
			err := tt.call(t.Context(), f.Client())
			require.ErrorIs(t, err, lago.ErrInvalidArgument)
			assert.EqualError(t, err, tt.want)
			assert.Empty(t, f.Sent())
		})
	}
}
