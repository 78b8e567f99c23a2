package lagotest

import (
	"time"

	"github.com/lagoclient/lago-go/lago"
)

// Seed is a set of records to load into a server with its Seed method, in
// the JSON shape that cmd/lagotest reads from a seed file and from its
// control API (see openapi/lagotest-control.yaml). DecodeSeed reads one
// strictly.
//
// The kinds are applied in the order of the fields, each list in its own
// order, so that a record may refer to those of an earlier kind: billable
// metrics, then customers, payment providers, payment methods, wallets,
// subscriptions, applied coupons, invoices, credit notes, payment requests
// and payments. Customers and wallets are created through the API's own
// code (POST /customers and POST .../wallets, request checks included);
// the other kinds through the helpers of the same name (AddInvoice and so
// on), which fill in their zero fields and check them the same way.
type Seed struct {
	// BillableMetrics are codes for AddBillableMetrics.
	BillableMetrics []string `json:"billable_metrics,omitempty"`
	// Customers are created or updated as POST /customers does with
	// {"customer": ...}.
	Customers []lago.CustomerInput `json:"customers,omitempty"`
	// PaymentProviders are given to customers with SetPaymentProvider.
	PaymentProviders []SeedPaymentProvider `json:"payment_providers,omitempty"`
	// PaymentMethods are added with AddPaymentMethod.
	PaymentMethods []SeedPaymentMethod `json:"payment_methods,omitempty"`
	// Wallets are created as POST /customers/{id}/wallets does, then
	// optionally settled or paid.
	Wallets []SeedWallet `json:"wallets,omitempty"`
	// Subscriptions are added with AddSubscription.
	Subscriptions []SeedSubscription `json:"subscriptions,omitempty"`
	// AppliedCoupons are applied with ApplyCoupon.
	AppliedCoupons []SeedCoupon `json:"applied_coupons,omitempty"`
	// Invoices are added with AddInvoice.
	Invoices []SeedInvoice `json:"invoices,omitempty"`
	// CreditNotes are added with AddCreditNote.
	CreditNotes []SeedCreditNote `json:"credit_notes,omitempty"`
	// PaymentRequests are added with AddPaymentRequest.
	PaymentRequests []SeedPaymentRequest `json:"payment_requests,omitempty"`
	// Payments are added with AddPayment.
	Payments []SeedPayment `json:"payments,omitempty"`
}

// SeedPaymentProvider is a PaymentProvider for the customer
// ExternalCustomerID.
type SeedPaymentProvider struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// Kind is PaymentProvider.Kind, e.g. "stripe"; required.
	Kind lago.PaymentProvider `json:"kind"`
	// Code is PaymentProvider.Code.
	Code string `json:"code,omitempty"`
	// CustomerID is PaymentProvider.CustomerID.
	CustomerID string `json:"customer_id,omitempty"`
}

// SeedPaymentMethod is a payment method for AddPaymentMethod.
type SeedPaymentMethod struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// PaymentMethod is the method as the list shows it.
	PaymentMethod lago.PaymentMethod `json:"payment_method"`
}

// SeedWallet is a wallet to create for the customer ExternalCustomerID.
type SeedWallet struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// Wallet is the body's "wallet", as CreateWallet sends it.
	Wallet lago.WalletInput `json:"wallet"`
	// SettleTopUps runs SettleWalletTopUps on the new wallet.
	SettleTopUps bool `json:"settle_top_ups,omitempty"`
	// PayTopUps runs PayWalletTopUps on the new wallet.
	PayTopUps bool `json:"pay_top_ups,omitempty"`
}

// SeedSubscription is a Subscription for AddSubscription, with the same
// fields under JSON names.
type SeedSubscription struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// ExternalID is Subscription.ExternalID; required.
	ExternalID string `json:"external_id"`
	// Status is Subscription.Status: active (the default) or terminated.
	Status SubscriptionStatus `json:"status,omitempty"`
	// CurrentUsage is Subscription.CurrentUsage.
	CurrentUsage lago.CustomerUsage `json:"current_usage,omitzero"`
	// PastUsage is Subscription.PastUsage.
	PastUsage []lago.CustomerUsage `json:"past_usage,omitempty"`
	// ProjectedUsage is Subscription.ProjectedUsage.
	ProjectedUsage lago.CustomerProjectedUsage `json:"projected_usage,omitzero"`
	// Details is Subscription.Details.
	Details lago.Subscription `json:"details,omitzero"`
	// Overridden is Subscription.Overridden.
	Overridden bool `json:"overridden,omitempty"`
}

// SeedCoupon is a Coupon for ApplyCoupon, with the same fields under JSON
// names.
type SeedCoupon struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// Code is Coupon.Code; required.
	Code string `json:"code"`
	// Name is Coupon.Name.
	Name string `json:"name,omitempty"`
	// Description is Coupon.Description.
	Description string `json:"description,omitempty"`
	// AmountCents is Coupon.AmountCents.
	AmountCents int64 `json:"amount_cents,omitempty"`
	// AmountCurrency is Coupon.AmountCurrency.
	AmountCurrency string `json:"amount_currency,omitempty"`
	// PercentageRate is Coupon.PercentageRate, a decimal string.
	PercentageRate string `json:"percentage_rate,omitempty"`
	// Frequency is Coupon.Frequency.
	Frequency lago.CouponFrequency `json:"frequency,omitempty"`
	// FrequencyDuration is Coupon.FrequencyDuration.
	FrequencyDuration int64 `json:"frequency_duration,omitempty"`
	// ExpirationAt is Coupon.ExpirationAt.
	ExpirationAt time.Time `json:"expiration_at,omitzero"`
	// Credits is Coupon.Credits.
	Credits []lago.Credit `json:"credits,omitempty"`
}

// SeedInvoice is an invoice for AddInvoice.
type SeedInvoice struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// Invoice is the invoice as the list shows it; zero fields are filled
	// in.
	Invoice lago.Invoice `json:"invoice"`
}

// SeedCreditNote is a credit note for AddCreditNote.
type SeedCreditNote struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// CreditNote is the credit note as the list shows it; zero fields are
	// filled in.
	CreditNote lago.CreditNote `json:"credit_note"`
}

// SeedPaymentRequest is a payment request for AddPaymentRequest.
type SeedPaymentRequest struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// PaymentRequest is the request as the list shows it; its invoices
	// need only their lago_id.
	PaymentRequest lago.PaymentRequest `json:"payment_request"`
}

// SeedPayment is a payment for AddPayment.
type SeedPayment struct {
	// ExternalCustomerID names the live customer; required.
	ExternalCustomerID string `json:"external_customer_id"`
	// Payment is the payment as the list shows it; zero fields are filled
	// in.
	Payment lago.Payment `json:"payment"`
}
