package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

const demoCustomer = "acme-europe"

// netPaymentTerm is the demo customer's payment term, in days.
const netPaymentTerm = 30

// runEmbedded drives every operation against an in-memory Lago, using
// lagotest's helpers for what the API cannot create: a coupon, a
// subscription with usage, a payment provider, billing documents and
// payment methods.
func runEmbedded(ctx context.Context, r *report) error {
	srv := lagotest.NewServer(lagotest.WithTaxes(lago.Tax{Code: "fr_vat_20", Name: "TVA 20%", Rate: 20}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		return err
	}
	r.note("lago-go %s demo against an in-memory Lago (package lagotest) at %s", lago.Version, srv.URL)
	r.codeNote("cmd/lago-demo/embedded.go")
	r.note("Set LAGO_API_KEY (and LAGO_API_URL) to run it against a real Lago instead.\n")

	r.step("CreateCustomer", "POST /customers", func() (string, error) {
		c, err := client.CreateCustomer(ctx, lago.CustomerInput{
			ExternalID: demoCustomer,
			Name:       lago.Value("Acme Europe SAS"),
			Email:      lago.Value("billing@acme.test,finance@acme.test"),
			Phone:      lago.Value("+33 4 72 00 00 00"),
			Country:    lago.Value("fr"),
			Currency:   lago.Value("EUR"),
			TaxCodes:   lago.Value([]string{"fr_vat_20"}),
			Metadata: lago.Value([]lago.CustomerMetadataInput{
				{Key: "po_number", Value: "PO-2026-118", DisplayInInvoice: lago.Value(true)},
			}),
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("created %s: sequential_id %d, country %s, %s, %s", c.ExternalID, c.SequentialID, deref(c.Country), plural(len(c.Taxes), "tax", "taxes"), plural(len(c.Metadata), "metadata pair", "metadata pairs")), nil
	})

	r.step("CreateCustomer", "POST /customers (upsert)", func() (string, error) {
		c, err := client.CreateCustomer(ctx, lago.CustomerInput{
			ExternalID:     demoCustomer,
			Phone:          lago.Null[string](), // cleared
			NetPaymentTerm: lago.Value[int64](netPaymentTerm),
		})
		if err != nil {
			return "", err
		}
		phone := "cleared"
		if c.Phone != nil {
			phone = "still " + *c.Phone
		}
		return fmt.Sprintf("updated in place: phone %s, net_payment_term %d days, name kept %q", phone, lago.Deref(c.NetPaymentTerm), deref(c.Name)), nil
	})

	r.step("GetCustomer", "GET /customers/{external_customer_id}", func() (string, error) {
		c, err := client.GetCustomer(ctx, demoCustomer)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%q, slug %s (the prefix of its invoice numbers), lago_id %s, applicable timezone %s", deref(c.Name), c.Slug, c.LagoID, c.ApplicableTimezone), nil
	})

	r.step("CreateCustomer", "POST /customers", func() (string, error) {
		c, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "globex", Name: lago.Value("Globex")})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("created %s, a second customer with no country, for the lists below", c.ExternalID), nil
	})
	r.step("ListCustomers", "GET /customers", func() (string, error) {
		page, err := client.ListCustomers(ctx, &lago.ListCustomersOptions{PerPage: 1, Countries: []string{"FR"}})
		if err != nil {
			return "", err
		}
		var all []string
		for c, err := range client.AllCustomers(ctx, &lago.ListCustomersOptions{PerPage: 1}) {
			if err != nil {
				return "", err
			}
			all = append(all, c.ExternalID)
		}
		return fmt.Sprintf("filtered on France: %s; unfiltered, AllCustomers read %s one per page: %s", plural(int(page.Meta.TotalCount), "customer", "customers"), plural(len(all), "customer", "customers"), strings.Join(all, ", ")), nil
	})

	coupon, applyErr := srv.ApplyCoupon(demoCustomer, lagotest.Coupon{Code: "WELCOME50", Name: "Welcome", AmountCents: 5000, AmountCurrency: "EUR", Frequency: lago.CouponFrequencyOnce})
	if applyErr != nil {
		return applyErr
	}
	r.step("ListAppliedCoupons", "GET /customers/{external_customer_id}/applied_coupons", func() (string, error) {
		page, err := client.ListAppliedCoupons(ctx, demoCustomer, &lago.ListAppliedCouponsOptions{Status: lago.AppliedCouponStatusActive})
		if err != nil {
			return "", err
		}
		if len(page.AppliedCoupons) == 0 {
			return "", fmt.Errorf("no applied coupon listed")
		}
		c := page.AppliedCoupons[0]
		off := "a percentage"
		if c.AmountCents != nil && c.AmountCurrency != nil {
			off = money(*c.AmountCents, *c.AmountCurrency)
		}
		return fmt.Sprintf("%d active: %s, %s off", len(page.AppliedCoupons), c.CouponCode, off), nil
	})
	r.step("DeleteAppliedCoupon", "DELETE /customers/{external_customer_id}/applied_coupons/{applied_coupon_id}", func() (string, error) {
		c, err := client.DeleteAppliedCoupon(ctx, demoCustomer, coupon.LagoID)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s is now %s", c.CouponCode, c.Status), nil
	})

	r.expectError("GenerateCheckoutURL", "POST /customers/{external_customer_id}/checkout_url", lago.ErrValidation, "lago.ErrValidation", "no payment provider yet", func() error {
		_, err := client.GenerateCheckoutURL(ctx, demoCustomer) // no payment provider yet
		return err
	})
	if err := srv.SetPaymentProvider(demoCustomer, lagotest.PaymentProvider{Kind: lago.PaymentProviderStripe, Code: "stripe_eu", CustomerID: "cus_demo"}); err != nil {
		return err
	}
	r.step("GenerateCheckoutURL", "POST /customers/{external_customer_id}/checkout_url", func() (string, error) {
		u, err := client.GenerateCheckoutURL(ctx, demoCustomer)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s checkout at %s", u.PaymentProvider, u.CheckoutURL), nil
	})

	if err := srv.AddSubscription(demoCustomer, demoSubscription()); err != nil {
		return err
	}
	usageSteps(ctx, r, client, demoCustomer, "acme-pro")
	documentSteps(ctx, r, srv, client, demoCustomer)

	r.step("GetPortalURL", "GET /customers/{external_customer_id}/portal_url", func() (string, error) {
		u, err := client.GetPortalURL(ctx, demoCustomer)
		if err != nil {
			return "", err
		}
		return "portal link " + shorten(u, 60), nil
	})

	walletSteps(ctx, r, client, srv, demoCustomer)

	r.step("DeleteCustomer", "DELETE /customers/{external_customer_id}", func() (string, error) {
		c, err := client.DeleteCustomer(ctx, demoCustomer)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("deleted %s (lago_id %s)", c.ExternalID, c.LagoID), nil
	})
	r.expectError("GetCustomer", "GET /customers/{external_customer_id}", lago.ErrNotFound, "lago.ErrNotFound", "the customer is deleted", func() error {
		_, err := client.GetCustomer(ctx, demoCustomer)
		return err
	})

	webhookSteps(ctx, r, client, srv)
	return nil
}

// demoSubscription has two billing periods of storage usage, one invoiced.
func demoSubscription() lagotest.Subscription {
	storage := lago.UsageBillableMetric{Name: "Storage", Code: "storage_gb", AggregationType: lago.AggregationTypeSumAgg}
	now := time.Now().UTC()
	lastMonth := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	return lagotest.Subscription{
		ExternalID: "acme-pro",
		CurrentUsage: lago.CustomerUsage{
			TaxesAmountCents: 2066,
			ChargesUsage:     []lago.ChargeUsage{{Units: "10.33", AmountCents: 10330, EventsCount: 57, BillableMetric: storage}},
		},
		PastUsage: []lago.CustomerUsage{{
			FromDatetime: lastMonth,
			ToDatetime:   lastMonth.AddDate(0, 1, 0).Add(-time.Second),
			ChargesUsage: []lago.ChargeUsage{{Units: "9.8", AmountCents: 9800, EventsCount: 49, BillableMetric: storage}},
		}},
		ProjectedUsage: lago.CustomerProjectedUsage{
			ProjectedAmountCents: "21400",
			ChargesUsage: []lago.ProjectedChargeUsage{{
				Units: "10.33", ProjectedUnits: "21.4", AmountCents: 10330, ProjectedAmountCents: 21400,
				BillableMetric: storage,
			}},
		},
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return "null"
	}
	return *p
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
