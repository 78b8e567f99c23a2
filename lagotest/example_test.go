package lagotest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

func Example() {
	// In a test, lagotest.New(t) starts the server and closes it at the end.
	srv := lagotest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	created, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme"), Country: lago.Value("fr")})
	if err != nil {
		panic(err)
	}
	fmt.Println(created.SequentialID, *created.Name, *created.Country)

	// The upsert changes only what is sent: null clears, absent keeps.
	updated, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Name: lago.Null[string]()})
	if err != nil {
		panic(err)
	}
	fmt.Println(updated.SequentialID, updated.Name == nil, *updated.Country)

	_, err = client.GetCustomer(ctx, "nobody")
	fmt.Println(errors.Is(err, lago.ErrNotFound))
	// Output:
	// 1 Acme FR
	// 1 true FR
	// true
}

func ExampleServer_AddSubscription() {
	srv := lagotest.NewServer(lagotest.WithClock(func() time.Time {
		return time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	}))
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")}); err != nil {
		panic(err)
	}

	err := srv.AddSubscription("acme", lagotest.Subscription{
		ExternalID: "acme-pro",
		CurrentUsage: lago.CustomerUsage{
			TaxesAmountCents: 500,
			ChargesUsage: []lago.ChargeUsage{{
				Units:          "12.5",
				AmountCents:    2500,
				BillableMetric: lago.UsageBillableMetric{Code: "storage_gb"},
			}},
		},
	})
	if err != nil {
		panic(err)
	}

	usage, err := client.GetCurrentUsage(ctx, "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "acme-pro"})
	if err != nil {
		panic(err)
	}
	fmt.Println(usage.FromDatetime.Format(time.DateOnly), usage.IssuingDate, usage.Currency, usage.AmountCents, usage.TotalAmountCents)

	_, err = client.GetCurrentUsage(ctx, "acme", lago.CurrentUsageOptions{ExternalSubscriptionID: "acme-basic"})
	fmt.Println(errors.Is(err, lago.ErrNotAllowed))
	// Output:
	// 2026-05-01 2026-05-31 EUR 2500 3000
	// true
}

func ExampleServer_AddInvoice() {
	srv := lagotest.NewServer(lagotest.WithClock(func() time.Time {
		return time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	}))
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")}); err != nil {
		panic(err)
	}

	// The API cannot create invoices; seed them, then read them as Lago
	// lists them.
	if _, err := srv.AddInvoice("acme", lago.Invoice{Number: "ACME-001", FeesAmountCents: 10000, TaxesAmountCents: 2000}); err != nil {
		panic(err)
	}
	if _, err := srv.AddInvoice("acme", lago.Invoice{Number: "ACME-002", Status: lago.InvoiceStatusDraft, FeesAmountCents: 500}); err != nil {
		panic(err)
	}
	for inv, err := range client.AllInvoices(ctx, "acme", &lago.ListInvoicesOptions{Status: lago.InvoiceStatusFinalized}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Number, inv.IssuingDate, inv.Currency, inv.TotalAmountCents, inv.TotalDueAmountCents)
	}
	// Output:
	// ACME-001 2026-05-20 EUR 12000 12000
}

func ExampleServer_AddCreditNote() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"}); err != nil {
		panic(err)
	}
	inv, _ := srv.AddInvoice("acme", lago.Invoice{Number: "ACME-001", FeesAmountCents: 4000})
	if _, err := srv.AddCreditNote("acme", lago.CreditNote{LagoInvoiceID: inv.LagoID, RefundAmountCents: 1500}); err != nil {
		panic(err)
	}

	page, err := client.ListCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{Types: []lago.CreditNoteType{lago.CreditNoteTypeRefund}})
	if err != nil {
		panic(err)
	}
	cn := page.CreditNotes[0]
	fmt.Println(cn.Number, cn.InvoiceNumber, cn.TotalAmountCents, *cn.RefundStatus)
	// Output:
	// ACME-001-CN001 ACME-001 1500 pending
}

func ExampleServer_AddPayment() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")}); err != nil {
		panic(err)
	}
	inv, _ := srv.AddInvoice("acme", lago.Invoice{Number: "ACME-001", FeesAmountCents: 4000})
	if _, err := srv.AddPayment("acme", lago.Payment{LagoPayableID: inv.LagoID, AmountCents: 4000, Reference: lago.Ptr("wire 118")}); err != nil {
		panic(err)
	}

	page, err := client.ListPayments(ctx, "acme", &lago.ListPaymentsOptions{InvoiceID: inv.LagoID})
	if err != nil {
		panic(err)
	}
	p := page.Payments[0]
	fmt.Println(p.PayableType, p.InvoiceNumbers, p.AmountCents, p.AmountCurrency, p.Type, *p.Reference)
	// Output:
	// Invoice [ACME-001] 4000 EUR manual wire 118
}

func ExampleServer_AddPaymentRequest() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Email: lago.Value("ap@acme.test")}); err != nil {
		panic(err)
	}
	first, _ := srv.AddInvoice("acme", lago.Invoice{Number: "ACME-001", FeesAmountCents: 1000})
	second, _ := srv.AddInvoice("acme", lago.Invoice{Number: "ACME-002", FeesAmountCents: 2500})
	if _, err := srv.AddPaymentRequest("acme", lago.PaymentRequest{Invoices: []lago.InvoiceBase{{LagoID: first.LagoID}, {LagoID: second.LagoID}}}); err != nil {
		panic(err)
	}

	page, err := client.ListPaymentRequests(ctx, "acme", nil)
	if err != nil {
		panic(err)
	}
	pr := page.PaymentRequests[0]
	fmt.Println(*pr.Email, pr.AmountCents, len(pr.Invoices), pr.PaymentStatus)
	// Output:
	// ap@acme.test 3500 2 pending
}

func ExampleServer_AddPaymentMethod() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"}); err != nil {
		panic(err)
	}
	card, _ := srv.AddPaymentMethod("acme", lago.PaymentMethod{ProviderMethodID: "pm_card", IsDefault: true})
	sepa, _ := srv.AddPaymentMethod("acme", lago.PaymentMethod{ProviderMethodID: "pm_sepa"})

	if _, err := client.SetDefaultPaymentMethod(ctx, "acme", sepa.LagoID); err != nil {
		panic(err)
	}
	if _, err := client.DeletePaymentMethod(ctx, "acme", card.LagoID); err != nil {
		panic(err)
	}
	for m, err := range client.AllPaymentMethods(ctx, "acme", nil) {
		if err != nil {
			panic(err)
		}
		fmt.Println(m.ProviderMethodID, m.IsDefault)
	}
	_, err := client.DeletePaymentMethod(ctx, "acme", card.LagoID)
	fmt.Println(errors.Is(err, lago.ErrNotFound))
	// Output:
	// pm_sepa true
	// true
}

func ExampleServer_AddSubscription_list() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"}); err != nil {
		panic(err)
	}
	_ = srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "acme-pro", Details: lago.Subscription{PlanCode: "pro"}})
	_ = srv.AddSubscription("acme", lagotest.Subscription{ExternalID: "acme-next", Details: lago.Subscription{PlanCode: "max", Status: lago.SubscriptionStatusPending}})

	// Without a status filter Lago lists active subscriptions only.
	page, err := client.ListSubscriptions(ctx, "acme", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(page.Subscriptions), page.Subscriptions[0].ExternalID, page.Subscriptions[0].PlanCode)
	page, _ = client.ListSubscriptions(ctx, "acme", &lago.ListSubscriptionsOptions{Statuses: []lago.SubscriptionStatus{lago.SubscriptionStatusPending}})
	fmt.Println(page.Subscriptions[0].ExternalID, page.Subscriptions[0].StartedAt == nil)
	// Output:
	// 1 acme-pro pro
	// acme-next true
}

func ExampleServer_FailNext() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client(lago.WithRetry(lago.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Second}))
	ctx := context.Background()

	// Two outages, then the real response: the client's retries see it through.
	if err := srv.FailNext(lagotest.OpListCustomers, 2, lagotest.Fault{Status: http.StatusServiceUnavailable}); err != nil {
		panic(err)
	}
	page, err := client.ListCustomers(ctx, nil)
	fmt.Println(len(page.Customers), err, len(srv.Requests()))
	// Output:
	// 0 <nil> 3
}

func ExampleServer_RateLimitNext() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client(lago.WithRetry(lago.NoRetry))

	if err := srv.RateLimitNext(lagotest.AllOperations, 1, 30*time.Second); err != nil {
		panic(err)
	}
	_, err := client.ListCustomers(context.Background(), nil)
	var lerr *lago.Error
	if errors.As(err, &lerr) {
		fmt.Println(lerr.StatusCode, lerr.RetryAfter)
	}
	// Output:
	// 429 30s
}

// syncCustomer stands for your own code: it keeps a customer's billing
// email up to date in Lago.
func syncCustomer(ctx context.Context, client *lago.Client, id, email string) error {
	_, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: id, Email: lago.Value(email)})
	return err
}

// TestSyncCustomer is how a test of your own code uses lagotest.
func TestSyncCustomer(t *testing.T) {
	srv := lagotest.New(t) // closed when the test ends
	client, err := srv.Client(lago.WithRetry(lago.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Second}))
	require.NoError(t, err)

	require.NoError(t, syncCustomer(t.Context(), client, "acme", "billing@acme.test"))
	got, err := client.GetCustomer(t.Context(), "acme")
	require.NoError(t, err)
	assert.Equal(t, "billing@acme.test", *got.Email)

	// Lago answers 503 twice: the client's retries must see it through.
	require.NoError(t, srv.FailNext(lagotest.OpCreateCustomer, 2, lagotest.Fault{Status: http.StatusServiceUnavailable}))
	require.NoError(t, syncCustomer(t.Context(), client, "acme", "ap@acme.test"))
	assert.Len(t, srv.Requests(), 5) // create, get, two failures, create
}

func ExampleServer_SettleWalletTopUps() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})

	created, err := client.CreateWallet(ctx, "acme", lago.WalletInput{RateAmount: "0.5", PaidCredits: lago.Value[lago.DecimalInput]("100")})
	if err != nil {
		panic(err)
	}
	// Like Lago, the server credits the top-up after answering.
	fmt.Println(*created.Code, created.CreditsBalance)

	settled, err := srv.SettleWalletTopUps("acme", *created.Code)
	if err != nil {
		panic(err)
	}
	fmt.Println(settled.CreditsBalance, settled.BalanceCents)
	// Output:
	// default 0.0
	// 100.0 5000
}

func ExampleServer_PayWalletTopUps() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})

	_, err := client.CreateWallet(ctx, "acme", lago.WalletInput{
		RateAmount: "1", Code: lago.Value("prepaid"),
		PaidCredits: lago.Value[lago.DecimalInput]("100"), GrantedCredits: lago.Value[lago.DecimalInput]("10"),
		InvoiceRequiresSuccessfulPayment: lago.Value(true),
	})
	if err != nil {
		panic(err)
	}
	// The background top-up grants the free credits; the paid ones wait
	// for the payment of the top-up's invoice.
	settled, _ := srv.SettleWalletTopUps("acme", "prepaid")
	fmt.Println(settled.CreditsBalance)
	paid, _ := srv.PayWalletTopUps("acme", "prepaid")
	fmt.Println(paid.CreditsBalance)
	// Output:
	// 10.0
	// 110.0
}
