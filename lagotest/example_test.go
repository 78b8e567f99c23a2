package lagotest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

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

func ExampleServer_FailNext() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := srv.Client(lago.WithRetry(lago.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Second}))
	ctx := context.Background()

	// Two outages, then the real answer: the client's retries see it through.
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
