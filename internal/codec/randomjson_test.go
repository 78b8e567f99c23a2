package codec_test

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
)

// randomJSON writes a JSON value shaped like type t, with the departures
// the decoders must treat as encoding/json does thrown in at random: null
// anywhere, keys in other cases or escaped or repeated, unknown keys,
// values of the wrong type, numbers out of range, strings with escapes,
// invalid UTF-8, lone surrogates and control characters. Byte mutations of
// the fixtures rarely build these; this reaches them in every run.
type randomJSON struct {
	r   *rand.Rand
	b   []byte
	dep int
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	numberType = reflect.TypeFor[json.Number]()
)

func (g *randomJSON) chance(percent int) bool { return g.r.IntN(100) < percent }

func (g *randomJSON) value(t reflect.Type) {
	g.dep++
	defer func() { g.dep-- }()
	if g.chance(4) || g.dep > 8 {
		g.b = append(g.b, "null"...)
		return
	}
	if g.chance(3) {
		g.anyValue()
		return
	}
	switch {
	case t == timeType:
		g.str([]string{"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123+02:00", "2026-13-01T00:00:00Z", "2026-01-02", "x"}[g.r.IntN(5)])
		return
	case t.Name() == "Date" && t.Kind() == reflect.Struct:
		g.str([]string{"2026-11-01", "2026-02-30", "2026-11-01T00:00:00Z", ""}[g.r.IntN(4)])
		return
	case t == numberType:
		if g.chance(50) {
			g.number()
		} else {
			g.str([]string{"12", "-0", "1.5e3", "01", "x", "", "1e400", " 1"}[g.r.IntN(8)])
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		g.value(t.Elem())
	case reflect.Struct:
		g.object(t)
	case reflect.Slice:
		g.b = append(g.b, '[')
		for i := range g.r.IntN(4) {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.value(t.Elem())
		}
		g.b = append(g.b, ']')
	case reflect.Map:
		g.b = append(g.b, '{')
		for i := range g.r.IntN(4) {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.str([]string{"a", "A", "a", "k\u212a", "\xff", `\u0041`, ""}[g.r.IntN(7)])
			g.b = append(g.b, ':')
			g.value(t.Elem())
		}
		g.b = append(g.b, '}')
	case reflect.String:
		g.str(g.text())
	case reflect.Int64:
		g.number()
	case reflect.Bool:
		g.b = strconv.AppendBool(g.b, g.chance(50))
	default:
		g.anyValue()
	}
}

// object writes t's fields in random order and spelling, some twice, some
// left out, with an unknown key now and then.
func (g *randomJSON) object(t reflect.Type) {
	g.b = append(g.b, '{')
	n := 0
	sep := func() {
		if n > 0 {
			g.b = append(g.b, ',')
		}
		n++
	}
	for _, i := range g.r.Perm(t.NumField()) {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || g.chance(15) {
			continue
		}
		for range 1 + b2i(g.chance(5)) {
			sep()
			g.key(name)
			g.value(f.Type)
		}
	}
	if g.chance(10) {
		sep()
		g.key("unknown_key")
		g.anyValue()
	}
	g.b = append(g.b, '}')
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// key writes name, usually as it is, sometimes in another case or escaped.
func (g *randomJSON) key(name string) {
	switch g.r.IntN(20) {
	case 0:
		name = strings.ToUpper(name)
	case 1:
		name = strings.Replace(name, "s", "ſ", 1)
	case 2:
		name = strings.Replace(name, "k", "\u212a", 1)
	case 3:
		if name != "" {
			name = `\u00` + strconv.FormatInt(int64(name[0]), 16) + name[1:]
		}
	}
	g.b = append(g.b, '"')
	g.b = append(g.b, name...)
	g.b = append(g.b, `":`...)
}

func (g *randomJSON) text() string {
	parts := []string{"abc", "é", "日本", "\xff", "\xed\xa0\x80", `\ud800`, `\udc00`, `\ud83d\ude00`, `\n`, `\u0000`, `\/`, `\"`, "\t", "A"}
	var b strings.Builder
	for range g.r.IntN(4) {
		b.WriteString(parts[g.r.IntN(len(parts))])
	}
	return b.String()
}

// str writes s between quotes as it is: s may hold escapes, or bytes that
// are not allowed raw.
func (g *randomJSON) str(s string) {
	g.b = append(g.b, '"')
	g.b = append(g.b, s...)
	g.b = append(g.b, '"')
}

func (g *randomJSON) number() {
	g.b = append(g.b, []string{"0", "42", "-7", "-0", "1.5", "1e3", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "0.0000001"}[g.r.IntN(11)]...)
}

func (g *randomJSON) anyValue() {
	switch g.r.IntN(7) {
	case 0:
		g.b = append(g.b, "null"...)
	case 1:
		g.b = append(g.b, "true"...)
	case 2:
		g.number()
	case 3:
		g.str(g.text())
	case 4:
		g.b = append(g.b, `[1,"a",{"B":null}]`...)
	case 5:
		g.b = append(g.b, `{"a":1,"a":{"c":[]}}`...)
	default:
		g.b = append(g.b, "{}"...)
	}
}

// randomBody returns a random answer shaped like P, cut short or with
// garbage after it now and then.
func randomBody[P any](seed uint64) []byte {
	g := &randomJSON{r: rand.New(rand.NewPCG(seed, seed>>7))}
	g.value(reflect.TypeFor[P]())
	switch g.r.IntN(30) {
	case 0:
		return g.b[:g.r.IntN(len(g.b)+1)]
	case 1:
		return append(g.b, " x"...)
	}
	return g.b
}

// The decoders against encoding/json on random answers of every envelope;
// FuzzRandomAnswers goes on from where this stops.
func TestDecodeMatchesEncodingJSONOnRandomAnswers(t *testing.T) {
	n := uint64(1000)
	if testing.Short() {
		n = 100
	}
	for seed := range n {
		checkRandomAnswers(t, seed)
	}
}

func FuzzRandomAnswers(f *testing.F) {
	for seed := range uint64(20) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) { checkRandomAnswers(t, seed) })
}

func checkRandomAnswers(t *testing.T, seed uint64) {
	t.Helper()
	checkWholeDecode[gen.CustomerEnvelope](t, one("customer"), randomBody[gen.CustomerEnvelope](seed))
	page := randomBody[gen.CustomerPage](seed)
	checkWholeDecode[gen.CustomerPage](t, paged("customers"), page)
	checkStreamDecode(t, "customers", page, customerItems, customerMeta)
	checkWholeDecode[gen.CustomerUsageEnvelope](t, one("customer_usage"), randomBody[gen.CustomerUsageEnvelope](seed))
	past := randomBody[gen.PastUsagePage](seed)
	checkWholeDecode[gen.PastUsagePage](t, paged("usage_periods"), past)
	checkStreamDecode(t, "usage_periods", past, usageItems, usageMeta)
	checkWholeDecode[gen.CustomerProjectedUsageEnvelope](t, one("customer_projected_usage"), randomBody[gen.CustomerProjectedUsageEnvelope](seed))
	coupons := randomBody[gen.AppliedCouponPage](seed)
	checkWholeDecode[gen.AppliedCouponPage](t, paged("applied_coupons"), coupons)
	checkStreamDecode(t, "applied_coupons", coupons, couponItems, couponMeta)
	checkRandomResourceAnswers(t, seed)
}

// checkRandomResourceAnswers does the same for the answers of the
// operations added after the first eleven: the customer's documents,
// subscriptions, payment methods, wallets, their metadata and alerts.
func checkRandomResourceAnswers(t *testing.T, seed uint64) {
	t.Helper()
	invoices := randomBody[gen.InvoicePage](seed)
	checkWholeDecode[gen.InvoicePage](t, paged("invoices"), invoices)
	checkStreamDecode(t, "invoices", invoices, func(p *gen.InvoicePage) []gen.Invoice { return p.Invoices }, func(p *gen.InvoicePage) gen.PaginationMeta { return p.Meta })
	notes := randomBody[gen.CreditNotePage](seed)
	checkWholeDecode[gen.CreditNotePage](t, paged("credit_notes"), notes)
	checkStreamDecode(t, "credit_notes", notes, func(p *gen.CreditNotePage) []gen.CreditNote { return p.CreditNotes }, func(p *gen.CreditNotePage) gen.PaginationMeta { return p.Meta })
	payments := randomBody[gen.PaymentPage](seed)
	checkWholeDecode[gen.PaymentPage](t, paged("payments"), payments)
	checkStreamDecode(t, "payments", payments, func(p *gen.PaymentPage) []gen.Payment { return p.Payments }, func(p *gen.PaymentPage) gen.PaginationMeta { return p.Meta })
	requests := randomBody[gen.PaymentRequestPage](seed)
	checkWholeDecode[gen.PaymentRequestPage](t, paged("payment_requests"), requests)
	checkStreamDecode(t, "payment_requests", requests, func(p *gen.PaymentRequestPage) []gen.PaymentRequest { return p.PaymentRequests }, func(p *gen.PaymentRequestPage) gen.PaginationMeta { return p.Meta })
	subs := randomBody[gen.SubscriptionPage](seed)
	checkWholeDecode[gen.SubscriptionPage](t, paged("subscriptions"), subs)
	checkStreamDecode(t, "subscriptions", subs, func(p *gen.SubscriptionPage) []gen.Subscription { return p.Subscriptions }, func(p *gen.SubscriptionPage) gen.PaginationMeta { return p.Meta })
	methods := randomBody[gen.PaymentMethodPage](seed)
	checkWholeDecode[gen.PaymentMethodPage](t, paged("payment_methods"), methods)
	checkStreamDecode(t, "payment_methods", methods, func(p *gen.PaymentMethodPage) []gen.PaymentMethod { return p.PaymentMethods }, func(p *gen.PaymentMethodPage) gen.PaginationMeta { return p.Meta })
	checkWholeDecode[gen.PaymentMethodEnvelope](t, one("payment_method"), randomBody[gen.PaymentMethodEnvelope](seed))
	wallets := randomBody[gen.WalletPage](seed)
	checkWholeDecode[gen.WalletPage](t, paged("wallets"), wallets)
	checkStreamDecode(t, "wallets", wallets, func(p *gen.WalletPage) []gen.Wallet { return p.Wallets }, func(p *gen.WalletPage) gen.PaginationMeta { return p.Meta })
	checkWholeDecode[gen.WalletEnvelope](t, one("wallet"), randomBody[gen.WalletEnvelope](seed))
	checkWholeDecode[gen.WalletMetadataEnvelope](t, codec.Envelope{Keys: []string{"metadata"}, NullOK: true}, randomBody[gen.WalletMetadataEnvelope](seed))
	alerts := randomBody[gen.WalletAlertPage](seed)
	checkWholeDecode[gen.WalletAlertPage](t, paged("alerts"), alerts)
	checkStreamDecode(t, "alerts", alerts, func(p *gen.WalletAlertPage) []gen.WalletAlert { return p.Alerts }, func(p *gen.WalletAlertPage) gen.PaginationMeta { return p.Meta })
	checkWholeDecode[gen.WalletAlertEnvelope](t, one("alert"), randomBody[gen.WalletAlertEnvelope](seed))
	checkWholeDecode[gen.WalletAlertBatchEnvelope](t, one("alerts"), randomBody[gen.WalletAlertBatchEnvelope](seed))
}
