package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lagoclient/lago-go/lago"
)

// runRemote calls a real Lago. It reads only, unless -write asks it to
// create a throw-away customer, upsert it and delete it. Applied coupons
// are listed but never deleted, and checkout links are only generated for
// the throw-away customer, which has no payment provider, so that call is
// expected to answer 422.
func runRemote(ctx context.Context, r *report, opts options) error {
	clientOpts := []lago.Option{lago.WithUserAgent("lago-demo/" + lago.Version)}
	if opts.apiURL != "" {
		clientOpts = append(clientOpts, lago.WithBaseURL(opts.apiURL))
	}
	client, err := lago.NewClient(opts.apiKey, clientOpts...)
	if err != nil {
		return err
	}
	where := opts.apiURL
	if where == "" {
		where = lago.BaseURLUS
	}
	mode := "read-only"
	if opts.write {
		mode = "read and write"
	}
	r.note("lago-go %s demo against %s (%s)", lago.Version, where, mode)
	r.codeNote("cmd/lago-demo/remote.go")
	r.note("")

	customer := opts.customer
	r.step("ListCustomers", "GET /customers", func() (string, error) {
		page, err := client.ListCustomers(ctx, &lago.ListCustomersOptions{PerPage: 5})
		if err != nil {
			return "", err
		}
		if customer == "" && len(page.Customers) > 0 {
			customer = page.Customers[0].ExternalID
		}
		return fmt.Sprintf("%s in %s", plural(int(page.Meta.TotalCount), "customer", "customers"), plural(int(page.Meta.TotalPages), "page", "pages")), nil
	})

	if customer == "" {
		r.skip("GetCustomer…", "no customer to read; pass -customer")
	} else {
		readSteps(ctx, r, client, customer)
		walletReadSteps(ctx, r, client, customer)
		if opts.subscription == "" {
			r.skip("usage", "pass -subscription to read current, past and projected usage")
		} else {
			usageSteps(ctx, r, client, customer, opts.subscription)
		}
	}
	if opts.write {
		writeSteps(ctx, r, client)
	} else {
		r.skip("CreateCustomer…", "writes need -write")
	}
	return nil
}

// readSteps are the calls that change nothing on the server.
func readSteps(ctx context.Context, r *report, client *lago.Client, customer string) {
	r.step("GetCustomer", "GET /customers/{external_customer_id}", func() (string, error) {
		c, err := client.GetCustomer(ctx, customer)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s %q created %s", c.ExternalID, deref(c.Name), c.CreatedAt.Format(time.DateOnly)), nil
	})
	r.step("ListAppliedCoupons", "GET /customers/{external_customer_id}/applied_coupons", func() (string, error) {
		page, err := client.ListAppliedCoupons(ctx, customer, nil)
		if err != nil {
			return "", err
		}
		return plural(int(page.Meta.TotalCount), "applied coupon", "applied coupons"), nil
	})
	r.step("GetPortalURL", "GET /customers/{external_customer_id}/portal_url", func() (string, error) {
		u, err := client.GetPortalURL(ctx, customer)
		if err != nil {
			return "", err
		}
		return "portal link " + shorten(u, 60), nil
	})
	documentListSteps(ctx, r, client, customer)
}

// usageSteps read the three kinds of usage of one subscription.
func usageSteps(ctx context.Context, r *report, client *lago.Client, customer, subscription string) {
	r.step("GetCurrentUsage", "GET /customers/{external_customer_id}/current_usage", func() (string, error) {
		u, err := client.GetCurrentUsage(ctx, customer, lago.CurrentUsageOptions{ExternalSubscriptionID: subscription})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s → %s: %s, %s due", u.FromDatetime.Format(time.DateOnly), u.ToDatetime.Format(time.DateOnly), plural(len(u.ChargesUsage), "charge", "charges"), money(u.TotalAmountCents, u.Currency)), nil
	})
	r.step("ListPastUsage", "GET /customers/{external_customer_id}/past_usage", func() (string, error) {
		page, err := client.ListPastUsage(ctx, customer, lago.PastUsageOptions{ExternalSubscriptionID: subscription, PeriodsCount: 3})
		if err != nil {
			return "", err
		}
		return plural(len(page.UsagePeriods), "invoiced period", "invoiced periods"), nil
	})
	r.step("GetProjectedUsage", "GET /customers/{external_customer_id}/projected_usage", func() (string, error) {
		u, err := client.GetProjectedUsage(ctx, customer, lago.ProjectedUsageOptions{ExternalSubscriptionID: subscription})
		var lerr *lago.Error
		if errors.As(err, &lerr) && errors.Is(err, lago.ErrForbidden) && lerr.Code == "projected_usage_not_enabled" {
			return "projected usage is not enabled for this organization", nil
		}
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s so far, %s projected by the end of the period", money(u.AmountCents, u.Currency), moneyString(u.ProjectedAmountCents.String(), u.Currency)), nil
	})
}

// writeSteps create a throw-away customer, touch it, and delete it.
func writeSteps(ctx context.Context, r *report, client *lago.Client) {
	id := fmt.Sprintf("lago-go-demo-%d", time.Now().UnixNano())
	r.step("CreateCustomer", "POST /customers", func() (string, error) {
		c, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: id, Name: lago.Value("lago-go demo (safe to delete)")})
		if err != nil {
			return "", err
		}
		return "created " + c.ExternalID, nil
	})
	r.expectError("GenerateCheckoutURL", "POST /customers/{external_customer_id}/checkout_url", lago.ErrValidation, "lago.ErrValidation", "no payment provider", func() error {
		_, err := client.GenerateCheckoutURL(ctx, id)
		return err
	})
	r.expectError("DeleteAppliedCoupon", "DELETE /customers/{external_customer_id}/applied_coupons/{applied_coupon_id}", lago.ErrNotFound, "lago.ErrNotFound", "no applied coupon has this id", func() error {
		_, err := client.DeleteAppliedCoupon(ctx, id, "00000000-0000-4000-8000-000000000000")
		return err
	})
	missingPaymentMethodSteps(ctx, r, client, id)
	remoteWalletSteps(ctx, r, client, id)
	r.step("DeleteCustomer", "DELETE /customers/{external_customer_id}", func() (string, error) {
		c, err := client.DeleteCustomer(ctx, id)
		if err != nil {
			return "", err
		}
		return "deleted " + c.ExternalID, nil
	})
}
