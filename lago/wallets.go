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
	opCreateWallet    = newOperation(gen.OpCreateCustomerWallet)
	opGetWallet       = newOperation(gen.OpFindCustomerWallet)
	opUpdateWallet    = newOperation(gen.OpUpdateCustomerWallet)
	opTerminateWallet = newOperation(gen.OpDestroyCustomerWallet)
)

// CreateWallet creates a prepaid credit wallet for the customer. Only
// in.RateAmount is required; without in.Currency the wallet takes the
// customer's currency (and a customer without one takes the wallet's).
// Without in.Code, Lago derives a code from in.Name, or "default".
//
// The initial top-up (in.PaidCredits, in.GrantedCredits) is credited in
// the background after Lago answers, so the wallet returned shows zero
// credits: read it again with GetWallet to see the balance. A customer has
// at most 6 active wallets; a seventh is an ErrValidation error
// (customer: wallet_limit_reached), as is a code an active wallet already
// has (code: value_already_exist).
//
// Creation is not an upsert, so the Client sends it again only when the
// first attempt surely did not reach Lago (a refused connection, a 429 or
// 503): after a lost response or a gateway's 502 or 504 it returns the error,
// and the wallet may or may not exist. Set in.Code so that a create you
// repeat yourself is refused with value_already_exist rather than making a
// second wallet, and look the wallet up with GetWallet.
func (c *Client) CreateWallet(ctx context.Context, externalCustomerID string, in WalletInput) (*Wallet, error) {
	send := sendJSON(&gen.WalletInputEnvelope{Wallet: in}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.CreateCustomerWalletWithBody(ctx, externalCustomerID, contentType, body)
	})
	return walletOf(call[gen.WalletEnvelope](ctx, c, opCreateWallet, send, externalCustomerID))
}

// GetWallet returns the customer's wallet with this code.
//
// Codes are unique only among active wallets: after a wallet is terminated
// a new one may take its code, and Lago may then answer either wallet here
// (as it may for UpdateWallet and TerminateWallet), while the metadata and
// alert methods pick the active one. Check Status, or do not reuse codes.
func (c *Client) GetWallet(ctx context.Context, externalCustomerID, code string) (*Wallet, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.FindCustomerWallet(ctx, externalCustomerID, code)
	}
	return walletOf(call[gen.WalletEnvelope](ctx, c, opGetWallet, send, externalCustomerID, code))
}

// UpdateWallet changes the wallet with this code: fields of in left absent
// keep their value and fields set to Null are cleared, with three
// exceptions Lago makes.
//
//   - AppliesTo.BillableMetricCodes replaces the whole set, and an update
//     that does not send it (AppliesTo absent included) REMOVES every
//     billable-metric restriction of the wallet. Resend the codes on every
//     update, or use UpdateWalletKeepingRestrictions, which does.
//   - RecurringTransactionRules replaces every rule: active rules not in
//     the list are terminated. Lago ignores it without a premium licence.
//   - Code, Priority and InvoiceRequiresSuccessfulPayment set to Null are
//     ignored rather than cleared.
//
// A terminated wallet is an ErrValidation error (wallet_id:
// wallet_is_terminated). The code may resolve to a terminated wallet when
// it was reused; see GetWallet.
func (c *Client) UpdateWallet(ctx context.Context, externalCustomerID, code string, in WalletUpdateInput) (*Wallet, error) {
	send := sendJSON(&gen.WalletUpdateInputEnvelope{Wallet: in}, func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error) {
		return g.UpdateCustomerWalletWithBody(ctx, externalCustomerID, code, contentType, body)
	})
	return walletOf(call[gen.WalletEnvelope](ctx, c, opUpdateWallet, send, externalCustomerID, code))
}

// UpdateWalletKeepingRestrictions is UpdateWallet for callers who do not
// mean to change the wallet's billable-metric restriction: when
// in.AppliesTo leaves BillableMetricCodes absent, it first reads the
// wallet with GetWallet and sends its current codes (and, when
// in.AppliesTo is absent, its current fee types) with the update, so that
// Lago keeps them. A BillableMetricCodes set in in is sent as it is.
//
// It makes two requests, so a change to the restriction made by someone
// else between them is overwritten. It refuses to update a wallet that
// GetWallet answers as terminated, which a reused code can cause.
func (c *Client) UpdateWalletKeepingRestrictions(ctx context.Context, externalCustomerID, code string, in WalletUpdateInput) (*Wallet, error) {
	applies, _ := in.AppliesTo.Get()
	if !applies.BillableMetricCodes.IsSet() {
		current, err := c.GetWallet(ctx, externalCustomerID, code)
		if err != nil {
			return nil, err
		}
		if current.Status == WalletStatusTerminated {
			return nil, fmt.Errorf("lago: %s: %w: the wallet found under this code is terminated", opUpdateWallet, ErrInvalidArgument)
		}
		if !in.AppliesTo.IsSet() {
			applies.FeeTypes = Value(nonNil(current.AppliesTo.FeeTypes))
		}
		applies.BillableMetricCodes = Value(nonNil(current.AppliesTo.BillableMetricCodes))
		in.AppliesTo = Value(applies)
	}
	return c.UpdateWallet(ctx, externalCustomerID, code, in)
}

// nonNil makes an empty list be sent as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// TerminateWallet terminates the wallet with this code and returns it.
// Nothing is deleted and the remaining credits are neither voided nor
// refunded; its recurring top-up rules end with it. Terminating a
// terminated wallet returns it unchanged, so a retry is safe. The code may
// resolve to an already terminated wallet when it was reused, leaving the
// active one running: check the returned wallet's LagoID (see GetWallet).
func (c *Client) TerminateWallet(ctx context.Context, externalCustomerID, code string) (*Wallet, error) {
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		return g.DestroyCustomerWallet(ctx, externalCustomerID, code)
	}
	return walletOf(call[gen.WalletEnvelope](ctx, c, opTerminateWallet, send, externalCustomerID, code))
}

func walletOf(env *gen.WalletEnvelope, err error) (*Wallet, error) {
	if err != nil {
		return nil, err
	}
	return &env.Wallet, nil
}

// ListWalletsOptions filters and pages ListWallets and AllWallets. The zero
// value of a field sends nothing for it.
type ListWalletsOptions struct {
	// Page is the page to fetch, from 1; 0 lets Lago start at the first.
	Page int
	// PerPage is the page size; 0 lets Lago use its default of 100.
	PerPage int
	// BillingEntityCodes keeps wallets of these billing entities (the
	// wallet's own, else the customer's). An unknown code is an error
	// matching ErrNotFound.
	BillingEntityCodes []string
	// Currency keeps wallets in exactly this currency.
	Currency string
}

var walletList = newList(gen.OpFindAllCustomerWallets, func(p *gen.FindAllCustomerWalletsParams) **int64 { return &p.Page })

func (o *ListWalletsOptions) params() (*gen.FindAllCustomerWalletsParams, error) {
	if o == nil {
		return &gen.FindAllCustomerWalletsParams{}, nil
	}
	p := &gen.FindAllCustomerWalletsParams{BillingEntityCodes: o.BillingEntityCodes, Currency: optionalString(o.Currency)}
	return p, pageParams(o.Page, o.PerPage, &p.Page, &p.PerPage)
}

// ListWallets returns one page of the customer's wallets, newest first,
// terminated ones included. A nil opts lists the first page with no filter.
func (c *Client) ListWallets(ctx context.Context, externalCustomerID string, opts *ListWalletsOptions) (*WalletPage, error) {
	return listPage[WalletPage](ctx, c, walletList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerWalletsParams) (*http.Response, error) {
		return g.FindAllCustomerWallets(ctx, externalCustomerID, p)
	}, externalCustomerID)
}

// AllWallets iterates over every wallet that opts selects, terminated ones
// included, as AllCustomers does over customers, starting at opts.Page. It
// ends at the first page without wallets, whatever meta.next_page says,
// and goes on after a page shorter than PerPage, for the reasons
// AllCustomers gives. Each range starts over from opts.Page; ranges share
// no state, and opts is never changed.
func (c *Client) AllWallets(ctx context.Context, externalCustomerID string, opts *ListWalletsOptions) iter.Seq2[*Wallet, error] {
	return listAll[Wallet](ctx, c, walletList, opts, func(ctx context.Context, g *gen.Client, p *gen.FindAllCustomerWalletsParams) (*http.Response, error) {
		return g.FindAllCustomerWallets(ctx, externalCustomerID, p)
	}, externalCustomerID)
}
