package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"time"

	"github.com/lagoclient/lago-go/lago"
)

// baselineClient is the hand-written client the benchmarks hold package
// lago against: what a careful developer writes with net/http and
// encoding/json alone. It sends the same headers with the same values,
// checks the status, decodes every field into structs of the same shape as
// the generated ones, and drains and closes every body so connections are
// reused.
type baselineClient struct {
	hc        *http.Client
	base      string // API root, e.g. http://127.0.0.1:4242/api/v1
	auth      string // "Bearer <key>", built once
	userAgent string
}

// newBaselineClient tunes its transport the way a service that calls one
// API from many goroutines should: keep as many idle connections to the
// host as there are concurrent callers (net/http keeps 2 by default), and
// bound each request with a timeout. These are the settings of package
// lago's default http.Client, so the comparison is of the code, not of the
// pool.
func newBaselineClient(baseURL string) *baselineClient {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 256
	return &baselineClient{
		hc:   &http.Client{Timeout: 60 * time.Second, Transport: t},
		base: baseURL,
		auth: "Bearer " + apiKey,
		// The same User-Agent bytes package lago sends.
		userAgent: "lago-go/" + lago.Version + " (" + runtime.Version() + "; +https://github.com/lagoclient/lago-go)",
	}
}

// do sends req and decodes a 200 answer into out.
func (c *baselineClient) do(req *http.Request, out any) error {
	req.Header.Set("Authorization", c.auth)
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	rsp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		// Whatever the decoder left must be read for the connection to go
		// back to the pool.
		_, _ = io.Copy(io.Discard, rsp.Body)
		_ = rsp.Body.Close()
	}()
	if rsp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, rsp.StatusCode)
	}
	return json.NewDecoder(rsp.Body).Decode(out)
}

func (c *baselineClient) getCustomer(ctx context.Context, id string) (*baseCustomer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/customers/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	var env baseCustomerEnvelope
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

func (c *baselineClient) createCustomer(ctx context.Context, in baseCustomerInput) (*baseCustomer, error) {
	body, err := json.Marshal(baseCustomerCreateInput{Customer: in})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/customers", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	var env baseCustomerEnvelope
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

func (c *baselineClient) listCustomers(ctx context.Context, page, per int) (*baseCustomerPage, error) {
	u := c.base + "/customers?page=" + strconv.Itoa(page) + "&per_page=" + strconv.Itoa(per)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var p baseCustomerPage
	if err := c.do(req, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// eachCustomer pages through every customer by hand, one page in memory
// at a time, and calls fn for each.
func (c *baselineClient) eachCustomer(ctx context.Context, per int, fn func(*baseCustomer)) error {
	for page := 1; ; {
		p, err := c.listCustomers(ctx, page, per)
		if err != nil {
			return err
		}
		for i := range p.Customers {
			fn(&p.Customers[i])
		}
		if p.Meta.NextPage == nil {
			return nil
		}
		if int(*p.Meta.NextPage) <= page {
			return fmt.Errorf("next_page %d does not follow page %d", *p.Meta.NextPage, page)
		}
		page = int(*p.Meta.NextPage)
	}
}

func (c *baselineClient) currentUsage(ctx context.Context, customerID, subscriptionID string) (*baseCustomerUsage, error) {
	u := c.base + "/customers/" + url.PathEscape(customerID) + "/current_usage?external_subscription_id=" + url.QueryEscape(subscriptionID)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var env baseCustomerUsageEnvelope
	if err := c.do(req, &env); err != nil {
		return nil, err
	}
	return &env.CustomerUsage, nil
}

// The baseline's structs mirror the generated ones field for field, in the
// same order and with the same JSON tags, so both sides decode the same
// keys into the same kinds of values: a pointer where the generated type
// has a pointer, a map where it has a map. Enums are plain strings, which
// decode exactly as the generated named string types do.

type baseCustomerEnvelope struct {
	Customer baseCustomer `json:"customer"`
}

type baseCustomerPage struct {
	Customers []baseCustomer     `json:"customers"`
	Meta      basePaginationMeta `json:"meta"`
}

type basePaginationMeta struct {
	CurrentPage int64  `json:"current_page"`
	NextPage    *int64 `json:"next_page"`
	PrevPage    *int64 `json:"prev_page"`
	TotalCount  int64  `json:"total_count"`
	TotalPages  int64  `json:"total_pages"`
}

type baseCustomer struct {
	AccountType                     string                     `json:"account_type"`
	AddressLine1                    *string                    `json:"address_line1"`
	AddressLine2                    *string                    `json:"address_line2"`
	ApplicableInvoiceCustomSections []baseInvoiceCustomSection `json:"applicable_invoice_custom_sections,omitempty,omitzero"`
	ApplicableTimezone              string                     `json:"applicable_timezone"`
	BillingConfiguration            baseBillingConfiguration   `json:"billing_configuration"`
	BillingEntityCode               string                     `json:"billing_entity_code"`
	City                            *string                    `json:"city"`
	Country                         *string                    `json:"country"`
	CreatedAt                       time.Time                  `json:"created_at"`
	Currency                        *string                    `json:"currency"`
	CustomerType                    *string                    `json:"customer_type"`
	Email                           *string                    `json:"email"`
	ErrorDetails                    []baseCustomerErrorDetail  `json:"error_details,omitempty,omitzero"`
	ExternalID                      string                     `json:"external_id"`
	ExternalSalesforceID            *string                    `json:"external_salesforce_id"`
	FinalizeZeroAmountInvoice       string                     `json:"finalize_zero_amount_invoice"`
	Firstname                       *string                    `json:"firstname"`
	IntegrationCustomers            []baseIntegrationCustomer  `json:"integration_customers"`
	LagoID                          string                     `json:"lago_id"`
	Lastname                        *string                    `json:"lastname"`
	LegalName                       *string                    `json:"legal_name"`
	LegalNumber                     *string                    `json:"legal_number"`
	LogoURL                         *string                    `json:"logo_url"`
	Metadata                        []baseCustomerMetadata     `json:"metadata"`
	Name                            *string                    `json:"name"`
	NetPaymentTerm                  *int64                     `json:"net_payment_term"`
	Phone                           *string                    `json:"phone"`
	SequentialID                    int64                      `json:"sequential_id"`
	ShippingAddress                 baseAddress                `json:"shipping_address"`
	SkipInvoiceCustomSections       bool                       `json:"skip_invoice_custom_sections"`
	Slug                            string                     `json:"slug"`
	State                           *string                    `json:"state"`
	TaxIdentificationNumber         *string                    `json:"tax_identification_number"`
	Taxes                           []baseTax                  `json:"taxes"`
	Timezone                        *string                    `json:"timezone"`
	UpdatedAt                       time.Time                  `json:"updated_at"`
	URL                             *string                    `json:"url"`
	Zipcode                         *string                    `json:"zipcode"`
}

type baseAddress struct {
	AddressLine1 *string `json:"address_line1"`
	AddressLine2 *string `json:"address_line2"`
	City         *string `json:"city"`
	Country      *string `json:"country"`
	State        *string `json:"state"`
	Zipcode      *string `json:"zipcode"`
}

type baseBillingConfiguration struct {
	DocumentLocale                           *string  `json:"document_locale"`
	InvoiceGracePeriod                       *int64   `json:"invoice_grace_period"`
	PaymentProvider                          *string  `json:"payment_provider"`
	PaymentProviderCode                      *string  `json:"payment_provider_code"`
	ProviderCustomerID                       *string  `json:"provider_customer_id,omitempty"`
	ProviderPaymentMethods                   []string `json:"provider_payment_methods,omitempty,omitzero"`
	SubscriptionInvoiceIssuingDateAdjustment *string  `json:"subscription_invoice_issuing_date_adjustment"`
	SubscriptionInvoiceIssuingDateAnchor     *string  `json:"subscription_invoice_issuing_date_anchor"`
	Sync                                     *bool    `json:"sync,omitempty"`
	SyncWithProvider                         *bool    `json:"sync_with_provider,omitempty"`
}

type baseCustomerErrorDetail struct {
	Details   map[string]any `json:"details"`
	ErrorCode string         `json:"error_code"`
	LagoID    string         `json:"lago_id"`
}

type baseCustomerMetadata struct {
	CreatedAt        time.Time `json:"created_at"`
	DisplayInInvoice bool      `json:"display_in_invoice"`
	Key              string    `json:"key"`
	LagoID           string    `json:"lago_id"`
	Value            string    `json:"value"`
}

type baseIntegrationCustomer struct {
	Category           *string `json:"category,omitempty"`
	Code               *string `json:"code,omitempty"`
	Email              *string `json:"email,omitempty"`
	ExternalCustomerID *string `json:"external_customer_id"`
	IntegrationCode    *string `json:"integration_code"`
	IsDefault          *bool   `json:"is_default,omitempty"`
	LagoID             string  `json:"lago_id"`
	SubsidiaryID       *string `json:"subsidiary_id,omitempty"`
	SyncWithProvider   *bool   `json:"sync_with_provider,omitempty"`
	TargetedObject     *string `json:"targeted_object,omitempty"`
	Type               string  `json:"type"`
}

type baseInvoiceCustomSection struct {
	AppliedToOrganization *bool      `json:"applied_to_organization,omitempty"`
	Code                  string     `json:"code"`
	CreatedAt             *time.Time `json:"created_at,omitempty"`
	Description           *string    `json:"description,omitempty"`
	Details               *string    `json:"details,omitempty"`
	DisplayName           *string    `json:"display_name,omitempty"`
	LagoID                string     `json:"lago_id"`
	Name                  string     `json:"name"`
	OrganizationID        *string    `json:"organization_id,omitempty"`
}

type baseTax struct {
	AddOnsCount                   *int64    `json:"add_ons_count,omitempty"`
	AppliedToBillingEntitiesCodes []string  `json:"applied_to_billing_entities_codes"`
	AppliedToOrganization         bool      `json:"applied_to_organization"`
	ChargesCount                  *int64    `json:"charges_count,omitempty"`
	Code                          string    `json:"code"`
	CommitmentsCount              *int64    `json:"commitments_count,omitempty"`
	CreatedAt                     time.Time `json:"created_at"`
	CustomersCount                *int64    `json:"customers_count,omitempty"`
	Description                   *string   `json:"description"`
	LagoID                        string    `json:"lago_id"`
	Name                          string    `json:"name"`
	PlansCount                    *int64    `json:"plans_count,omitempty"`
	Rate                          float64   `json:"rate"`
}

type baseCustomerUsageEnvelope struct {
	CustomerUsage baseCustomerUsage `json:"customer_usage"`
}

type baseCustomerUsage struct {
	AmountCents      int64             `json:"amount_cents"`
	ChargesUsage     []baseChargeUsage `json:"charges_usage"`
	Currency         string            `json:"currency"`
	FromDatetime     time.Time         `json:"from_datetime"`
	IssuingDate      baseDate          `json:"issuing_date"`
	LagoInvoiceID    *string           `json:"lago_invoice_id"`
	TaxesAmountCents int64             `json:"taxes_amount_cents"`
	ToDatetime       time.Time         `json:"to_datetime"`
	TotalAmountCents int64             `json:"total_amount_cents"`
}

type baseChargeUsage struct {
	AmountCents            int64                       `json:"amount_cents"`
	AmountCurrency         string                      `json:"amount_currency"`
	BillableMetric         baseUsageBillableMetric     `json:"billable_metric"`
	Charge                 baseUsageCharge             `json:"charge"`
	EventsCount            int64                       `json:"events_count"`
	Filters                []baseChargeFilterUsage     `json:"filters"`
	GroupedUsage           []baseGroupedUsage          `json:"grouped_usage"`
	PresentationBreakdowns []basePresentationBreakdown `json:"presentation_breakdowns"`
	PricingUnitDetails     *basePricingUnitDetails     `json:"pricing_unit_details"`
	TotalAggregatedUnits   string                      `json:"total_aggregated_units"`
	Units                  string                      `json:"units"`
}

type baseChargeFilterUsage struct {
	AmountCents            int64                       `json:"amount_cents"`
	EventsCount            int64                       `json:"events_count"`
	InvoiceDisplayName     *string                     `json:"invoice_display_name"`
	PresentationBreakdowns []basePresentationBreakdown `json:"presentation_breakdowns,omitempty,omitzero"`
	PricingUnitDetails     *basePricingUnitDetails     `json:"pricing_unit_details,omitempty"`
	TotalAggregatedUnits   string                      `json:"total_aggregated_units"`
	Units                  string                      `json:"units"`
	Values                 map[string][]string         `json:"values"`
}

type baseGroupedUsage struct {
	AmountCents            int64                       `json:"amount_cents"`
	EventsCount            int64                       `json:"events_count"`
	Filters                []baseChargeFilterUsage     `json:"filters,omitempty,omitzero"`
	GroupedBy              map[string]any              `json:"grouped_by"`
	PresentationBreakdowns []basePresentationBreakdown `json:"presentation_breakdowns,omitempty,omitzero"`
	PricingUnitDetails     *basePricingUnitDetails     `json:"pricing_unit_details,omitempty"`
	TotalAggregatedUnits   string                      `json:"total_aggregated_units"`
	Units                  string                      `json:"units"`
}

type basePresentationBreakdown struct {
	PresentationBy map[string]any `json:"presentation_by"`
	Units          string         `json:"units"`
}

type basePricingUnitDetails struct {
	AmountCents          int64        `json:"amount_cents"`
	ConversionRate       string       `json:"conversion_rate"`
	ProjectedAmountCents *json.Number `json:"projected_amount_cents,omitempty"`
	ShortName            string       `json:"short_name"`
}

type baseUsageBillableMetric struct {
	AggregationType string `json:"aggregation_type"`
	Code            string `json:"code"`
	LagoID          string `json:"lago_id"`
	Name            string `json:"name"`
}

type baseUsageCharge struct {
	ChargeModel        string  `json:"charge_model"`
	Code               *string `json:"code,omitempty"`
	InvoiceDisplayName *string `json:"invoice_display_name"`
	LagoID             string  `json:"lago_id"`
}

// baseDate is a calendar date sent as "2006-01-02", what a hand-written
// client declares where the generated one uses lago.Date.
type baseDate struct {
	time.Time
}

func (d *baseDate) UnmarshalJSON(b []byte) error {
	t, err := time.Parse(`"2006-01-02"`, string(b))
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

func (d baseDate) MarshalJSON() ([]byte, error) {
	return d.AppendFormat(nil, `"2006-01-02"`), nil
}

// The request body. Absent fields are nil pointers left out by omitempty,
// which is how a hand-written client says "absent"; the benchmark input
// sets no field to null, so both sides send the same bytes.

type baseCustomerCreateInput struct {
	Customer baseCustomerInput `json:"customer"`
}

type baseCustomerInput struct {
	AccountType               *string                        `json:"account_type,omitempty"`
	AddressLine1              *string                        `json:"address_line1,omitempty"`
	AddressLine2              *string                        `json:"address_line2,omitempty"`
	BillingConfiguration      *baseBillingConfigurationInput `json:"billing_configuration,omitempty"`
	BillingEntityCode         *string                        `json:"billing_entity_code,omitempty"`
	City                      *string                        `json:"city,omitempty"`
	Country                   *string                        `json:"country,omitempty"`
	Currency                  *string                        `json:"currency,omitempty"`
	CustomerType              *string                        `json:"customer_type,omitempty"`
	Email                     *string                        `json:"email,omitempty"`
	ExternalID                string                         `json:"external_id"`
	ExternalSalesforceID      *string                        `json:"external_salesforce_id,omitempty"`
	FinalizeZeroAmountInvoice *string                        `json:"finalize_zero_amount_invoice,omitempty"`
	Firstname                 *string                        `json:"firstname,omitempty"`
	IntegrationCustomers      []baseIntegrationCustomerInput `json:"integration_customers,omitempty"`
	InvoiceCustomSectionCodes []string                       `json:"invoice_custom_section_codes,omitempty"`
	Lastname                  *string                        `json:"lastname,omitempty"`
	LegalName                 *string                        `json:"legal_name,omitempty"`
	LegalNumber               *string                        `json:"legal_number,omitempty"`
	LogoURL                   *string                        `json:"logo_url,omitempty"`
	Metadata                  []baseCustomerMetadataInput    `json:"metadata,omitempty"`
	Name                      *string                        `json:"name,omitempty"`
	NetPaymentTerm            *int64                         `json:"net_payment_term,omitempty"`
	Phone                     *string                        `json:"phone,omitempty"`
	ShippingAddress           *baseAddressInput              `json:"shipping_address,omitempty"`
	SkipInvoiceCustomSections *bool                          `json:"skip_invoice_custom_sections,omitempty"`
	State                     *string                        `json:"state,omitempty"`
	TaxCodes                  []string                       `json:"tax_codes,omitempty"`
	TaxIdentificationNumber   *string                        `json:"tax_identification_number,omitempty"`
	Timezone                  *string                        `json:"timezone,omitempty"`
	URL                       *string                        `json:"url,omitempty"`
	Zipcode                   *string                        `json:"zipcode,omitempty"`
}

type baseBillingConfigurationInput struct {
	DocumentLocale                           *string  `json:"document_locale,omitempty"`
	InvoiceGracePeriod                       *int64   `json:"invoice_grace_period,omitempty"`
	PaymentProvider                          *string  `json:"payment_provider,omitempty"`
	PaymentProviderCode                      *string  `json:"payment_provider_code,omitempty"`
	ProviderCustomerID                       *string  `json:"provider_customer_id,omitempty"`
	ProviderPaymentMethods                   []string `json:"provider_payment_methods,omitempty"`
	SubscriptionInvoiceIssuingDateAdjustment *string  `json:"subscription_invoice_issuing_date_adjustment,omitempty"`
	SubscriptionInvoiceIssuingDateAnchor     *string  `json:"subscription_invoice_issuing_date_anchor,omitempty"`
	Sync                                     *bool    `json:"sync,omitempty"`
	SyncWithProvider                         *bool    `json:"sync_with_provider,omitempty"`
}

type baseCustomerMetadataInput struct {
	DisplayInInvoice *bool   `json:"display_in_invoice,omitempty"`
	ID               *string `json:"id,omitempty"`
	Key              string  `json:"key"`
	Value            string  `json:"value"`
}

type baseAddressInput struct {
	AddressLine1 *string `json:"address_line1,omitempty"`
	AddressLine2 *string `json:"address_line2,omitempty"`
	City         *string `json:"city,omitempty"`
	Country      *string `json:"country,omitempty"`
	State        *string `json:"state,omitempty"`
	Zipcode      *string `json:"zipcode,omitempty"`
}

type baseIntegrationCustomerInput struct {
	Code               *string `json:"code,omitempty"`
	ExternalCustomerID *string `json:"external_customer_id,omitempty"`
	ID                 *string `json:"id,omitempty"`
	IntegrationCode    *string `json:"integration_code,omitempty"`
	IntegrationType    *string `json:"integration_type,omitempty"`
	SubsidiaryID       *string `json:"subsidiary_id,omitempty"`
	SyncWithProvider   *bool   `json:"sync_with_provider,omitempty"`
	TargetedObject     *string `json:"targeted_object,omitempty"`
}
