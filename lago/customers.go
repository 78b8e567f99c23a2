package lago

import (
	"context"
	"fmt"
	"io"
	"iter"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

var (
	opCreateCustomer      = newOperation(gen.OpCreateCustomer)
	customersList         = newList(gen.OpFindAllCustomers, func(p *gen.FindAllCustomersParams) **int64 { return &p.Page })
	opGetCustomer         = newOperation(gen.OpFindCustomer)
	opDeleteCustomer      = newOperation(gen.OpDestroyCustomer)
	opGenerateCheckoutURL = newOperation(gen.OpGenerateCustomerCheckoutURL)
	opGetPortalURL        = newOperation(gen.OpGetCustomerPortalURL)
)

// CreateCustomer creates the customer with in.ExternalID, or updates it if
// it exists: Lago's POST /customers is an upsert and answers 200 either way,
// which also makes it safe to retry. On update, fields left absent in in
// keep their value and fields set to Null are cleared; Metadata and TaxCodes,
// when set, replace the whole set.
func (c *Client) CreateCustomer(ctx context.Context, in CustomerInput) (*Customer, error) {
	if in.ExternalID == "" {
		return nil, fmt.Errorf("lago: %s: %w: external_id must not be empty", opCreateCustomer, ErrInvalidArgument)
	}
	send := sendJSON(&gen.CustomerCreateInput{Customer: in}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.CreateCustomerWithBody(ctx, contentType, body)
	})
	env, err := call[gen.CustomerEnvelope](ctx, c, opCreateCustomer, send)
	if err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

// GetCustomer returns the customer whose external_id is externalID. An
// unknown or deleted customer is an error matching ErrNotFound.
func (c *Client) GetCustomer(ctx context.Context, externalID string) (*Customer, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.FindCustomer(ctx, externalID)
	}
	env, err := call[gen.CustomerEnvelope](ctx, c, opGetCustomer, send, externalID)
	if err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

// DeleteCustomer deletes the customer whose external_id is externalID and
// returns it as it was. Lago ends the customer's subscriptions in the
// background, and the external_id can be used for a new customer at once.
// A retried delete whose first attempt reached Lago answers ErrNotFound.
func (c *Client) DeleteCustomer(ctx context.Context, externalID string) (*Customer, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DestroyCustomer(ctx, externalID)
	}
	env, err := call[gen.CustomerEnvelope](ctx, c, opDeleteCustomer, send, externalID)
	if err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

// ListCustomersOptions filters and pages ListCustomers and AllCustomers. The
// zero value of a field sends nothing for it.
type ListCustomersOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// AccountTypes keeps customers of these account types.
	AccountTypes []AccountType
	// BillingEntityCodes keeps customers of these billing entities. An
	// unknown code is an error matching ErrNotFound.
	BillingEntityCodes []string
	// SearchTerm keeps customers whose name, firstname, lastname,
	// legal_name, external_id or email contains it, ignoring case.
	SearchTerm string
	// Countries keeps customers in these ISO 3166-1 alpha-2 countries.
	Countries []string
	// States keeps customers whose state is exactly one of these.
	States []string
	// Zipcodes keeps customers whose zipcode is exactly one of these.
	Zipcodes []string
	// Currencies keeps customers billed in these ISO 4217 currencies.
	Currencies []string
	// HasTaxIdentificationNumber keeps customers that have (true) or lack
	// (false) a tax identification number.
	HasTaxIdentificationNumber *bool
	// CustomerType keeps customers of this type.
	CustomerType CustomerType
	// HasCustomerType keeps customers whose customer_type is set (true) or
	// null (false).
	HasCustomerType *bool
	// Metadata keeps customers having every key with its value; an empty
	// value keeps customers that lack the key. Keys must not contain
	// brackets.
	Metadata map[string]string
	// ExternalID keeps the customer with exactly this external_id.
	ExternalID string
}

// params builds the generated parameters; they are never nil, so that
// an iterator can take the address of their page before it reports err.
func (o *ListCustomersOptions) params() (*gen.FindAllCustomersParams, error) {
	p := &gen.FindAllCustomersParams{}
	if o == nil {
		return p, nil
	}
	if err := pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage); err != nil {
		return p, err
	}
	for k := range o.Metadata {
		if err := checkMetadataKey(k); err != nil {
			return p, err
		}
	}
	p.AccountType = o.AccountTypes
	p.BillingEntityCodes = o.BillingEntityCodes
	p.SearchTerm = optionalString(o.SearchTerm)
	p.Countries = o.Countries
	p.States = o.States
	p.Zipcodes = o.Zipcodes
	p.Currencies = o.Currencies
	p.HasTaxIdentificationNumber = o.HasTaxIdentificationNumber
	p.CustomerType = optionalString(o.CustomerType)
	p.HasCustomerType = o.HasCustomerType
	p.Metadata = o.Metadata
	p.ExternalID = optionalString(o.ExternalID)
	return p, nil
}

// ListCustomers returns one page of customers, newest first. A nil opts
// lists the first page with no filter.
func (c *Client) ListCustomers(ctx context.Context, opts *ListCustomersOptions) (*CustomerPage, error) {
	return listPage[CustomerPage](ctx, c, customersList, opts, sendCustomerList)
}

// AllCustomers iterates over every customer that opts selects, fetching
// page after page as the loop goes on. Memory holds one decoded page at a
// time, and each page is decoded customer by customer as it arrives,
// without keeping its raw JSON. It starts at opts.Page (the first page when
// 0) and follows meta.next_page. On the first error it yields (nil, err)
// and stops. A yielded customer stays valid after the loop moves on.
//
// The walk ends at the first page without customers, whatever next_page
// says, since Lago's count behind meta can be larger than the list (see
// ListInvoices). A page shorter than PerPage does not end it: Lago sets no
// maximum on per_page today, but a server or proxy that capped it would
// send short pages before the last, and stopping at one would drop the
// rest without a word; going on costs at most one request, for an empty
// page.
//
// The options are never changed; their fields are read when AllCustomers
// is called.
// The iterator can be ranged again, each range starting over from that
// opts.Page, and by several goroutines at once: ranges share no state.
//
//	for customer, err := range client.AllCustomers(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(customer.ExternalID)
//	}
func (c *Client) AllCustomers(ctx context.Context, opts *ListCustomersOptions) iter.Seq2[*Customer, error] {
	return listAll[Customer](ctx, c, customersList, opts, sendCustomerList)
}

// sendCustomerList sends the customer list's request; it has no path
// parameter to bind.
func sendCustomerList(ctx context.Context, g *gen.Client, p *gen.FindAllCustomersParams) (*http.Response, error) {
	return g.FindAllCustomers(ctx, p)
}

// GenerateCheckoutURL asks the customer's payment provider for a new link
// where the customer sets up a payment method. A customer without a
// payment provider is an error matching ErrValidation, with Details
// {"base": ["no_linked_payment_provider"]}.
func (c *Client) GenerateCheckoutURL(ctx context.Context, externalCustomerID string) (*CheckoutURL, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.GenerateCustomerCheckoutURL(ctx, externalCustomerID)
	}
	env, err := call[gen.CheckoutURLEnvelope](ctx, c, opGenerateCheckoutURL, send, externalCustomerID)
	if err != nil {
		return nil, err
	}
	return &env.Customer, nil
}

// GetPortalURL returns a signed link to the customer's hosted portal. The
// link expires after 12 hours: fetch one when it is needed rather than
// storing it.
func (c *Client) GetPortalURL(ctx context.Context, externalCustomerID string) (string, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.GetCustomerPortalURL(ctx, externalCustomerID)
	}
	env, err := call[gen.PortalURLEnvelope](ctx, c, opGetPortalURL, send, externalCustomerID)
	if err != nil {
		return "", err
	}
	return env.Customer.PortalURL, nil
}
