package gen_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/scalar"
)

const (
	docCustomer   = "acme-eu-042"
	paymentMethod = "3d000000-0001-4a1b-8c2d-3e4f5a6b7c8d"
)

func day(y int, m time.Month, d int) scalar.Date {
	return scalar.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// documentExchanges covers the customer's billing documents, subscriptions
// and payment methods: every list, the two payment method actions, and the
// error bodies only they answer.
func documentExchanges(t *testing.T) []exchange {
	return []exchange{
		{
			name: "findAllCustomerInvoices answers drafts, progressive billing and millisecond dispute times",
			request: func() (*http.Request, error) {
				from := day(2026, time.October, 1)
				return gen.NewFindAllCustomerInvoicesRequest(testServer, docCustomer, &gen.FindAllCustomerInvoicesParams{
					IssuingDateFrom: &from, Statuses: []gen.InvoiceStatus{gen.InvoiceStatusDraft, gen.InvoiceStatusVoided},
					InvoiceType: []gen.InvoiceType{gen.InvoiceTypeAdvanceCharges}, Metadata: map[string]string{"cost_center": "R&D-4"},
				})
			},
			status:    200,
			fixture:   "invoices.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerInvoicesResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.Invoices, 3)
				draft, paid, voided := r.JSON200.Invoices[0], r.JSON200.Invoices[1], r.JSON200.Invoices[2]
				assert.Equal(t, gen.InvoiceStatusDraft, draft.Status)
				assert.Equal(t, gen.InvoiceTypeProgressiveBilling, draft.InvoiceType)
				assert.Equal(t, ptr(time.Date(2026, time.November, 25, 14, 3, 9, 481e6, time.UTC)), draft.PaymentDisputeLostAt)
				assert.Nil(t, draft.FileURL)
				assert.Equal(t, ptr[int64](750), draft.PrepaidPurchasedCreditAmountCents)
				require.Len(t, draft.AppliedUsageThresholds, 1)
				assert.True(t, draft.AppliedUsageThresholds[0].UsageThreshold.Recurring)
				assert.Nil(t, draft.AppliedUsageThresholds[0].UsageThreshold.ThresholdDisplayName)
				assert.Equal(t, []gen.InvoiceMetadata{}, draft.Metadata)

				assert.Equal(t, day(2026, time.November, 1), paid.IssuingDate)
				assert.Equal(t, int64(14400), paid.TotalPaidAmountCents)
				assert.Equal(t, ptr("PO-2026-118"), paid.PurchaseOrderNumber)
				assert.Equal(t, "acme-eu-042", paid.Customer.ExternalID)
				require.Len(t, paid.Customer.IntegrationCustomers, 1)
				require.Len(t, paid.AppliedTaxes, 1)
				assert.Equal(t, int64(12000), paid.AppliedTaxes[0].FeesAmountCents)
				assert.Equal(t, paid.LagoID, paid.AppliedTaxes[0].LagoInvoiceID)
				assert.Nil(t, paid.AppliedTaxes[0].TaxDescription)
				assert.Equal(t, "R&D-4", paid.Metadata[0].Value)
				assert.Nil(t, paid.AppliedUsageThresholds)

				assert.Equal(t, gen.InvoiceTypeAdvanceCharges, voided.InvoiceType)
				assert.Equal(t, ptr(date(t, "2026-10-20T09:00:00Z")), voided.VoidedAt)
				assert.Equal(t, gen.PaginationMeta{CurrentPage: 1, NextPage: ptr[int64](2), TotalPages: 2, TotalCount: 4}, r.JSON200.Meta)
			},
		},
		{
			name: "findAllCustomerCreditNotes answers items with numeric precise fee amounts",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerCreditNotesRequest(testServer, docCustomer, &gen.FindAllCustomerCreditNotesParams{
					Reason: []gen.CreditNoteReason{gen.CreditNoteReasonDuplicatedCharge}, Types: []gen.CreditNoteType{gen.CreditNoteTypeCredit},
				})
			},
			status:    200,
			fixture:   "credit-notes.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerCreditNotesResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.CreditNotes, 2)
				cn, refunded := r.JSON200.CreditNotes[0], r.JSON200.CreditNotes[1]
				assert.Equal(t, ptr(gen.CreditNoteCreditStatusAvailable), cn.CreditStatus)
				assert.Nil(t, cn.RefundStatus)
				assert.Equal(t, "6000.0", cn.PreciseTotalAmountCents)
				assert.Equal(t, map[string]*string{"ticket": ptr("SUP-4411"), "reviewed_by": nil}, cn.Metadata)
				assert.Equal(t, int64(5000), cn.AppliedTaxes[0].BaseAmountCents)
				require.Len(t, cn.Items, 2)
				fee := cn.Items[0].Fee
				assert.Equal(t, "5000.0", cn.Items[0].PreciseAmountCents)
				assert.InDelta(t, 14400.0, fee.PreciseTotalAmount, 0)
				assert.Equal(t, "1500.0", fee.Units)
				assert.Equal(t, ptr[int64](1500), fee.EventsCount)
				assert.Equal(t, ptr(date(t, "2026-10-01T00:00:00Z")), fee.FromDate)
				assert.Equal(t, gen.FeePaymentStatusSucceeded, fee.PaymentStatus)
				assert.Equal(t, gen.FeeItemTypeCharge, fee.Item.Type)
				assert.Equal(t, gen.FeeItemSourceBillableMetric, fee.Item.ItemType)
				assert.Nil(t, fee.Item.Filters)
				require.Len(t, fee.AmountDetails.GraduatedRanges, 2)
				assert.Nil(t, fee.AmountDetails.GraduatedRanges[1].ToValue)
				assert.Equal(t, "0.04", fee.AmountDetails.GraduatedRanges[1].PerUnitAmount)
				assert.Nil(t, fee.PricingUnitDetails)
				assert.Nil(t, fee.AppliedTaxes)

				product := cn.Items[1].Fee
				assert.Equal(t, gen.FeeItemTypeProduct, product.Item.Type)
				assert.Nil(t, product.FromDate)
				assert.Equal(t, gen.FeeAmountDetails{}, product.AmountDetails)
				require.NotNil(t, product.PricingUnitDetails)
				assert.Equal(t, "0.5", product.PricingUnitDetails.ConversionRate)

				assert.Nil(t, refunded.Metadata)
				assert.Equal(t, ptr(gen.CreditNoteRefundStatusFailed), refunded.RefundStatus)
				assert.Equal(t, []gen.CustomerErrorDetail{{
					LagoID: "ef000000-0001-4a1b-8c2d-3e4f5a6b7c8d", ErrorCode: gen.CustomerErrorCodeTaxVoidingError,
					Details: map[string]any{"tax_error": "transactionNotFound"},
				}}, refunded.ErrorDetails)
			},
		},
		{
			name: "findAllCustomerPayments answers provider and manual payments, nulls included",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerPaymentsRequest(testServer, docCustomer, &gen.FindAllCustomerPaymentsParams{InvoiceID: ptr("a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01")})
			},
			status:    200,
			fixture:   "payments.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerPaymentsResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.Payments, 2)
				manual, provider := r.JSON200.Payments[0], r.JSON200.Payments[1]
				assert.Equal(t, gen.PaymentTypeManual, manual.Type)
				assert.Equal(t, gen.PaymentPayableTypePaymentRequest, manual.PayableType)
				assert.Len(t, manual.InvoiceIDs, 2)
				assert.Equal(t, ptr("wire 2026-11-28"), manual.Reference)
				assert.Nil(t, manual.PaymentStatus)
				assert.Nil(t, manual.PaymentProviderType)
				assert.Nil(t, manual.NextAction)
				assert.Nil(t, provider.Reference)
				assert.Equal(t, ptr(gen.PaymentStatusSucceeded), provider.PaymentStatus)
				assert.Equal(t, ptr(gen.PaymentProviderStripe), provider.PaymentProviderType)
				assert.Equal(t, "redirect_to_url", provider.NextAction["type"])
				assert.Nil(t, provider.PaymentMethodID)
			},
		},
		{
			name: "findAllCustomerPaymentRequests answers base invoices and the plain customer",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerPaymentRequestsRequest(testServer, docCustomer, &gen.FindAllCustomerPaymentRequestsParams{
					PaymentStatus: ptr(gen.InvoicePaymentStatusPending), BillingEntityCodes: []string{"acme_eu"}, Currency: ptr("EUR"),
				})
			},
			status:    200,
			fixture:   "payment-requests.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerPaymentRequestsResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.PaymentRequests, 1)
				pr := r.JSON200.PaymentRequests[0]
				assert.Nil(t, pr.Email)
				assert.Equal(t, gen.InvoicePaymentStatusPending, pr.PaymentStatus)
				assert.Nil(t, pr.Customer.IntegrationCustomers)
				require.Len(t, pr.Invoices, 2)
				assert.Nil(t, pr.Invoices[0].AppliedUsageThresholds)
				assert.Len(t, pr.Invoices[1].AppliedUsageThresholds, 1)
			},
		},
		{
			name: "findAllCustomerSubscriptions answers millisecond start times and activation rules",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerSubscriptionsRequest(testServer, docCustomer, &gen.FindAllCustomerSubscriptionsParams{
					Status: []gen.SubscriptionStatus{gen.SubscriptionStatusCanceled, gen.SubscriptionStatusIncomplete}, Overridden: ptr(false),
				})
			},
			status:    200,
			fixture:   "subscriptions.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerSubscriptionsResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.Subscriptions, 2)
				canceled, active := r.JSON200.Subscriptions[0], r.JSON200.Subscriptions[1]
				assert.Equal(t, gen.SubscriptionStatusCanceled, canceled.Status)
				assert.Equal(t, ptr(gen.CancellationReasonTimeout), canceled.CancellationReason)
				assert.Nil(t, canceled.OnTerminationCreditNote)
				assert.Nil(t, canceled.CurrentBillingPeriodStartedAt)
				assert.Equal(t, gen.PaymentMethodTypeManual, canceled.PaymentMethod.PaymentMethodType)
				require.Len(t, canceled.ActivationRules, 1)
				assert.Equal(t, gen.ActivationRuleStatusExpired, canceled.ActivationRules[0].Status)
				assert.True(t, canceled.ProgressiveBillingDisabled)
				assert.Equal(t, ptr(date(t, "2026-03-01T10:00:00Z")), active.StartedAt)
				assert.Equal(t, gen.BillingTimeAnniversary, active.BillingTime)
				assert.Equal(t, ptr(gen.OnTerminationCreditNoteCredit), active.OnTerminationCreditNote)
				assert.Nil(t, active.PaymentMethod.PaymentMethodID)
				assert.Nil(t, active.BillingEntityCode)
			},
		},
		{
			name: "findAllCustomersPaymentMethods answers a method without provider type",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomersPaymentMethodsRequest(testServer, docCustomer, &gen.FindAllCustomersPaymentMethodsParams{PerPage: ptr[int64](2)})
			},
			status:    200,
			fixture:   "payment-methods.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomersPaymentMethodsResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.PaymentMethods, 2)
				assert.Equal(t, ptr(gen.PaymentProviderStripe), r.JSON200.PaymentMethods[0].PaymentProviderType)
				assert.Equal(t, gen.PaymentMethod{
					LagoID: "3d000000-0002-4a1b-8c2d-3e4f5a6b7c8d", ProviderMethodID: "pm_orphan_77",
					CreatedAt: date(t, "2026-02-11T09:00:00Z"),
				}, r.JSON200.PaymentMethods[1])
			},
		},
		{
			name: "paymentMethodSetAsDefault answers the new default",
			request: func() (*http.Request, error) {
				return gen.NewPaymentMethodSetAsDefaultRequest(testServer, docCustomer, paymentMethod)
			},
			status:    200,
			fixture:   "payment-method.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParsePaymentMethodSetAsDefaultResponse(rsp)
				require.NoError(t, err)
				assert.True(t, r.JSON200.PaymentMethod.IsDefault)
				assert.Equal(t, ptr("Stripe EU"), r.JSON200.PaymentMethod.PaymentProviderName)
			},
		},
		{
			name: "destroyPaymentMethod answers the deleted method, no longer default",
			request: func() (*http.Request, error) {
				return gen.NewDestroyPaymentMethodRequest(testServer, docCustomer, paymentMethod)
			},
			status:    200,
			fixture:   "payment-method-deleted.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDestroyPaymentMethodResponse(rsp)
				require.NoError(t, err)
				assert.False(t, r.JSON200.PaymentMethod.IsDefault)
				assert.Equal(t, paymentMethod, r.JSON200.PaymentMethod.LagoID)
			},
		},
		{
			name: "404 unknown payment method",
			request: func() (*http.Request, error) {
				return gen.NewDestroyPaymentMethodRequest(testServer, docCustomer, "gone")
			},
			status: 404, fixture: "error-404-payment-method.json", specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDestroyPaymentMethodResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, &gen.APIError{Status: 404, Error: "Not Found", Code: ptr("payment_method_not_found")}, r.JSON404)
			},
		},
		{
			name: "422 default payment method lock not acquired",
			request: func() (*http.Request, error) {
				return gen.NewPaymentMethodSetAsDefaultRequest(testServer, docCustomer, paymentMethod)
			},
			status: 422, fixture: "error-422-lock.json", specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParsePaymentMethodSetAsDefaultResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, &gen.APIError{Status: 422, Error: "Unprocessable Entity", Code: ptr("lock_acquisition_failed")}, r.JSON422)
			},
		},
		{
			name: "422 payments invoice_id not a UUID",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerPaymentsRequest(testServer, docCustomer, &gen.FindAllCustomerPaymentsParams{InvoiceID: ptr("a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01")})
			},
			status: 422, fixture: "error-422-invoice-id.json", specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerPaymentsResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, &gen.APIError{Status: 422, Error: "Unprocessable Entity", Code: ptr("validation_errors"),
					ErrorDetails: json.RawMessage(`{"invoice_id":["is in invalid format"]}`)}, r.JSON422)
			},
		},
		{
			name: "422 invoice filter not boolean",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerInvoicesRequest(testServer, docCustomer, &gen.FindAllCustomerInvoicesParams{PaymentOverdue: ptr(true)})
			},
			status: 422, fixture: "error-422-invoice-filters.json", specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerInvoicesResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, &gen.APIError{Status: 422, Error: "Unprocessable Entity", Code: ptr("validation_errors"),
					ErrorDetails: json.RawMessage(`{"payment_overdue":["must be boolean"]}`)}, r.JSON422)
			},
		},
		{
			name: "404 unknown billing entity on a filtered list",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerSubscriptionsRequest(testServer, docCustomer, &gen.FindAllCustomerSubscriptionsParams{BillingEntityCodes: []string{"nope"}})
			},
			status: 404, fixture: "error-404-billing-entity.json", specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerSubscriptionsResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, &gen.APIError{Status: 404, Error: "Not Found", Code: ptr("billing_entity_not_found")}, r.JSON404)
			},
		},
	}
}
