// Package lagotest is an in-memory Lago for testing code that uses package
// lago. It serves the customer endpoints on a loopback port and behaves
// like the real server where that is known to differ from Lago's published
// description: POST /customers is an upsert answered 200, deleted
// customers free their external_id, errors have Lago's exact bodies,
// list filters are validated with Lago's messages, usage of an ended
// subscription is a 405, and so on.
//
// Start one per test with New, then use its Client, or pass its URL and
// APIKey to your own code:
//
//	srv := lagotest.New(t)
//	client, err := srv.Client()
//	...
//	customer, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"})
//
// Wallets follow Lago's rules too: derived and reused codes, the limit of
// 6 active wallets, the currency fallback, updates that drop a wallet's
// billable-metric restriction unless it is resent (metadata writes
// included), idempotent termination, alerts one per type with their
// thresholds, and batches refused as a whole with errors by index.
//
// What the API cannot create is set up with helpers: ApplyCoupon,
// AddSubscription (with the usage to report and the details the
// subscription list shows), SetPaymentProvider; the billing documents and
// payment methods of a customer: AddInvoice, AddCreditNote, AddPayment,
// AddPaymentRequest and AddPaymentMethod; AddBillableMetrics for wallet
// restrictions, SettleWalletTopUps to run the initial top-up Lago credits
// in the background, PayWalletTopUps to mark its payment succeeded, and
// ConsumeWalletCredits to spend credits.
//
// Seeded records follow Lago's rules where a test could rely on them:
//
//   - An invoice is overdue as Lago's periodic overdue check marks it:
//     finalized, payment not succeeded, no lost dispute, and a due date
//     that has passed. AddInvoice and every invoice list run that check
//     against the server clock (see WithClock), so an invoice due before
//     today (UTC) is overdue even when seeded with PaymentOverdue false,
//     and becomes overdue the day after its due date as the clock moves;
//     for one due today, which Lago may or may not have marked yet,
//     PaymentOverdue is kept as given. An invoice seeded as overdue that
//     Lago could not have marked (due after today, a draft, or paid) is
//     refused with ErrImpossibleInvoice.
//   - The initial top-up of a wallet: SettleWalletTopUps adds the granted
//     credits. Lago adds paid credits once the top-up's invoice is paid;
//     for a wallet created with InvoiceRequiresSuccessfulPayment they wait
//     for PayWalletTopUps, while for any other wallet SettleWalletTopUps
//     takes the invoice as paid at once and adds them too. The top-up's
//     invoice itself is not created.
//
// The server sends webhooks, signed as Lago signs them, to the endpoints
// AddWebhookEndpoint registers, and FlushWebhooks waits for their delivery;
// package webhook verifies them with WebhookHMACKey, or with the public key
// served at /webhooks/json_public_key. It sends what follows from what it
// models, as Lago does: customer.created for a new external id and
// customer.updated for every other upsert; wallet.created;
// wallet.updated for every wallet update, every metadata write except
// deleting one key, and every balance change (SettleWalletTopUps,
// PayWalletTopUps, ConsumeWalletCredits); wallet.terminated the first time
// a wallet is terminated; wallet_transaction.created for the initial
// top-up's granted (settled) and paid (pending) credits, and
// wallet_transaction.updated once the paid credits are settled; for a
// deleted customer, subscription.terminated for each active subscription
// and wallet.terminated for each active wallet; and for the seeding
// helpers, invoice.created (invoice.drafted for a draft, and
// invoice.payment_overdue when overdue), credit_note.created,
// payment.succeeded for a provider payment that succeeded, and
// payment_request.created. Coupons, payment methods, alerts, links and
// subscriptions added with AddSubscription send nothing.
//
// FailNext, RateLimitNext and SetLatency inject errors and delays to test
// retries and timeouts, and Requests shows what the code under test sent:
// the most recent DefaultRequestLog requests, or as many as WithRequestLog
// says, so that a server's memory stays bounded however long it runs.
//
// Every request is checked against lago-go's OpenAPI description before it
// is handled, and answered as Lago would answer a malformed request when it
// breaks it; so is every response before it is sent, except injected faults.
// A request with a query parameter the operation does not declare is
// refused with a 400, which Lago itself does not do, so that misspelled
// filters do not go unnoticed.
//
// Limits: webhooks are delivered within seconds rather than Lago's
// minutes, with no alert.triggered and no provider or PDF events, taxes
// are not computed, the invoice
// list's meta always counts the organization's invoices that match the
// filters, as Lago's count cache can (Lago sometimes recomputes it for
// the customer), usage is only what AddSubscription gives, wallet alerts
// and recurring top-ups never fire, a wallet top-up creates no invoice,
// payment requests show their invoices as they were when added (not
// marked overdue later), billing entities are known by code only,
// periods are calendar months in UTC, and the organization behaves as if
// on a premium plan (timezone and invoice_grace_period are applied).
package lagotest
