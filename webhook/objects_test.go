package webhook_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/webhook"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "gen", "testdata", name))
	require.NoError(t, err)
	return b
}

// item is the value under key in a fixture, or the first item of the
// list there.
func item(t *testing.T, file, key string) json.RawMessage {
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(readFixture(t, file), &fields))
	raw := fields[key]
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		require.NotEmpty(t, list, file)
		return list[0]
	}
	return raw
}

// eventBody wraps object in Lago's envelope.
func eventBody(t *testing.T, typ, objectType string, object json.RawMessage) []byte {
	b, err := json.Marshal(map[string]any{
		"webhook_type": typ, "object_type": objectType,
		"organization_id": "2b7e1f40-5c3a-4d8e-9f10-6a2b3c4d5e6f", objectType: object,
	})
	require.NoError(t, err)
	return b
}

// Each object decodes, through Decode and through its accessor, to the
// value encoding/json gives.
func TestTypedObjects(t *testing.T) {
	v, err := webhook.NewVerifier(webhook.Config{HMACKey: hmacKey})
	require.NoError(t, err)
	type accessor func(*webhook.Event) (any, error)
	acc := func(f any) accessor {
		return func(ev *webhook.Event) (any, error) {
			out := reflect.ValueOf(f).Call([]reflect.Value{reflect.ValueOf(ev)})
			err, _ := out[1].Interface().(error)
			return out[0].Interface(), err
		}
	}
	tests := []struct {
		name string
		body []byte
		want any // a pointer to a zero value of the type
		get  accessor
	}{
		{"customer", eventBody(t, webhook.TypeCustomerCreated, "customer", item(t, "customer.json", "customer")), new(lago.Customer), acc((*webhook.Event).Customer)},
		{"invoice", eventBody(t, webhook.TypeInvoiceCreated, "invoice", item(t, "invoices.json", "invoices")), new(lago.Invoice), acc((*webhook.Event).Invoice)},
		{"lost dispute", eventBody(t, webhook.TypeInvoicePaymentDisputeLost, "payment_dispute_lost", item(t, "invoices.json", "invoices")), new(lago.Invoice), acc((*webhook.Event).Invoice)},
		{"credit note", eventBody(t, webhook.TypeCreditNoteCreated, "credit_note", item(t, "credit-notes.json", "credit_notes")), new(lago.CreditNote), acc((*webhook.Event).CreditNote)},
		{"payment", eventBody(t, webhook.TypePaymentSucceeded, "payment", item(t, "payments.json", "payments")), new(lago.Payment), acc((*webhook.Event).Payment)},
		{"payment request", eventBody(t, webhook.TypePaymentRequestCreated, "payment_request", item(t, "payment-requests.json", "payment_requests")), new(lago.PaymentRequest), acc((*webhook.Event).PaymentRequest)},
		{"subscription", eventBody(t, webhook.TypeSubscriptionTerminated, "subscription", item(t, "subscriptions.json", "subscriptions")), new(lago.Subscription), acc((*webhook.Event).Subscription)},
		{"wallet", eventBody(t, webhook.TypeWalletUpdated, "wallet", item(t, "wallet.json", "wallet")), new(lago.Wallet), acc((*webhook.Event).Wallet)},
		{"wallet transaction", readFixture(t, "webhook-wallet-transaction-updated.json"), new(lago.WalletTransaction), acc((*webhook.Event).WalletTransaction)},
		{"triggered alert", readFixture(t, "webhook-alert-triggered.json"), new(lago.TriggeredAlert), acc((*webhook.Event).TriggeredAlert)},
		{"checkout link", readFixture(t, "webhook-customer-checkout-url-generated.json"), new(lago.CheckoutURL), acc((*webhook.Event).CheckoutURL)},
		{"accounting error", readFixture(t, "webhook-customer-accounting-provider-error.json"), new(lago.CustomerIntegrationError), acc((*webhook.Event).CustomerIntegrationError)},
		{"payment provider error", readFixture(t, "webhook-customer-payment-provider-error.json"), new(lago.CustomerPaymentProviderError), acc((*webhook.Event).CustomerPaymentProviderError)},
		{"tax provider error", readFixture(t, "webhook-customer-tax-provider-error.json"), new(lago.CustomerTaxProviderError), acc((*webhook.Event).CustomerTaxProviderError)},
		{"refund failure", readFixture(t, "webhook-credit-note-refund-failure.json"), new(lago.CreditNoteRefundError), acc((*webhook.Event).CreditNoteRefundError)},
		{"invoice payment failure", readFixture(t, "webhook-invoice-payment-failure.json"), new(lago.InvoicePaymentError), acc((*webhook.Event).InvoicePaymentError)},
		{"payment request failure", readFixture(t, "webhook-payment-request-payment-failure.json"), new(lago.PaymentRequestPaymentError), acc((*webhook.Event).PaymentRequestPaymentError)},
		{"top-up payment failure", readFixture(t, "webhook-wallet-transaction-payment-failure.json"), new(lago.WalletTransactionPaymentError), acc((*webhook.Event).WalletTransactionPaymentError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := v.Verify(tt.body, lagoDelivery(string(tt.body)))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(ev.Object, tt.want))
			assert.False(t, reflect.ValueOf(tt.want).Elem().IsZero(), "the fixture fills the object")

			got, err := tt.get(ev)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "the accessor gives encoding/json's value")

			decoded, err := ev.Decode()
			require.NoError(t, err)
			assert.Equal(t, tt.want, decoded, "Decode gives the same")

			// Another accessor refuses the event rather than guess.
			other := (*webhook.Event).Wallet
			if tt.name == "wallet" {
				other = func(ev *webhook.Event) (*lago.Wallet, error) {
					_, err := ev.Customer()
					return nil, err
				}
			}
			_, err = other(ev)
			require.ErrorIs(t, err, webhook.ErrObjectType)
		})
	}
}

func TestUnknownObjectsStayRaw(t *testing.T) {
	ev := &webhook.Event{Type: "coupon.created", ObjectType: "coupon", Object: json.RawMessage(`{"code":"spring"}`)}
	got, err := ev.Decode()
	require.NoError(t, err)
	assert.Equal(t, json.RawMessage(`{"code":"spring"}`), got)

	ev = &webhook.Event{Type: "payment_receipt.created", ObjectType: "payment_receipt"}
	got, err = ev.Decode()
	require.NoError(t, err)
	assert.Nil(t, got)
}

func TestKnownObjectThatIsNotThere(t *testing.T) {
	for _, raw := range []json.RawMessage{nil, json.RawMessage(`null`), json.RawMessage(` null `)} {
		ev := &webhook.Event{Type: webhook.TypeWalletUpdated, ObjectType: "wallet", Object: raw}
		_, err := ev.Wallet()
		require.ErrorIs(t, err, webhook.ErrNotEvent)
		got, err := ev.Decode()
		require.ErrorIs(t, err, webhook.ErrNotEvent)
		assert.Nil(t, got)
	}
	ev := &webhook.Event{Type: webhook.TypeWalletUpdated, ObjectType: "wallet", Object: json.RawMessage(`{"balance_cents":"ten"}`)}
	got, err := ev.Decode()
	require.ErrorIs(t, err, webhook.ErrNotEvent)
	assert.Nil(t, got, "a nil interface, not a nil *lago.Wallet")
	_, err = ev.Wallet()
	require.ErrorIs(t, err, webhook.ErrNotEvent)
}

// Every event of the spec's x-lago-webhooks has a constant here, and its
// object decodes into the Go type named as the spec's schema.
func TestEveryEventOfTheSpecDecodes(t *testing.T) {
	doc, err := specval.Load(t.Context())
	require.NoError(t, err)
	hooks, err := specval.Webhooks(doc)
	require.NoError(t, err)
	constants := map[string]bool{}
	for _, c := range allTypes {
		constants[c] = true
	}
	inSpec := map[string]bool{}
	for _, h := range hooks {
		inSpec[h.Type] = true
		assert.True(t, constants[h.Type], "no constant for %s", h.Type)
		ev := &webhook.Event{Type: h.Type, ObjectType: h.ObjectType, Object: json.RawMessage(`{}`)}
		got, err := ev.Decode()
		require.NoError(t, err, h.Type)
		typ := reflect.TypeOf(got)
		require.Equal(t, reflect.Pointer, typ.Kind(), "%s decodes into a pointer to a model", h.Type)
		assert.Equal(t, h.Schema, typ.Elem().Name(), h.Type)
		assert.Equal(t, "github.com/lagoclient/lago-go/gen", typ.Elem().PkgPath(), h.Type)
	}
	for _, c := range allTypes {
		if !inSpec[c] {
			assert.Contains(t, []string{webhook.TypeFeeCreated, webhook.TypeFeeTaxProviderError,
				webhook.TypePaymentReceiptCreated, webhook.TypePaymentReceiptGenerated}, c,
				"%s is in the spec's x-lago-webhooks", c)
		}
	}
}

// allTypes lists every Type constant.
var allTypes = []string{
	webhook.TypeCustomerCreated, webhook.TypeCustomerUpdated, webhook.TypeCustomerAccountingProviderCreated,
	webhook.TypeCustomerAccountingProviderError, webhook.TypeCustomerCRMProviderCreated, webhook.TypeCustomerCRMProviderError,
	webhook.TypeCustomerPaymentProviderCreated, webhook.TypeCustomerPaymentProviderError, webhook.TypeCustomerCheckoutURLGenerated,
	webhook.TypeCustomerTaxProviderError, webhook.TypeCustomerViesCheck,
	webhook.TypeCreditNoteCreated, webhook.TypeCreditNoteGenerated, webhook.TypeCreditNoteRefundFailure,
	webhook.TypeFeeCreated, webhook.TypeFeeTaxProviderError,
	webhook.TypeInvoiceCreated, webhook.TypeInvoiceOneOffCreated, webhook.TypeInvoiceAddOnAdded, webhook.TypeInvoicePaidCreditAdded,
	webhook.TypeInvoiceGenerated, webhook.TypeInvoiceDrafted, webhook.TypeInvoiceReadyToFinalize, webhook.TypeInvoiceVoided,
	webhook.TypeInvoiceDeleted, webhook.TypeInvoicePaymentDisputeLost, webhook.TypeInvoicePaymentStatusUpdated,
	webhook.TypeInvoicePaymentOverdue, webhook.TypeInvoicePaymentFailure, webhook.TypeInvoiceResynced,
	webhook.TypePaymentSucceeded, webhook.TypePaymentRequiresAction, webhook.TypePaymentReceiptCreated,
	webhook.TypePaymentReceiptGenerated, webhook.TypePaymentRequestCreated, webhook.TypePaymentRequestPaymentFailure,
	webhook.TypePaymentRequestPaymentStatusUpdated,
	webhook.TypeSubscriptionStarted, webhook.TypeSubscriptionUpdated, webhook.TypeSubscriptionTerminated,
	webhook.TypeSubscriptionCanceled, webhook.TypeSubscriptionIncomplete, webhook.TypeSubscriptionTrialEnded,
	webhook.TypeSubscriptionTerminationAlert, webhook.TypeSubscriptionUsageThresholdReached,
	webhook.TypeWalletCreated, webhook.TypeWalletUpdated, webhook.TypeWalletTerminated, webhook.TypeWalletDepletedOngoingBalance,
	webhook.TypeWalletTransactionCreated, webhook.TypeWalletTransactionUpdated, webhook.TypeWalletTransactionPaymentFailure,
	webhook.TypeAlertTriggered,
}
