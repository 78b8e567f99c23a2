package lagotest

import (
	"fmt"
	"math/big"

	"github.com/lagoclient/lago-go/lago"
)

// SettleWalletTopUps runs what Lago does in the background after a wallet
// is created, and returns the wallet as GET then answers it. The wallet is
// the customer's active one with this code. Settling again adds nothing.
//
// The granted credits of the initial top-up are added to the balance, as
// Lago adds them. Lago adds paid credits only once the payment of the
// top-up's invoice succeeds. For a wallet created with
// InvoiceRequiresSuccessfulPayment they wait here too, until
// PayWalletTopUps; for any other wallet SettleWalletTopUps takes the
// invoice as paid at once and adds the paid credits as well, so that a
// test of a wallet's balance needs one call. No invoice is created for a
// top-up: the customer's invoice list does not show it.
func (s *Server) SettleWalletTopUps(externalCustomerID, walletCode string) (lago.Wallet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store.helperWallet(externalCustomerID, walletCode)
	if err != nil {
		return lago.Wallet{}, err
	}
	s.credit(w, w.pending)
	w.pending = new(big.Rat)
	s.emitTopUps(w)
	return w.api(), nil
}

// PayWalletTopUps marks the payment of the wallet's initial top-up
// succeeded, as a payment provider or a payment recorded in Lago would:
// it does what SettleWalletTopUps does, and adds the paid credits that a
// wallet created with InvoiceRequiresSuccessfulPayment keeps waiting. It
// returns the wallet as GET then answers it; paying again adds nothing.
func (s *Server) PayWalletTopUps(externalCustomerID, walletCode string) (lago.Wallet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store.helperWallet(externalCustomerID, walletCode)
	if err != nil {
		return lago.Wallet{}, err
	}
	s.credit(w, new(big.Rat).Add(w.pending, w.unpaid))
	w.pending, w.unpaid = new(big.Rat), new(big.Rat)
	s.emitTopUps(w)
	return w.api(), nil
}

// credit adds credits to the wallet's balance, if there are any.
func (s *Server) credit(w *wallet, credits *big.Rat) {
	if credits.Sign() <= 0 {
		return
	}
	w.credits.Add(w.credits, credits)
	now := s.now()
	w.LastBalanceSyncAt = &now
}

// ConsumeWalletCredits uses credits of the customer's active wallet with
// this code, as invoices do, which the API cannot make happen. The credits
// are a decimal string; more than the balance is refused.
func (s *Server) ConsumeWalletCredits(externalCustomerID, walletCode, credits string) (lago.Wallet, error) {
	amount, ok := parseDecimal(credits)
	if !ok || amount.Sign() <= 0 {
		return lago.Wallet{}, fmt.Errorf("lagotest: credits %q is not a positive decimal string", credits)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.store.helperWallet(externalCustomerID, walletCode)
	if err != nil {
		return lago.Wallet{}, err
	}
	if amount.Cmp(w.credits) > 0 {
		return lago.Wallet{}, fmt.Errorf("lagotest: wallet %q holds %s credits, fewer than %s", walletCode, decimalString(w.credits), credits)
	}
	w.credits.Sub(w.credits, amount)
	w.consumed.Add(w.consumed, amount)
	now := s.now()
	w.LastConsumedCreditAt = &now
	s.emitWallet(eventWalletUpdated, w)
	return w.api(), nil
}
