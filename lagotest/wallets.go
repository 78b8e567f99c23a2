package lagotest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/specval"
)

// Lago's limits on wallets.
const (
	maxActiveWallets       = 6
	defaultWalletPriority  = 50
	maxPurchaseOrderNumber = 255
	maxTransactionMetadata = 5
	maxTransactionKey      = 20
	maxTransactionValue    = 100
)

// Lago's codes for wallet errors.
const (
	codeWalletNotFound   = "wallet_not_found"
	codeMetadataNotFound = "metadata_not_found"
	codeAlertNotFound    = "alert_not_found"
)

// walletData is what the store keeps for wallets beside the customers.
type walletData struct {
	// metrics are the billable metric codes a wallet may be restricted
	// to; see AddBillableMetrics.
	metrics map[string]bool
	// orgID is the organization's lago_id, which alerts carry.
	orgID string
}

// wallet is one wallet with what Lago keeps beside what it answers.
type wallet struct {
	gen.Wallet
	rate     *big.Rat
	credits  *big.Rat
	consumed *big.Rat
	// pending are the credits of the initial top-up, which Lago adds in the
	// background; SettleWalletTopUps adds them.
	pending *big.Rat
	// unpaid are the paid credits of the initial top-up of a wallet whose
	// invoice requires a successful payment: they wait for PayWalletTopUps.
	unpaid *big.Rat
	// ownEntity is set when the wallet has a billing entity of its own.
	ownEntity bool
	alerts    []*walletAlert
}

// allFeeTypes are the fee types Lago accepts in applies_to, more than the
// published enum.
var allFeeTypes = []gen.WalletFeeType{
	gen.WalletFeeTypeCharge, gen.WalletFeeTypeAddOn, gen.WalletFeeTypeSubscription, gen.WalletFeeTypeCredit,
	gen.WalletFeeTypeCommitment, gen.WalletFeeTypeFixedCharge, gen.WalletFeeTypeProduct,
}

// walletView is a wallet as Lago answers it: terminated_at with
// milliseconds (Lago sends it unformatted), and metadata left out when the
// wallet has none but sent when it is empty.
type walletView struct {
	gen.Wallet
	TerminatedAt *string             `json:"terminated_at"`
	Metadata     *gen.WalletMetadata `json:"metadata,omitempty"`
}

type walletEnvelope struct {
	Wallet walletView `json:"wallet"`
}

type walletPage struct {
	Wallets []walletView       `json:"wallets"`
	Meta    gen.PaginationMeta `json:"meta"`
}

// millis is how Rails writes a raw timestamp.
const millis = "2006-01-02T15:04:05.000Z07:00"

func (w *wallet) view() walletView {
	v := walletView{Wallet: w.api()}
	v.Wallet.Metadata, v.Wallet.TerminatedAt = nil, nil
	if w.TerminatedAt != nil {
		s := w.TerminatedAt.UTC().Format(millis)
		v.TerminatedAt = &s
	}
	if w.Metadata != nil {
		md := w.api().Metadata
		v.Metadata = &md
	}
	return v
}

// api is the wallet as the lago package decodes it, deep enough a copy
// for a helper to return.
func (w *wallet) api() gen.Wallet {
	out := w.Wallet
	out.CreditsBalance = decimalString(w.credits)
	out.CreditsOngoingBalance = out.CreditsBalance
	out.CreditsOngoingUsageBalance = "0.0"
	out.ConsumedCredits = decimalString(w.consumed)
	out.BalanceCents = cents(new(big.Rat).Mul(w.credits, w.rate))
	out.OngoingBalanceCents = out.BalanceCents
	out.OngoingUsageBalanceCents = 0
	out.RecurringTransactionRules = slices.Clone(w.RecurringTransactionRules)
	out.AppliedInvoiceCustomSections = slices.Clone(w.AppliedInvoiceCustomSections)
	out.AppliesTo.FeeTypes = slices.Clone(w.AppliesTo.FeeTypes)
	out.AppliesTo.BillableMetricCodes = slices.Clone(w.AppliesTo.BillableMetricCodes)
	if w.Metadata != nil {
		out.Metadata = gen.WalletMetadata{}
		for k, v := range w.Metadata {
			out.Metadata[k] = v
		}
	}
	return out
}

func (w *wallet) active() bool { return w.Status == gen.WalletStatusActive }

// walletByCode is the wallet GET, PUT and DELETE /wallets/{code} find:
// Lago looks the code up without ordering or status, which in practice
// finds the oldest wallet with it, terminated or not.
func (c *customer) walletByCode(code string) (*wallet, bool) {
	for _, w := range c.wallets {
		if w.Code != nil && *w.Code == code {
			return w, true
		}
	}
	return nil, false
}

// activeWalletByCode is the wallet the metadata and alert routes find:
// the active one with the code first.
func (c *customer) activeWalletByCode(code string) (*wallet, bool) {
	for _, w := range c.wallets {
		if w.active() && w.Code != nil && *w.Code == code {
			return w, true
		}
	}
	return c.walletByCode(code)
}

func (c *customer) activeWallets() int {
	n := 0
	for _, w := range c.wallets {
		if w.active() {
			n++
		}
	}
	return n
}

// codeTaken reports whether an active wallet other than self has code.
func (c *customer) codeTaken(code string, self *wallet) bool {
	return slices.ContainsFunc(c.wallets, func(w *wallet) bool {
		return w != self && w.active() && w.Code != nil && *w.Code == code
	})
}

var nonAlphanumeric = regexp.MustCompile(`[^a-z0-9]+`)

// walletCode is the code Lago gives a wallet created without one: its
// name in lower case with "_" for everything else, or "default", with a
// timestamp suffix when an active wallet has that code already.
func (c *customer) walletCode(name string, now time.Time) string {
	code := nonAlphanumeric.ReplaceAllString(strings.ToLower(name), "_")
	if strings.Trim(code, "_") == "" {
		code = "default"
	}
	if c.codeTaken(code, nil) {
		code = fmt.Sprintf("%s_%d", code, now.Unix())
	}
	return code
}

// pathWallet finds the customer of the path and its wallet with the code
// of the path, as GET, PUT and DELETE /wallets/{code} do, or the 404 to
// answer.
func (s *Server) pathWallet(c *call) (*customer, *wallet, response, bool) {
	cust, ok := s.store.customer(c.customerID())
	if !ok {
		return nil, nil, notFound(codeCustomerNotFound), false
	}
	w, ok := cust.walletByCode(c.path["code"])
	if !ok {
		return nil, nil, notFound(codeWalletNotFound), false
	}
	return cust, w, response{}, true
}

func (s *Server) getWallet(c *call) response {
	_, w, rep, ok := s.pathWallet(c)
	if !ok {
		return rep
	}
	return okResponse(walletEnvelope{w.view()})
}

func terminatedWallet() response {
	return validationFailed(fieldErrors{"wallet_id": {"wallet_is_terminated"}})
}

// terminateWallet ends the wallet and its rules, keeping its credits; a
// terminated wallet is answered as it is.
func (s *Server) terminateWallet(c *call) response {
	_, w, rep, ok := s.pathWallet(c)
	if !ok {
		return rep
	}
	s.terminate(w)
	return okResponse(walletEnvelope{w.view()})
}

// terminate ends an active wallet and its rules, keeping its credits, and
// sends wallet.terminated; a terminated wallet is left as it is.
func (s *Server) terminate(w *wallet) {
	if !w.active() {
		return
	}
	// Lago stores and sends this one with milliseconds.
	at := s.cfg.clock().UTC().Truncate(time.Millisecond)
	w.Status, w.TerminatedAt = gen.WalletStatusTerminated, &at
	w.RecurringTransactionRules = []gen.RecurringTransactionRule{}
	s.emitWallet(eventWalletTerminated, w)
}

// listWallets answers the customer's wallets, terminated ones included,
// newest first.
func (s *Server) listWallets(c *call) response {
	st := s.store
	cust, ok := st.customer(c.customerID())
	if !ok {
		return notFound(codeCustomerNotFound)
	}
	entities := c.query["billing_entity_codes[]"]
	if st.entitiesMissing(entities, true) {
		return notFound(codeBillingEntityNotFound)
	}
	currency := c.query.Get("currency")
	items := []walletView{}
	for _, w := range slices.Backward(cust.wallets) {
		if len(entities) > 0 && !slices.Contains(entities, w.BillingEntityCode) || currency != "" && w.Currency != currency {
			continue
		}
		items = append(items, w.view())
	}
	slices.SortStableFunc(items, func(a, b walletView) int { return b.CreatedAt.Compare(a.CreatedAt) })
	page, meta := paginate(items, pagingOf(c.query))
	return okResponse(walletPage{Wallets: page, Meta: meta})
}

// walletRootProblem is rootProblem for the wallet operations: their bodies
// need a non-empty wallet or alert object, or for a batch of alerts a
// non-empty alerts list. The metadata routes need nothing.
func walletRootProblem(op string, r *http.Request, body []byte) (response, bool) {
	switch op {
	case OpCreateWallet, OpUpdateWallet:
		return rootProblem(r, body, "wallet")
	case OpCreateWalletAlert:
		var batch struct {
			Alerts []json.RawMessage `json:"alerts"`
		}
		if json.Unmarshal(body, &batch) == nil && len(batch.Alerts) > 0 {
			return response{}, false
		}
		return rootProblem(r, body, "alert")
	case OpUpdateWalletAlert:
		return rootProblem(r, body, "alert")
	}
	return response{}, false
}

// ownedByWalletHandler leaves every body problem of the wallet operations
// to their handlers, which answer with Lago's codes, or drop unknown keys
// as Lago does.
func ownedByWalletHandler(op string, v specval.Violation) bool {
	return walletOps[op] && v.In == "body"
}

var walletOps = map[string]bool{
	OpCreateWallet: true, OpUpdateWallet: true, OpReplaceWalletMetadata: true, OpMergeWalletMetadata: true,
	OpCreateWalletAlert: true, OpUpdateWalletAlert: true,
}

// ErrUnknownWallet is returned by the wallet helpers when the customer has
// no wallet with the code given.
var ErrUnknownWallet = errors.New("lagotest: no wallet with this code")

// helperWallet finds the wallet a helper works on, the active one first.
func (st *store) helperWallet(externalCustomerID, code string) (*wallet, error) {
	cust, err := st.liveCustomer(externalCustomerID)
	if err != nil {
		return nil, err
	}
	w, ok := cust.activeWalletByCode(code)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownWallet, code)
	}
	return w, nil
}

// AddBillableMetrics makes these billable metric codes known, so that a
// wallet's applies_to.billable_metric_codes may name them. The API has no
// operation that creates billable metrics.
func (s *Server) AddBillableMetrics(codes ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store.walletData.metrics == nil {
		s.store.walletData.metrics = map[string]bool{}
	}
	for _, code := range codes {
		s.store.walletData.metrics[code] = true
	}
}
