package lago_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// The examples below run against lagotest, an in-memory Lago; in an
// application the client comes from NewClient with your API key.

func ExampleNewClient() {
	client, err := lago.NewClient(os.Getenv("LAGO_API_KEY"),
		lago.WithBaseURL(lago.BaseURLEU), // or https://lago.example.com/api/v1 when self-hosted
		lago.WithUserAgent("billing-service/1.4"),
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}

func ExampleClient_CreateCustomer() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()

	customer, err := client.CreateCustomer(ctx, lago.CustomerInput{
		ExternalID: "acme",
		Name:       lago.Value("Acme Inc."),
		Email:      lago.Value("billing@acme.test"),
		Currency:   lago.Value("USD"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer.ExternalID, lago.Deref(customer.Name), lago.Deref(customer.Email))

	// Calling it again updates the customer. Absent fields keep their
	// value; Null clears one.
	customer, err = client.CreateCustomer(ctx, lago.CustomerInput{
		ExternalID: "acme",
		Email:      lago.Null[string](),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer.ExternalID, lago.Deref(customer.Name), lago.DerefOr(customer.Email, "(no email)"))
	// Output:
	// acme Acme Inc. billing@acme.test
	// acme Acme Inc. (no email)
}

func ExampleClient_GetCustomer() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()

	customer, err := client.GetCustomer(ctx, "acme")
	switch {
	case errors.Is(err, lago.ErrNotFound):
		fmt.Println("no customer acme yet")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Println("found", customer.LagoID)
	}
	// Output:
	// no customer acme yet
}

func ExampleClient_AllCustomers() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	for _, id := range []string{"acme", "globex", "initech"} {
		if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: id}); err != nil {
			log.Fatal(err)
		}
	}

	// Pages are fetched as the loop goes; the first error ends it.
	for customer, err := range client.AllCustomers(ctx, &lago.ListCustomersOptions{PerPage: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(customer.ExternalID)
	}
	// Unordered output:
	// initech
	// globex
	// acme
}

func ExampleClient_ListCustomers() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Country: lago.Value("FR")})

	page, err := client.ListCustomers(ctx, &lago.ListCustomersOptions{
		Countries: []string{"FR", "DE"},
		Metadata:  map[string]string{"segment": ""}, // customers without a "segment" key
		PerPage:   50,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Meta.TotalCount, page.Customers[0].ExternalID, page.Meta.NextPage == nil)
	// Output:
	// 1 acme true
}

func ExampleError() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()

	_, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("ZZZ")})
	var lagoErr *lago.Error
	switch {
	case errors.Is(err, lago.ErrValidation) && errors.As(err, &lagoErr):
		fmt.Println(lagoErr.StatusCode, lagoErr.Code, lagoErr.Details)
	case errors.Is(err, lago.ErrRateLimited) && errors.As(err, &lagoErr):
		fmt.Println("retry in", lagoErr.RetryAfter)
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println(err)
	// Output:
	// 422 validation_errors map[currency:[value_is_invalid]]
	// lago: POST /customers: 422 validation_errors (currency: value_is_invalid)
}

func ExampleWithRetry() {
	client, err := lago.NewClient(os.Getenv("LAGO_API_KEY"),
		lago.WithRetry(lago.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Second, MaxDelay: 20 * time.Second}),
		lago.WithHTTPClient(&http.Client{Timeout: 15 * time.Second}),
		lago.WithLogger(slog.Default()),
	)
	if err != nil {
		log.Fatal(err)
	}

	// Each call also honours its own context deadline, retries included.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := client.GetCustomer(ctx, "acme"); err != nil {
		log.Print(err)
	}
	if rl, ok := client.RateLimit(); ok {
		log.Printf("%d of %d requests left, window resets in %s", rl.Remaining, rl.Limit, rl.Reset)
	}
}

func ExampleClient_GetCurrentUsage() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("USD")})
	_ = srv.AddSubscription("acme", lagotest.Subscription{
		ExternalID: "acme-pro",
		CurrentUsage: lago.CustomerUsage{ChargesUsage: []lago.ChargeUsage{{
			Units: "10.5", AmountCents: 1050, BillableMetric: lago.UsageBillableMetric{Code: "api_calls"},
		}}},
	})

	usage, err := client.GetCurrentUsage(ctx, "acme", lago.CurrentUsageOptions{
		ExternalSubscriptionID: "acme-pro",
		ApplyTaxes:             lago.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, charge := range usage.ChargesUsage {
		// Units are decimal strings, so no precision is lost.
		fmt.Println(charge.BillableMetric.Code, charge.Units, charge.AmountCents, usage.Currency)
	}
	// Output:
	// api_calls 10.5 1050 USD
}

func ExampleFromPointer() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme Inc."), Email: lago.Value("billing@acme.test")})
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme-eu"})

	// Copy acme's name and email onto acme-eu: a set pointer sets the
	// field, a nil one (unset at acme) clears it.
	acme, err := client.GetCustomer(ctx, "acme")
	if err != nil {
		log.Fatal(err)
	}
	eu, err := client.CreateCustomer(ctx, lago.CustomerInput{
		ExternalID: "acme-eu",
		Name:       lago.FromPointer(acme.Name),
		Email:      lago.FromPointer(acme.Email),
		Phone:      lago.FromPointer(acme.Phone),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*eu.Name, *eu.Email, eu.Phone == nil)
	// Output:
	// Acme Inc. billing@acme.test true
}

func ExampleDeref() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()

	customer, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Name: lago.Value("Acme Inc.")})
	if err != nil {
		log.Fatal(err)
	}
	// Name is set, Email is nil: Deref reads both without a nil check.
	fmt.Printf("%q %q\n", lago.Deref(customer.Name), lago.Deref(customer.Email))
	// Output:
	// "Acme Inc." ""
}

func ExampleDerefOr() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()

	customer, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Timezone: lago.Value("Europe/Paris")})
	if err != nil {
		log.Fatal(err)
	}
	// A customer without a timezone is billed in the organization's.
	fmt.Println(lago.DerefOr(customer.Timezone, "organization's timezone"))
	fmt.Println(lago.DerefOr(customer.Currency, "EUR"))
	// Output:
	// Europe/Paris
	// EUR
}

func ExampleDate() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"})
	// A test that sets up an invoiced period builds its issuing date with
	// lago.Date; Lago sends it as YYYY-MM-DD.
	_ = srv.AddSubscription("acme", lagotest.Subscription{
		ExternalID: "acme-pro",
		PastUsage: []lago.CustomerUsage{{
			FromDatetime: time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC),
			ToDatetime:   time.Date(2026, time.March, 31, 23, 59, 59, 0, time.UTC),
			IssuingDate:  lago.Date{Time: time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)},
		}},
	})

	page, err := client.ListPastUsage(ctx, "acme", lago.PastUsageOptions{ExternalSubscriptionID: "acme-pro"})
	if err != nil {
		log.Fatal(err)
	}
	for _, period := range page.UsagePeriods {
		fmt.Println(period.IssuingDate, period.IssuingDate.Weekday())
	}
	// Output:
	// 2026-04-01 Wednesday
}

func ExampleClient_UpdateWalletKeepingRestrictions() {
	srv := lagotest.NewServer()
	defer srv.Close()
	srv.AddBillableMetrics("api_calls")
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	_, _ = client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")})

	wallet, err := client.CreateWallet(ctx, "acme", lago.WalletInput{
		RateAmount:  "1.0",
		Name:        lago.Value("API credits"),
		PaidCredits: lago.Value[lago.DecimalInput]("50"),
		AppliesTo: lago.Value(lago.WalletAppliesToInput{
			BillableMetricCodes: lago.Value([]string{"api_calls"}),
		}),
	})
	if err != nil {
		log.Fatal(err)
	}
	// Lago credits the top-up after answering: the new wallet shows 0.0.
	fmt.Println(*wallet.Code, wallet.CreditsBalance)

	// A plain UpdateWallet without applies_to would drop the api_calls
	// restriction; this one resends it.
	wallet, err = client.UpdateWalletKeepingRestrictions(ctx, "acme", *wallet.Code, lago.WalletUpdateInput{
		Priority: lago.Value[int64](1),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(wallet.Priority, wallet.AppliesTo.BillableMetricCodes)
	// Output:
	// api_credits 0.0
	// 1 [api_calls]
}

func ExampleClient_ListInvoices() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme", Currency: lago.Value("EUR")}); err != nil {
		log.Fatal(err)
	}
	_, _ = srv.AddInvoice("acme", lago.Invoice{Number: "ACME-001", FeesAmountCents: 9000, PaymentOverdue: true})
	_, _ = srv.AddInvoice("acme", lago.Invoice{Number: "ACME-002", FeesAmountCents: 4000})

	page, err := client.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{PaymentOverdue: lago.Ptr(true)})
	if err != nil {
		log.Fatal(err)
	}
	for _, inv := range page.Invoices {
		fmt.Println(inv.Number, inv.TotalDueAmountCents, inv.Currency)
	}

	// Lago reads payment_dispute_lost=false as true, so the client refuses it.
	_, err = client.ListInvoices(ctx, "acme", &lago.ListInvoicesOptions{PaymentDisputeLost: lago.Ptr(false)})
	fmt.Println(errors.Is(err, lago.ErrInvalidArgument))
	// Output:
	// ACME-001 9000 EUR
	// true
}

func ExampleClient_SetDefaultPaymentMethod() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"}); err != nil {
		log.Fatal(err)
	}
	_, _ = srv.AddPaymentMethod("acme", lago.PaymentMethod{ProviderMethodID: "pm_card", IsDefault: true})
	sepa, _ := srv.AddPaymentMethod("acme", lago.PaymentMethod{ProviderMethodID: "pm_sepa"})

	// Exactly one method is the default afterwards.
	if _, err := client.SetDefaultPaymentMethod(ctx, "acme", sepa.LagoID); err != nil {
		log.Fatal(err)
	}
	for m, err := range client.AllPaymentMethods(ctx, "acme", nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.ProviderMethodID, m.IsDefault)
	}
	// Unordered output:
	// pm_sepa true
	// pm_card false
}

func ExampleFormatAmount() {
	fmt.Println(lago.FormatAmount(1234, "EUR"))
	fmt.Println(lago.FormatAmount(1234, "JPY"))
	fmt.Println(lago.FormatAmount(1234, "BHD"))
	fmt.Println(lago.FormatAmount(-5, "USD"))
	// Output:
	// 12.34 EUR
	// 1234 JPY
	// 1.234 BHD
	// -0.05 USD
}

func ExampleMinorUnits() {
	for _, currency := range []string{"EUR", "JPY", "KWD"} {
		fmt.Println(currency, lago.MinorUnits(currency))
	}
	// Output:
	// EUR 2
	// JPY 0
	// KWD 3
}

func ExampleWalletMetadata() {
	// %v prints a response's pointers as the values they point to, and a
	// nil one as <nil>, not as addresses.
	metadata := lago.WalletMetadata{"plan": lago.Ptr("gold"), "seats": nil}
	address := lago.Address{City: lago.Ptr("Paris"), Country: lago.Ptr("FR")}
	fmt.Printf("%v\n%+v\n", metadata, address)
	// Output:
	// WalletMetadata{"plan":"gold", "seats":<nil>}
	// Address{AddressLine1:<nil>, AddressLine2:<nil>, City:"Paris", Country:"FR", State:<nil>, Zipcode:<nil>}
}
