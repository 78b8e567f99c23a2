package gen_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/specval"
)

const (
	testServer = "https://lago.test/api/v1/"
	testKey    = "test-key"
)

func ptr[T any](v T) *T { return &v }

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// exchange is one request built by the generated client and the fixture a
// Lago server answers it with.
type exchange struct {
	name    string
	request func() (*http.Request, error)
	status  int
	fixture string
	// specValid is false only for fixtures that carry values the spec does
	// not list (a grown enum): the spec rejects them, decoding must not.
	specValid bool
	check     func(t *testing.T, rsp *http.Response)
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return d
}

func exchanges(t *testing.T) []exchange {
	return []exchange{
		{
			name:      "findCustomer answers every field, nulls included",
			request:   func() (*http.Request, error) { return gen.NewFindCustomerRequest(testServer, "acme-eu-042") },
			status:    200,
			fixture:   "customer.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindCustomerResponse(rsp)
				require.NoError(t, err)
				require.NotNil(t, r.JSON200)
				c := r.JSON200.Customer
				assert.Equal(t, "6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10", c.LagoID)
				assert.Equal(t, int64(42), c.SequentialID)
				assert.Equal(t, "acme_eu", c.BillingEntityCode)
				assert.Equal(t, ptr("billing@acme.test,finance@acme.test"), c.Email)
				assert.Nil(t, c.AddressLine2)
				assert.Nil(t, c.NetPaymentTerm)
				assert.Nil(t, c.Timezone)
				assert.Equal(t, ptr(gen.CustomerTypeCompany), c.CustomerType)
				assert.Equal(t, gen.AccountTypeCustomer, c.AccountType)
				assert.Equal(t, date(t, "2026-10-02T17:05:11Z"), c.UpdatedAt)
				assert.Nil(t, c.BillingConfiguration.InvoiceGracePeriod)
				assert.Nil(t, c.BillingConfiguration.SubscriptionInvoiceIssuingDateAnchor)
				assert.Equal(t, ptr(gen.PaymentProviderStripe), c.BillingConfiguration.PaymentProvider)
				assert.Equal(t, []gen.ProviderPaymentMethod{gen.ProviderPaymentMethodCard, gen.ProviderPaymentMethodSepaDebit}, c.BillingConfiguration.ProviderPaymentMethods)
				assert.Equal(t, gen.Address{}, c.ShippingAddress)
				require.Len(t, c.IntegrationCustomers, 1)
				assert.Nil(t, c.IntegrationCustomers[0].ExternalCustomerID)
				assert.Equal(t, ptr(gen.IntegrationCategoryTax), c.IntegrationCustomers[0].Category)
				require.Len(t, c.Taxes, 1)
				assert.InDelta(t, 20.0, c.Taxes[0].Rate, 0)
				assert.Equal(t, []string{"acme_eu", "acme_fr"}, c.Taxes[0].AppliedToBillingEntitiesCodes)
				require.Len(t, c.ApplicableInvoiceCustomSections, 1)
				assert.Nil(t, c.ApplicableInvoiceCustomSections[0].Description)
				require.Len(t, c.ErrorDetails, 1)
				assert.Equal(t, gen.CustomerErrorCodeTaxError, c.ErrorDetails[0].ErrorCode)
				assert.Equal(t, []any{"app/services/integrations/anrok/create_service.rb:41", "app/jobs/sync_job.rb:12"},
					c.ErrorDetails[0].Details["backtrace"])
			},
		},
		{
			name:    "findCustomer keeps enum values the spec does not know",
			request: func() (*http.Request, error) { return gen.NewFindCustomerRequest(testServer, "acme-br-043") },
			status:  200,
			fixture: "customer-unknown-enums.json",
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindCustomerResponse(rsp)
				require.NoError(t, err)
				c := r.JSON200.Customer
				assert.Equal(t, gen.AccountType("reseller"), c.AccountType)
				assert.False(t, c.AccountType.Valid())
				assert.Equal(t, ptr(gen.PaymentProvider("mercadopago")), c.BillingConfiguration.PaymentProvider)
				assert.Nil(t, c.CustomerType)
				assert.Equal(t, ptr(int64(15)), c.NetPaymentTerm)
				assert.Equal(t, ptr("001Ak00000XyZ12"), c.ExternalSalesforceID)
				assert.Empty(t, c.Metadata)
				assert.Nil(t, c.ErrorDetails)
			},
		},
		{
			name: "createCustomer answers the stored customer",
			request: func() (*http.Request, error) {
				return gen.NewCreateCustomerRequest(testServer, gen.CreateCustomerJSONRequestBody{
					Customer: gen.CustomerInput{ExternalID: "acme-eu-042"},
				})
			},
			status:    200,
			fixture:   "customer.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseCreateCustomerResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, "acme-eu-042", r.JSON200.Customer.ExternalID)
			},
		},
		{
			name:      "destroyCustomer answers the deleted customer",
			request:   func() (*http.Request, error) { return gen.NewDestroyCustomerRequest(testServer, "acme-eu-042") },
			status:    200,
			fixture:   "customer.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDestroyCustomerResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, "ACM-7F3A-042", r.JSON200.Customer.Slug)
			},
		},
		{
			name: "findAllCustomers answers a page and its meta",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomersRequest(testServer, &gen.FindAllCustomersParams{Page: ptr[int64](1), PerPage: ptr[int64](2)})
			},
			status:    200,
			fixture:   "customer-list.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomersResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.Customers, 2)
				assert.Equal(t, "jane.doe@example.test", r.JSON200.Customers[0].ExternalID)
				assert.Equal(t, gen.AccountTypePartner, r.JSON200.Customers[1].AccountType)
				assert.Nil(t, r.JSON200.Customers[1].BillingConfiguration.ProviderCustomerID)
				assert.Equal(t, gen.PaginationMeta{CurrentPage: 1, NextPage: ptr[int64](2), TotalPages: 3, TotalCount: 250}, r.JSON200.Meta)
			},
		},
		{
			name: "findAllCustomers answers an empty list with zeroed meta",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomersRequest(testServer, &gen.FindAllCustomersParams{SearchTerm: ptr("nobody")})
			},
			status:    200,
			fixture:   "customer-list-empty.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomersResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, &gen.CustomerPage{Customers: []gen.Customer{}, Meta: gen.PaginationMeta{}}, r.JSON200)
			},
		},
		{
			name: "findAllCustomerAppliedCoupons answers coupons with their credits",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerAppliedCouponsRequest(testServer, "acme-eu-042", &gen.FindAllCustomerAppliedCouponsParams{})
			},
			status:    200,
			fixture:   "applied-coupons.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerAppliedCouponsResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.AppliedCoupons, 2)
				fixed, pct := r.JSON200.AppliedCoupons[0], r.JSON200.AppliedCoupons[1]
				assert.Equal(t, ptr[int64](1250), fixed.AmountCentsRemaining)
				assert.Nil(t, fixed.PercentageRate)
				require.Len(t, fixed.Credits, 1)
				assert.Equal(t, gen.CreditItemTypeCoupon, fixed.Credits[0].Item.Type)
				assert.Equal(t, gen.InvoicePaymentStatusSucceeded, fixed.Credits[0].Invoice.PaymentStatus)
				assert.Equal(t, ptr("10.0"), pct.PercentageRate)
				assert.Equal(t, gen.CouponFrequencyRecurring, pct.Frequency)
				assert.Equal(t, []gen.Credit{}, pct.Credits)
			},
		},
		{
			name: "deleteAppliedCoupon answers the terminated coupon without credits",
			request: func() (*http.Request, error) {
				return gen.NewDeleteAppliedCouponRequest(testServer, "acme-eu-042", "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a")
			},
			status:    200,
			fixture:   "applied-coupon-deleted.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseDeleteAppliedCouponResponse(rsp)
				require.NoError(t, err)
				c := r.JSON200.AppliedCoupon
				assert.Equal(t, gen.AppliedCouponStatusTerminated, c.Status)
				assert.Equal(t, ptr(date(t, "2026-11-21T08:15:30Z")), c.TerminatedAt)
				assert.Nil(t, c.Credits)
			},
		},
		{
			name: "generateCustomerCheckoutURL answers the link",
			request: func() (*http.Request, error) {
				return gen.NewGenerateCustomerCheckoutURLRequest(testServer, "acme-eu-042")
			},
			status:    200,
			fixture:   "checkout-url.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseGenerateCustomerCheckoutURLResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, gen.CheckoutURL{
					LagoCustomerID:     "6f1c2b7a-93d4-4e0b-9a51-3c8e2f7d4b10",
					ExternalCustomerID: "acme-eu-042",
					PaymentProvider:    gen.PaymentProviderStripe,
					CheckoutURL:        "https://checkout.stripe.test/c/pay/cs_test_a1B2c3D4",
				}, r.JSON200.Customer)
			},
		},
		{
			name: "findCustomerCurrentUsage answers decimal units, filters and free-form groups",
			request: func() (*http.Request, error) {
				return gen.NewFindCustomerCurrentUsageRequest(testServer, "acme-eu-042", &gen.FindCustomerCurrentUsageParams{ExternalSubscriptionID: "sub-042"})
			},
			status:    200,
			fixture:   "current-usage.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindCustomerCurrentUsageResponse(rsp)
				require.NoError(t, err)
				u := r.JSON200.CustomerUsage
				assert.Equal(t, "2026-11-30", u.IssuingDate.String())
				assert.Nil(t, u.LagoInvoiceID)
				assert.Equal(t, int64(14814), u.TotalAmountCents)
				require.Len(t, u.ChargesUsage, 2)
				storage, calls := u.ChargesUsage[0], u.ChargesUsage[1]
				assert.Equal(t, "10.33", storage.Units)
				assert.Equal(t, ptr("storage_gb"), storage.Charge.Code)
				assert.Nil(t, storage.PricingUnitDetails)
				assert.Equal(t, map[string][]string{"region": {"eu-west-1"}}, storage.Filters[0].Values)
				assert.Nil(t, storage.Filters[1].Values)
				assert.Nil(t, storage.Filters[1].InvoiceDisplayName)
				assert.Equal(t, gen.GroupValues{"cloud": "aws", "team": nil}, storage.GroupedUsage[0].GroupedBy)
				assert.Equal(t, gen.GroupValues{"department": nil}, storage.GroupedUsage[0].PresentationBreakdowns[1].PresentationBy)
				assert.Equal(t, gen.ChargeModel("dynamic"), calls.Charge.ChargeModel)
				assert.Equal(t, gen.AggregationTypeCustomAgg, calls.BillableMetric.AggregationType)
				assert.Equal(t, &gen.PricingUnitDetails{AmountCents: 4030, ShortName: "CR", ConversionRate: "0.500000000000000"}, calls.PricingUnitDetails)
			},
		},
		{
			name: "findAllCustomerPastUsage answers invoiced periods",
			request: func() (*http.Request, error) {
				return gen.NewFindAllCustomerPastUsageRequest(testServer, "acme-eu-042", &gen.FindAllCustomerPastUsageParams{ExternalSubscriptionID: "sub-042", PeriodsCount: ptr[int64](3)})
			},
			status:    200,
			fixture:   "past-usage.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindAllCustomerPastUsageResponse(rsp)
				require.NoError(t, err)
				require.Len(t, r.JSON200.UsagePeriods, 1)
				assert.Equal(t, ptr("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"), r.JSON200.UsagePeriods[0].LagoInvoiceID)
				assert.Equal(t, "9.8", r.JSON200.UsagePeriods[0].ChargesUsage[0].Units)
				assert.Equal(t, int64(1), r.JSON200.Meta.TotalCount)
			},
		},
		{
			name: "findCustomerProjectedUsage answers a decimal-string projected total",
			request: func() (*http.Request, error) {
				return gen.NewFindCustomerProjectedUsageRequest(testServer, "acme-eu-042", &gen.FindCustomerProjectedUsageParams{ExternalSubscriptionID: "sub-042"})
			},
			status:    200,
			fixture:   "projected-usage.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseFindCustomerProjectedUsageResponse(rsp)
				require.NoError(t, err)
				u := r.JSON200.CustomerProjectedUsage
				assert.Equal(t, json.Number("256.0"), u.ProjectedAmountCents)
				c := u.ChargesUsage[0]
				assert.Equal(t, int64(256), c.ProjectedAmountCents)
				assert.Equal(t, "25.6", c.ProjectedUnits)
				assert.Nil(t, c.Charge.Code)
				assert.Equal(t, ptr(json.Number("512.0")), c.PricingUnitDetails.ProjectedAmountCents)
				assert.Equal(t, gen.GroupValues{"plan_tier": "pro"}, c.GroupedUsage[0].GroupedBy)
			},
		},
		{
			name:      "getCustomerPortalUrl answers the link",
			request:   func() (*http.Request, error) { return gen.NewGetCustomerPortalURLRequest(testServer, "acme-eu-042") },
			status:    200,
			fixture:   "portal-url.json",
			specValid: true,
			check: func(t *testing.T, rsp *http.Response) {
				r, err := gen.ParseGetCustomerPortalURLResponse(rsp)
				require.NoError(t, err)
				assert.Equal(t, "https://app.getlago.com/customer-portal/eyJfcmFpbHMiOnsiZGF0YSI6ImFjbWUifX0--5c1f0e", r.JSON200.Customer.PortalURL)
			},
		},
	}
}

func errorExchanges() []exchange {
	create := func() (*http.Request, error) {
		return gen.NewCreateCustomerRequest(testServer, gen.CreateCustomerJSONRequestBody{Customer: gen.CustomerInput{ExternalID: "x"}})
	}
	list := func() (*http.Request, error) {
		return gen.NewFindAllCustomersRequest(testServer, &gen.FindAllCustomersParams{Countries: []string{"ZZ"}})
	}
	usage := func() (*http.Request, error) {
		return gen.NewFindCustomerCurrentUsageRequest(testServer, "acme", &gen.FindCustomerCurrentUsageParams{ExternalSubscriptionID: "gone"})
	}
	get := func() (*http.Request, error) { return gen.NewFindCustomerRequest(testServer, "nobody") }
	apiErr := func(parse func(*http.Response) (*gen.APIError, error), want gen.APIError) func(*testing.T, *http.Response) {
		return func(t *testing.T, rsp *http.Response) {
			got, err := parse(rsp)
			require.NoError(t, err)
			require.NotNil(t, got)
			assert.Equal(t, want, *got)
		}
	}
	createErr := func(rsp *http.Response) (*gen.APIError, error) {
		r, err := gen.ParseCreateCustomerResponse(rsp)
		if err != nil {
			return nil, err
		}
		switch {
		case r.JSON400 != nil:
			return r.JSON400, nil
		case r.JSON422 != nil:
			return r.JSON422, nil
		}
		return nil, nil
	}
	listErr := func(rsp *http.Response) (*gen.APIError, error) {
		r, err := gen.ParseFindAllCustomersResponse(rsp)
		if err != nil {
			return nil, err
		}
		return r.JSON422, nil
	}
	getErr := func(rsp *http.Response) (*gen.APIError, error) {
		r, err := gen.ParseFindCustomerResponse(rsp)
		if err != nil {
			return nil, err
		}
		if r.JSON401 != nil {
			return r.JSON401, nil
		}
		return r.JSON404, nil
	}
	usageErr := func(rsp *http.Response) (*gen.APIError, error) {
		r, err := gen.ParseFindCustomerCurrentUsageResponse(rsp)
		if err != nil {
			return nil, err
		}
		switch {
		case r.JSON403 != nil:
			return r.JSON403, nil
		case r.JSON405 != nil:
			return r.JSON405, nil
		}
		return r.JSON429, nil
	}
	return []exchange{
		{name: "400 missing customer root", request: create, status: 400, fixture: "error-400-missing-customer.json", specValid: true,
			check: apiErr(createErr, gen.APIError{Status: 400, Error: "BadRequest: param is missing or the value is empty or invalid: customer"})},
		{name: "401 wrong key", request: get, status: 401, fixture: "error-401.json", specValid: true,
			check: apiErr(getErr, gen.APIError{Status: 401, Error: "Unauthorized"})},
		{name: "403 key without permission", request: usage, status: 403, fixture: "error-403-permission.json", specValid: true,
			check: apiErr(usageErr, gen.APIError{Status: 403, Error: "Forbidden", Code: ptr("read_action_not_allowed_for_customer_usage")})},
		{name: "404 unknown customer", request: get, status: 404, fixture: "error-404-customer.json", specValid: true,
			check: apiErr(getErr, gen.APIError{Status: 404, Error: "Not Found", Code: ptr("customer_not_found")})},
		{name: "405 no active subscription", request: usage, status: 405, fixture: "error-405-no-active-subscription.json", specValid: true,
			check: apiErr(usageErr, gen.APIError{Status: 405, Error: "Method Not Allowed", Code: ptr("no_active_subscription")})},
		{name: "422 field validation", request: create, status: 422, fixture: "error-422-validation.json", specValid: true,
			check: apiErr(createErr, gen.APIError{Status: 422, Error: "Unprocessable Entity", Code: ptr("validation_errors"),
				ErrorDetails: json.RawMessage(`{"email":["invalid_email_format"],"net_payment_term":["value_is_out_of_range"]}`)})},
		{name: "422 nested list-filter validation", request: list, status: 422, fixture: "error-422-filter-nested.json", specValid: true,
			check: apiErr(listErr, gen.APIError{Status: 422, Error: "Unprocessable Entity", Code: ptr("validation_errors"),
				ErrorDetails: json.RawMessage(`{"countries":{"0":["must be one of: AD, AE, AF"]},"metadata":{"tier":["must be a string"]}}`)})},
		{name: "429 throttled tax provider", request: usage, status: 429, fixture: "error-429-provider.json", specValid: true,
			check: apiErr(usageErr, gen.APIError{Status: 429, Error: "Too Many Provider Requests", Code: ptr("too_many_provider_requests"),
				ErrorDetails: json.RawMessage(`{"provider_name":"avalara","message":"Rate limit reached, retry later"}`)})},
	}
}

// TestDecodeResponses decodes a realistic answer for every operation and
// error status, and checks that the request the generated client built and the
// answer both conform to the spec.
func TestDecodeResponses(t *testing.T) {
	v, err := specval.New(t.Context(), "/api/v1")
	require.NoError(t, err)

	for _, ex := range slices.Concat(exchanges(t), errorExchanges(), walletExchanges(t), documentExchanges(t)) {
		t.Run(ex.name, func(t *testing.T) {
			req, err := ex.request()
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+testKey)
			match, err := v.Request(t.Context(), req, readSent(t, req), testKey)
			require.NoError(t, err)

			body := fixture(t, ex.fixture)
			header := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
			if ex.status == http.StatusTooManyRequests {
				header.Set("X-RateLimit-Limit", "50")
				header.Set("X-RateLimit-Remaining", "0")
				header.Set("X-RateLimit-Reset", "1")
			}
			specErr := v.Response(t.Context(), match, ex.status, header, body)
			if ex.specValid {
				require.NoError(t, specErr)
			} else {
				require.Error(t, specErr, "fixture was meant to break the spec")
			}

			ex.check(t, &http.Response{
				StatusCode: ex.status,
				Header:     header,
				Body:       io.NopCloser(bytes.NewReader(body)),
			})
		})
	}
}
