package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
	"github.com/lagoclient/lago-go/lago"
)

// ErrObjectType is matched by errors.Is when an accessor such as
// [Event.Customer] is called on an event that holds another kind of
// object: switch on Type or ObjectType first, or use [Event.Decode].
var ErrObjectType = errors.New("webhook: the event holds another kind of object")

// objects decodes the object of each object_type Lago sends about a
// customer and its resources into its type of package lago. The schemas
// are those openapi/lago.yaml names in x-lago-webhooks (a test checks
// that the two agree).
var objects = map[string]func(json.RawMessage) (any, error){
	"customer":                                  decodeAny[lago.Customer],
	"accounting_provider_customer_error":        decodeAny[lago.CustomerIntegrationError],
	"crm_provider_customer_error":               decodeAny[lago.CustomerIntegrationError],
	"payment_provider_customer_error":           decodeAny[lago.CustomerPaymentProviderError],
	"tax_provider_customer_error":               decodeAny[lago.CustomerTaxProviderError],
	"payment_provider_customer_checkout_url":    decodeAny[lago.CheckoutURL],
	"credit_note":                               decodeAny[lago.CreditNote],
	"credit_note_payment_provider_refund_error": decodeAny[lago.CreditNoteRefundError],
	"invoice":                                decodeAny[lago.Invoice],
	"payment_dispute_lost":                   decodeAny[lago.Invoice],
	"payment_provider_invoice_payment_error": decodeAny[lago.InvoicePaymentError],
	"payment":                                decodeAny[lago.Payment],
	"payment_request":                        decodeAny[lago.PaymentRequest],
	"payment_provider_payment_request_payment_error": decodeAny[lago.PaymentRequestPaymentError],
	"subscription":       decodeAny[lago.Subscription],
	"wallet":             decodeAny[lago.Wallet],
	"wallet_transaction": decodeAny[lago.WalletTransaction],
	"payment_provider_wallet_transaction_payment_error": decodeAny[lago.WalletTransactionPaymentError],
	"triggered_alert": decodeAny[lago.TriggeredAlert],
}

// Decode returns the event's object decoded into its type of package lago,
// chosen by ObjectType: a *lago.Customer for "customer", a
// *lago.WalletTransaction for "wallet_transaction", and so on for every
// object of the Type constants. An object type this package does not know
// (Lago adds them over time) is no error: Decode returns the raw object, a
// json.RawMessage, as Event.Object holds it.
//
//	switch obj := obj.(type) {
//	case *lago.Customer:
//	case *lago.WalletTransaction:
//	case json.RawMessage: // an object this version does not know
//	}
//
// Lago's objects carry some fields the API's answers lack (an invoice's
// fees, say); the decoded value leaves them out and Event.Object keeps
// them. An error means the object is missing or is not what its type
// says, and matches [ErrNotEvent].
func (e *Event) Decode() (any, error) {
	decode, ok := objects[e.ObjectType]
	if !ok {
		return e.Object, nil
	}
	if err := e.present(); err != nil {
		return nil, err
	}
	return decode(e.Object)
}

// present checks that the event has an object to decode.
func (e *Event) present() error {
	if len(e.Object) == 0 || bytes.Equal(bytes.TrimSpace(e.Object), []byte("null")) {
		return fmt.Errorf("%w: no %s object", ErrNotEvent, e.ObjectType)
	}
	return nil
}

// Customer returns the customer of a customer.* event whose object is a
// customer (customer.created, customer.updated, the provider and CRM
// "created" events and customer.vies_check).
func (e *Event) Customer() (*lago.Customer, error) {
	return decodeAs[lago.Customer](e, "customer")
}

// Invoice returns the invoice of an invoice.* event, including the one
// invoice.payment_dispute_lost carries.
func (e *Event) Invoice() (*lago.Invoice, error) {
	return decodeAs[lago.Invoice](e, "invoice", "payment_dispute_lost")
}

// CreditNote returns the credit note of credit_note.created or
// credit_note.generated.
func (e *Event) CreditNote() (*lago.CreditNote, error) {
	return decodeAs[lago.CreditNote](e, "credit_note")
}

// Payment returns the payment of a payment.* event.
func (e *Event) Payment() (*lago.Payment, error) {
	return decodeAs[lago.Payment](e, "payment")
}

// PaymentRequest returns the payment request of payment_request.created
// or payment_request.payment_status_updated.
func (e *Event) PaymentRequest() (*lago.PaymentRequest, error) {
	return decodeAs[lago.PaymentRequest](e, "payment_request")
}

// Subscription returns the subscription of a subscription.* event.
func (e *Event) Subscription() (*lago.Subscription, error) {
	return decodeAs[lago.Subscription](e, "subscription")
}

// Wallet returns the wallet of a wallet.* event.
func (e *Event) Wallet() (*lago.Wallet, error) {
	return decodeAs[lago.Wallet](e, "wallet")
}

// WalletTransaction returns the wallet transaction of
// wallet_transaction.created or wallet_transaction.updated.
func (e *Event) WalletTransaction() (*lago.WalletTransaction, error) {
	return decodeAs[lago.WalletTransaction](e, "wallet_transaction")
}

// TriggeredAlert returns the alert of alert.triggered.
func (e *Event) TriggeredAlert() (*lago.TriggeredAlert, error) {
	return decodeAs[lago.TriggeredAlert](e, "triggered_alert")
}

// CheckoutURL returns the checkout link of customer.checkout_url_generated.
func (e *Event) CheckoutURL() (*lago.CheckoutURL, error) {
	return decodeAs[lago.CheckoutURL](e, "payment_provider_customer_checkout_url")
}

// CustomerIntegrationError returns the failure of
// customer.accounting_provider_error or customer.crm_provider_error.
func (e *Event) CustomerIntegrationError() (*lago.CustomerIntegrationError, error) {
	return decodeAs[lago.CustomerIntegrationError](e, "accounting_provider_customer_error", "crm_provider_customer_error")
}

// CustomerPaymentProviderError returns the failure of
// customer.payment_provider_error.
func (e *Event) CustomerPaymentProviderError() (*lago.CustomerPaymentProviderError, error) {
	return decodeAs[lago.CustomerPaymentProviderError](e, "payment_provider_customer_error")
}

// CustomerTaxProviderError returns the failure of
// customer.tax_provider_error.
func (e *Event) CustomerTaxProviderError() (*lago.CustomerTaxProviderError, error) {
	return decodeAs[lago.CustomerTaxProviderError](e, "tax_provider_customer_error")
}

// CreditNoteRefundError returns the failure of credit_note.refund_failure.
func (e *Event) CreditNoteRefundError() (*lago.CreditNoteRefundError, error) {
	return decodeAs[lago.CreditNoteRefundError](e, "credit_note_payment_provider_refund_error")
}

// InvoicePaymentError returns the failure of invoice.payment_failure.
func (e *Event) InvoicePaymentError() (*lago.InvoicePaymentError, error) {
	return decodeAs[lago.InvoicePaymentError](e, "payment_provider_invoice_payment_error")
}

// PaymentRequestPaymentError returns the failure of
// payment_request.payment_failure.
func (e *Event) PaymentRequestPaymentError() (*lago.PaymentRequestPaymentError, error) {
	return decodeAs[lago.PaymentRequestPaymentError](e, "payment_provider_payment_request_payment_error")
}

// WalletTransactionPaymentError returns the failure of
// wallet_transaction.payment_failure.
func (e *Event) WalletTransactionPaymentError() (*lago.WalletTransactionPaymentError, error) {
	return decodeAs[lago.WalletTransactionPaymentError](e, "payment_provider_wallet_transaction_payment_error")
}

// decodeAs decodes the event's object into a T when its object type is one
// of objectTypes.
func decodeAs[T any](e *Event, objectTypes ...string) (*T, error) {
	ok := false
	for _, o := range objectTypes {
		ok = ok || e.ObjectType == o
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s holds %q, not %q", ErrObjectType, e.Type, e.ObjectType, objectTypes[0])
	}
	if err := e.present(); err != nil {
		return nil, err
	}
	return decodeObject[T](e.Object)
}

// decodeObject decodes raw into a new T with the decoders every response
// of the API goes through (gen.Codec): json.Unmarshal's value or error,
// several times faster for the models of package lago.
func decodeObject[T any](raw json.RawMessage) (*T, error) {
	v := new(T)
	if err := codec.Unmarshal(raw, v, gen.Codec); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotEvent, err)
	}
	return v, nil
}

// decodeAny is decodeObject for Decode, with a nil interface on error.
func decodeAny[T any](raw json.RawMessage) (any, error) {
	v, err := decodeObject[T](raw)
	if err != nil {
		return nil, err
	}
	return v, nil
}
