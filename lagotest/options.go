package lagotest

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/lago"
)

// DefaultBasePath is where the API lives on the server unless WithBasePath
// says otherwise; it is Lago's own.
const DefaultBasePath = "/api/v1"

// DefaultBillingEntityCode is the code of the billing entity every server
// has unless WithBillingEntities replaces it. Lago attaches customers to
// the default billing entity when the request names none.
const DefaultBillingEntityCode = "default"

// DefaultFrontURL is the root of the portal links GetPortalURL answers
// unless WithFrontURL says otherwise. Its host is under .invalid, a name
// reserved never to resolve (RFC 2606), so that a link from the fake
// server is never mistaken for, or followed to, a real Lago front end;
// Lago Cloud's own is https://app.getlago.com.
const DefaultFrontURL = "https://app.lagotest.invalid"

// DefaultRequestLog is how many requests Requests keeps unless
// WithRequestLog says otherwise: the most recent ones. A request takes
// about a kilobyte, its body and headers included.
const DefaultRequestLog = 10_000

// Option configures a Server; see NewServer.
type Option func(*config)

type config struct {
	apiKey          string
	basePath        string
	frontURL        string
	clock           func() time.Time
	projectedUsage  bool
	revenueShare    bool
	billingEntities []string
	taxes           []lago.Tax
	sections        []lago.InvoiceCustomSection
	requestLog      int
}

func defaultConfig() config {
	return config{
		basePath:        DefaultBasePath,
		frontURL:        DefaultFrontURL,
		clock:           time.Now,
		projectedUsage:  true,
		revenueShare:    true,
		billingEntities: []string{DefaultBillingEntityCode},
		requestLog:      DefaultRequestLog,
	}
}

// WithAPIKey makes the server accept key instead of a random one, for code
// under test that reads its key from fixed configuration. An empty key
// keeps the random one.
func WithAPIKey(key string) Option {
	return func(c *config) { c.apiKey = key }
}

// WithBasePath mounts the API under path instead of DefaultBasePath, to
// check that code under test keeps the path of a self-hosted Lago's URL.
// A trailing slash is ignored; "" mounts the API at the root.
func WithBasePath(path string) Option {
	return func(c *config) { c.basePath = path }
}

// WithClock sets where created_at, updated_at, usage periods and the
// overdue check of invoices take the time from, so tests can pin or
// advance it. The server reads it in UTC
// and drops fractions of a second, as Lago does.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.clock = now }
}

// WithProjectedUsage turns the projected usage feature on or off. It is on
// by default; off, the server answers projected usage 403
// projected_usage_not_enabled like an organization without the feature.
func WithProjectedUsage(enabled bool) Option {
	return func(c *config) { c.projectedUsage = enabled }
}

// WithRevenueShare turns revenue sharing on or off. It is on by default so
// that account_type can be set to partner; off, the server ignores
// account_type like an organization without the feature.
func WithRevenueShare(enabled bool) Option {
	return func(c *config) { c.revenueShare = enabled }
}

// WithBillingEntities replaces the organization's billing entities by
// these codes; the first one is the default. Without it the server has one
// entity, DefaultBillingEntityCode. Requests naming another code are
// answered 404 billing_entity_not_found.
func WithBillingEntities(codes ...string) Option {
	return func(c *config) { c.billingEntities = append([]string(nil), codes...) }
}

// WithTaxes defines the taxes that customers' tax_codes may name; a code
// not defined here is answered 404 tax_not_found. Only Code, Name and Rate
// need to be set: an empty LagoID is generated, a zero CreatedAt is the
// server's start, and the counters are sent as 0. AppliedToBillingEntitiesCodes
// is sent sorted, and empty when nil.
func WithTaxes(taxes ...lago.Tax) Option {
	return func(c *config) { c.taxes = append(c.taxes, taxes...) }
}

// WithInvoiceCustomSections defines the invoice custom sections that
// customers' invoice_custom_section_codes may select. Only Code and Name
// need to be set: an empty LagoID is generated.
func WithInvoiceCustomSections(sections ...lago.InvoiceCustomSection) Option {
	return func(c *config) { c.sections = append(c.sections, sections...) }
}

// WithFrontURL sets the root of the portal links, for a self-hosted Lago
// whose front end is elsewhere than DefaultFrontURL.
func WithFrontURL(root string) Option {
	return func(c *config) { c.frontURL = root }
}

// WithRequestLog sets how many requests the server keeps for Requests,
// which then returns the n most recent; 0 keeps none. The server's memory
// grows with it, not with the number of requests it serves.
func WithRequestLog(n int) Option {
	return func(c *config) { c.requestLog = n }
}

// check refuses options that would make every request fail in a confusing
// way later.
func (c *config) check() error {
	switch {
	case c.basePath != "" && (!strings.HasPrefix(c.basePath, "/") || strings.ContainsAny(c.basePath, "?#")):
		return fmt.Errorf("WithBasePath(%q): want an absolute path such as %q", c.basePath, DefaultBasePath)
	case c.clock == nil:
		return errors.New("WithClock(nil)")
	case len(c.billingEntities) == 0:
		return errors.New("WithBillingEntities(): at least one billing entity is needed")
	case c.requestLog < 0:
		return fmt.Errorf("WithRequestLog(%d): want 0 or more", c.requestLog)
	case strings.ContainsAny(c.apiKey, " \t\r\n"):
		return errors.New("WithAPIKey: the key must not contain spaces")
	}
	if u, err := url.Parse(c.frontURL); err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("WithFrontURL(%q): want an absolute URL", c.frontURL)
	}
	seen := map[string]bool{}
	for _, code := range c.billingEntities {
		if code == "" || seen["entity "+code] {
			return fmt.Errorf("WithBillingEntities: code %q is empty or repeated", code)
		}
		seen["entity "+code] = true
	}
	for _, t := range c.taxes {
		if t.Code == "" || seen["tax "+t.Code] {
			return fmt.Errorf("WithTaxes: code %q is empty or repeated", t.Code)
		}
		seen["tax "+t.Code] = true
	}
	for _, sec := range c.sections {
		if sec.Code == "" || seen["section "+sec.Code] {
			return fmt.Errorf("WithInvoiceCustomSections: code %q is empty or repeated", sec.Code)
		}
		seen["section "+sec.Code] = true
	}
	return nil
}
