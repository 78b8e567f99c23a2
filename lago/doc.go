// Package lago is a client for the customer endpoints of the Lago billing
// API (https://getlago.com): customers, their applied coupons, usage,
// portal and checkout links, invoices, credit notes, payments, payment
// requests, subscriptions, payment methods, and prepaid wallets with their
// metadata and alerts. All 34 operations Lago routes under /customers are
// methods of [Client].
//
// # Authentication and regions
//
// Create one [Client] per API key and share it; it is safe for concurrent
// use. The key is sent as a bearer token and never appears in errors or
// logs.
//
//	client, err := lago.NewClient(os.Getenv("LAGO_API_KEY"),
//		lago.WithBaseURL(lago.BaseURLEU),
//		lago.WithUserAgent("billing-service/1.4"),
//	)
//
// Lago Cloud's US region ([BaseURLUS]) is the default; [BaseURLEU] is the
// EU region, and a self-hosted Lago is reached with its API root, such as
// https://lago.example.com/api/v1.
//
// # Inputs and responses
//
// Every method takes a context first and returns typed values. Creating
// and updating a customer is one call, [Client.CreateCustomer], which Lago
// treats as an upsert keyed on the external id. Optional input fields are
// [Nullable]: left absent they keep the stored value, [Null] clears them
// and [Value] sets them, so the client never sends a null you did not ask
// for.
//
// In responses, a field the server may send as null is a pointer, and lists
// and maps are plain values. Amounts are int64 counts of the currency's
// minor unit (cents of a euro, yen of a yen: see [FormatAmount]);
// quantities, credits and rates are exact decimal strings, never floats.
//
// # Errors
//
// A status other than 2xx is an [*Error] carrying the status, Lago's code
// and message, the field errors of a 422, the request id and the rate-limit
// wait. errors.Is matches it against [ErrBadRequest], [ErrUnauthorized],
// [ErrForbidden], [ErrNotFound], [ErrNotAllowed], [ErrValidation],
// [ErrRateLimited] and [ErrServer]. A 2xx that cannot be decoded, or that
// lacks what the operation answers with, matches [ErrBadResponse]: it is
// never taken for an empty value. A redirect the client does not follow
// matches [ErrRedirected], and arguments refused before anything is sent
// match [ErrInvalidArgument]. Error texts name the operation by its path
// template and are scrubbed of the key and of the ids the call sent.
//
// # Retries, timeouts and limits
//
// 429, 502, 503 and 504 responses, and calls that got no response, are retried
// up to three attempts with exponential backoff and jitter, honouring
// Retry-After and Lago Cloud's rate-limit headers (see [RetryPolicy] and
// [WithRetry]). Creating a wallet or an alert is retried only when the
// first attempt surely did not reach Lago, since a second delivery would
// create a second one. Each attempt is bounded by [DefaultTimeout] unless
// [WithHTTPClient] supplies a client, answers by [DefaultMaxResponseBytes],
// and connections to one host by [DefaultMaxConnsPerHost].
//
// # Pagination
//
// Each List method returns one page with its meta; the matching All method
// returns an iterator (iter.Seq2) that fetches page after page as the loop
// goes, holding one page in memory. A walk ends when Lago says there is no
// next page or when a page holds no items, whatever its meta says (Lago's
// invoice list counts every invoice of the organization). The iterator can
// be ranged again, from the options' page, and never modifies the options.
//
// # Memory of decoded values
//
// What a call returns is yours: it stays valid and unchanged for as long
// as you hold it, an item an iterator yielded included, after the loop has
// moved on to other pages. To cost fewer allocations, the values of one
// answer share memory: its strings are copied into blocks of at most
// 4 KiB, and its optional strings, integers, times and booleans are
// elements of small shared arrays. A whole page takes a little less memory than
// encoding/json would give it, but holding one value keeps its blocks
// alive: one customer kept from a page of 100 keeps 12 to 15 KB, the
// strings of its neighbours included, where it alone takes about 2.5 KB.
// Clone a string (strings.Clone) to keep it alone for a long time.
//
//	for inv, err := range client.AllInvoices(ctx, "acme", &lago.ListInvoicesOptions{PerPage: 50}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(inv.Number)
//	}
//
// # Wallets' traps
//
// A wallet's initial top-up is credited after Lago answers, so
// [Client.CreateWallet] returns a wallet with no credits yet. Any wallet
// update that does not resend the billable-metric restriction removes it,
// and so do the metadata writes, which Lago runs through the same update;
// [Client.UpdateWalletKeepingRestrictions] resends it. A wallet code is
// unique only among active wallets, and terminating a wallet is idempotent
// and voids nothing. Each method's doc says what it does to a wallet.
//
// # Webhooks
//
// Package github.com/lagoclient/lago-go/webhook verifies Lago's webhooks
// and decodes their objects into this package's types; given a Client, it
// fetches the public key of JWT signatures with [Client.WebhookPublicKey].
//
// # Testing
//
// Package github.com/lagoclient/lago-go/lagotest starts an in-memory Lago
// for a test: it behaves like the server, checks every request and response
// against this library's OpenAPI description, seeds what the API cannot
// create (subscriptions, invoices, payments, …), fails or slows down on
// demand, and sends webhooks.
//
//	srv := lagotest.New(t)
//	client, err := srv.Client()
package lago
