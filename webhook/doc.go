// Package webhook receives Lago's webhooks: it checks that Lago signed the
// exact bytes received, reads the event's envelope, and serves it all as an
// http.Handler.
//
//	v, err := webhook.NewVerifier(webhook.Config{HMACKey: os.Getenv("LAGO_WEBHOOK_HMAC_KEY")})
//	if err != nil {
//		log.Fatal(err)
//	}
//	http.Handle("POST /webhooks/lago", webhook.Handler(v, func(ctx context.Context, ev *webhook.Event) error {
//		switch ev.Type {
//		case webhook.TypeCustomerCreated:
//			customer, err := ev.Customer()
//			if err != nil {
//				return err
//			}
//			// ...
//		}
//		return nil
//	}))
//
// # Two signatures
//
// Each webhook endpoint in Lago signs with one of two algorithms, named in
// the X-Lago-Signature-Algorithm header of every delivery. A [Verifier]
// checks only the algorithms its [Config] enables: with HMACKey alone a
// JWT is refused, and with a public key alone an HMAC is refused, so a
// forger cannot pick the check.
//
//   - hmac: X-Lago-Signature is the base64 of HMAC-SHA256 of the body,
//     keyed with your organization's HMAC key (in Lago's UI; no API returns
//     it). Set Config.HMACKey. The comparison takes constant time.
//   - jwt (Lago's default): X-Lago-Signature is a JWT signed with RS256 by
//     Lago's RSA key, whose data claim is the body. Set Config.PublicKey,
//     or Config.Client to have the key fetched. Only RS256 is accepted
//     (none, HS256 keyed with the public key and every other algorithm
//     are refused), and the data claim must equal the body byte for byte:
//     a token Lago signed for another event does not pass. Config.Issuer,
//     when set, must equal the iss claim, Lago's API URL.
//
// Both are checked with the standard library: a JWT library would add a
// module to the go.sum of every program importing this package, for what
// is here about a hundred lines, most of a library's code being what a
// receiver must refuse anyway. Headers are matched without regard to case;
// a header given twice, an oversized token and a malformed one are all
// refused. Every refusal matches [ErrInvalidSignature] and never quotes
// what was received.
//
// # The public key
//
// Lago's public key is served, base64-encoded, at
// /webhooks/json_public_key. Given Config.Client, the verifier fetches it
// once, on the first JWT it checks, and every verification arriving
// meanwhile waits for that one fetch. A token that fails against the
// cached key makes it fetch the key again, in case Lago changed it, but at
// most once per Config.KeyRefreshInterval (five minutes by default): a
// flood of forged requests costs Lago one call per interval. When the key
// cannot be fetched, verification fails with [ErrKeyUnavailable] and
// [Handler] answers 503 so that Lago delivers the event again.
//
// # Replays and duplicates
//
// Neither signature expires, and neither covers the X-Lago-Unique-Key
// header, so a delivery someone captured verifies forever. Lago itself
// sends an event more than once: it retries (three attempts in all) when
// your answer is not 200, 201, 202 or 204 or takes more than 30 s, and a
// user can resend an event by hand, always with the same unique key. Pass
// a [Deduplicator] with [WithDeduplicator] to drop Lago's repeats, and
// make your handling idempotent on the object (its lago_id and updated_at)
// to make replays harmless.
//
// # Events
//
// [Verifier.Verify] returns an [Event]: its type, object type,
// organization and unique key, and the object as raw JSON. An event type
// this package has no constant for is returned like any other: Lago adds
// types over time. Only a signed body that is not an event at all matches
// [ErrNotEvent].
//
// The object decodes into the types of package lago, with the decoders
// that read the API's answers: [Event.Decode] picks the type by object
// type (a *lago.Customer, a *lago.WalletTransaction, ...) and returns an
// object type it does not know as its raw JSON, never as an error; the
// accessors, such as [Event.Customer], [Event.Wallet] and
// [Event.WalletTransaction], decode one kind of object and refuse the
// others with [ErrObjectType].
//
// # Testing
//
// Package lagotest sends webhooks as Lago does: register your handler's
// URL with its AddWebhookEndpoint, verify with its WebhookHMACKey (or a
// Config.Client from its Client, which fetches its public key), act
// through the client, and call FlushWebhooks before checking what your
// handler got; see the lagotest example.
package webhook
