package lagotest

import (
	"math/big"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// The events the server sends, by webhook_type (package webhook has a
// constant for each; lagotest does not import it, so that webhook's own
// tests can use lagotest).
const (
	eventCustomerCreated          = "customer.created"
	eventCustomerUpdated          = "customer.updated"
	eventWalletCreated            = "wallet.created"
	eventWalletUpdated            = "wallet.updated"
	eventWalletTerminated         = "wallet.terminated"
	eventWalletTransactionCreated = "wallet_transaction.created"
	eventWalletTransactionUpdated = "wallet_transaction.updated"
	eventSubscriptionTerminated   = "subscription.terminated"
	eventInvoiceCreated           = "invoice.created"
	eventInvoiceDrafted           = "invoice.drafted"
	eventInvoicePaymentOverdue    = "invoice.payment_overdue"
	eventCreditNoteCreated        = "credit_note.created"
	eventPaymentSucceeded         = "payment.succeeded"
	eventPaymentRequestCreated    = "payment_request.created"
)

// Each emit… below is called, in one line, where the handler or helper
// does what makes Lago send the event; all run under the server's lock.

// emitCustomerUpserted sends customer.created for a new external id, and
// customer.updated for every other upsert, changed or not, as Lago does.
func (s *Server) emitCustomerUpserted(cust *customer, created bool) {
	typ := eventCustomerUpdated
	if created {
		typ = eventCustomerCreated
	}
	s.emit(typ, "customer", s.store.detail(cust))
}

// emitWallet sends a wallet.* event with the wallet as it is now.
func (s *Server) emitWallet(typ string, w *wallet) {
	s.emit(typ, "wallet", w.view())
}

// emitSubscriptionTerminated sends subscription.terminated for a
// subscription that was active, as Lago's follow-up of a customer deletion
// does, showing it as Lago then sends it.
func (s *Server) emitSubscriptionTerminated(sub *Subscription) {
	if sub.Status == SubscriptionTerminated || sub.Details.Status != gen.SubscriptionStatusActive {
		return
	}
	now := s.now()
	d := sub.Details
	d.Status, d.TerminatedAt = gen.SubscriptionStatusTerminated, &now
	d.BillingEntityCode, d.AppliedInvoiceCustomSections = nil, nil
	s.emit(eventSubscriptionTerminated, "subscription", d)
}

// emitWalletCreated sends wallet.created, and notes the initial top-up,
// whose transactions SettleWalletTopUps and PayWalletTopUps report.
func (s *Server) emitWalletCreated(w *wallet, paid, granted *big.Rat) {
	s.webhooks.noteTopUp(w.LagoID, &topUp{paid: new(big.Rat).Set(paid), granted: new(big.Rat).Set(granted)})
	s.emitWallet(eventWalletCreated, w)
}

// topUp is the initial top-up of a wallet, as its webhooks report it.
type topUp struct {
	paid, granted *big.Rat
	// created is set once wallet_transaction.created was sent; settled
	// once the paid credits' wallet_transaction.updated was.
	created, settled bool
	// the ids of the paid and the granted transactions.
	paidID, grantedID string
}

// emitTopUps sends, after SettleWalletTopUps or PayWalletTopUps, what Lago
// sends as the initial top-up goes through: wallet_transaction.created for
// the granted credits (settled at once) and the paid ones (pending until
// paid); wallet_transaction.updated when the paid ones are settled; and
// wallet.updated whenever the balance grew.
func (s *Server) emitTopUps(w *wallet) {
	t := s.webhooks.topUp(w.LagoID)
	if t == nil {
		return
	}
	now := s.now()
	credited := false
	if !t.created {
		t.created = true
		if t.granted.Sign() > 0 {
			t.grantedID = s.store.ids.new()
			tx := s.walletTransaction(w, t.grantedID, t.granted, gen.WalletTransactionTransactionStatusGranted, now)
			tx.Status, tx.SettledAt = gen.WalletTransactionStatusSettled, &now
			s.emit(eventWalletTransactionCreated, "wallet_transaction", tx)
			credited = true
		}
		if t.paid.Sign() > 0 {
			t.paidID = s.store.ids.new()
			tx := s.walletTransaction(w, t.paidID, t.paid, gen.WalletTransactionTransactionStatusPurchased, now)
			s.emit(eventWalletTransactionCreated, "wallet_transaction", tx)
		}
	}
	if t.paid.Sign() > 0 && !t.settled && w.unpaid.Sign() == 0 {
		t.settled = true
		tx := s.walletTransaction(w, t.paidID, t.paid, gen.WalletTransactionTransactionStatusPurchased, now)
		tx.Status, tx.SettledAt = gen.WalletTransactionStatusSettled, &now
		s.emit(eventWalletTransactionUpdated, "wallet_transaction", tx)
		credited = true
	}
	if credited {
		s.emitWallet(eventWalletUpdated, w)
	}
}

// walletTransaction is a pending inbound transaction of the wallet's
// initial top-up, as Lago sends it.
func (s *Server) walletTransaction(w *wallet, id string, credits *big.Rat, why gen.WalletTransactionTransactionStatus, now time.Time) gen.WalletTransaction {
	pm := w.PaymentMethod
	wv := w.api()
	return gen.WalletTransaction{
		LagoID:                           id,
		LagoWalletID:                     w.LagoID,
		Status:                           gen.WalletTransactionStatusPending,
		Source:                           gen.WalletTransactionSourceManual,
		TransactionStatus:                why,
		TransactionType:                  gen.WalletTransactionTypeInbound,
		Amount:                           decimalString(new(big.Rat).Mul(credits, w.rate)),
		CreditAmount:                     decimalString(credits),
		Priority:                         w.Priority,
		InvoiceRequiresSuccessfulPayment: w.InvoiceRequiresSuccessfulPayment,
		CreatedAt:                        now,
		Metadata:                         []gen.WalletTransactionMetadata{},
		AppliedInvoiceCustomSections:     []gen.AppliedInvoiceCustomSection{},
		PaymentMethod:                    pm,
		Wallet:                           &wv,
	}
}

// emitSeeded sends what Lago sends for a document that a seeding helper
// added: invoice.created for a finalized invoice (invoice.drafted for a
// draft) and invoice.payment_overdue when it is overdue,
// credit_note.created, payment.succeeded for a provider payment that
// succeeded (a manual one sends none), and payment_request.created.
// Coupons, payment methods and subscriptions send nothing.
func (s *Server) emitSeeded(v any) {
	switch v := v.(type) {
	case *gen.Invoice:
		switch v.Status {
		case gen.InvoiceStatusFinalized:
			s.emit(eventInvoiceCreated, "invoice", v)
		case gen.InvoiceStatusDraft:
			s.emit(eventInvoiceDrafted, "invoice", v)
		}
		if v.PaymentOverdue {
			s.emit(eventInvoicePaymentOverdue, "invoice", v)
		}
	case *gen.CreditNote:
		s.emit(eventCreditNoteCreated, "credit_note", v)
	case *gen.Payment:
		succeeded := v.Status == string(gen.PaymentStatusSucceeded)
		if v.PaymentStatus != nil {
			succeeded = *v.PaymentStatus == gen.PaymentStatusSucceeded
		}
		if v.Type == gen.PaymentTypeProvider && succeeded {
			s.emit(eventPaymentSucceeded, "payment", v)
		}
	case *gen.PaymentRequest:
		s.emit(eventPaymentRequestCreated, "payment_request", v)
	}
}

func (w *webhookSender) noteTopUp(walletID string, t *topUp) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.topUps == nil {
		w.topUps = map[string]*topUp{}
	}
	w.topUps[walletID] = t
}

func (w *webhookSender) topUp(walletID string) *topUp {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.topUps[walletID]
}
