package lago_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// walletCalls runs every wallet, wallet metadata and wallet alert method
// with arguments that reach the server. The customer id is "C", the wallet
// code "W", the alert code or metadata key "K".
var walletCalls = []struct {
	name    string
	want    fakelago.Want
	answers []int // the statuses the spec lists for the operation
	ok      string
	call    func(ctx context.Context, c *lago.Client, customer, wallet, key string) error
}{
	{"CreateWallet", fakelago.Want{Method: "POST", Path: "/customers/C/wallets", Body: `{"wallet":{"rate_amount":"1.0"}}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet.json",
		func(ctx context.Context, c *lago.Client, customer, _, _ string) error {
			_, err := c.CreateWallet(ctx, customer, lago.WalletInput{RateAmount: "1.0"})
			return err
		}},
	{"ListWallets", fakelago.Want{Method: "GET", Path: "/customers/C/wallets"},
		[]int{400, 401, 403, 404, 429}, "wallet-list.json",
		func(ctx context.Context, c *lago.Client, customer, _, _ string) error {
			_, err := c.ListWallets(ctx, customer, nil)
			return err
		}},
	{"AllWallets", fakelago.Want{Method: "GET", Path: "/customers/C/wallets", Query: url.Values{"page": {"2"}}},
		[]int{400, 401, 403, 404, 429}, "",
		func(ctx context.Context, c *lago.Client, customer, _, _ string) error {
			for _, err := range c.AllWallets(ctx, customer, &lago.ListWalletsOptions{Page: 2}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
	{"GetWallet", fakelago.Want{Method: "GET", Path: "/customers/C/wallets/W"},
		[]int{400, 401, 403, 404, 429}, "wallet.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.GetWallet(ctx, customer, wallet)
			return err
		}},
	{"UpdateWallet", fakelago.Want{Method: "PUT", Path: "/customers/C/wallets/W", Body: `{"wallet":{"name":"Renamed"}}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.UpdateWallet(ctx, customer, wallet, lago.WalletUpdateInput{Name: lago.Value("Renamed")})
			return err
		}},
	{"TerminateWallet", fakelago.Want{Method: "DELETE", Path: "/customers/C/wallets/W"},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-terminated.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.TerminateWallet(ctx, customer, wallet)
			return err
		}},
	{"ReplaceWalletMetadata", fakelago.Want{Method: "POST", Path: "/customers/C/wallets/W/metadata", Body: `{"metadata":{"crm_id":"0061x00000AbCdE","note":null}}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-metadata.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.ReplaceWalletMetadata(ctx, customer, wallet, lago.WalletMetadata{"crm_id": lago.Ptr("0061x00000AbCdE"), "note": nil})
			return err
		}},
	{"MergeWalletMetadata", fakelago.Want{Method: "PATCH", Path: "/customers/C/wallets/W/metadata", Body: `{"metadata":{"region":"eu-west"}}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-metadata.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.MergeWalletMetadata(ctx, customer, wallet, lago.WalletMetadata{"region": lago.Ptr("eu-west")})
			return err
		}},
	{"DeleteWalletMetadata", fakelago.Want{Method: "DELETE", Path: "/customers/C/wallets/W/metadata"},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-metadata-null.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.DeleteWalletMetadata(ctx, customer, wallet)
			return err
		}},
	{"DeleteWalletMetadataKey", fakelago.Want{Method: "DELETE", Path: "/customers/C/wallets/W/metadata/K"},
		[]int{400, 401, 403, 404, 429}, "wallet-metadata.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, key string) error {
			_, err := c.DeleteWalletMetadataKey(ctx, customer, wallet, key)
			return err
		}},
	{"ListWalletAlerts", fakelago.Want{Method: "GET", Path: "/customers/C/wallets/W/alerts"},
		[]int{400, 401, 403, 404, 429}, "wallet-alert-list.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.ListWalletAlerts(ctx, customer, wallet, nil)
			return err
		}},
	{"AllWalletAlerts", fakelago.Want{Method: "GET", Path: "/customers/C/wallets/W/alerts", Query: url.Values{"per_page": {"5"}}},
		[]int{400, 401, 403, 404, 429}, "",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			for _, err := range c.AllWalletAlerts(ctx, customer, wallet, &lago.ListWalletAlertsOptions{PerPage: 5}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
	{"CreateWalletAlert", fakelago.Want{Method: "POST", Path: "/customers/C/wallets/W/alerts",
		Body: `{"alert":{"alert_type":"wallet_credits_balance","code":"low_credits","thresholds":[{"value":"50.0"}]}}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-alert.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.CreateWalletAlert(ctx, customer, wallet, lowCredits)
			return err
		}},
	{"CreateWalletAlerts", fakelago.Want{Method: "POST", Path: "/customers/C/wallets/W/alerts",
		Body: `{"alerts":[{"alert_type":"wallet_credits_balance","code":"low_credits","thresholds":[{"value":"50.0"}]}]}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-alert-batch.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			_, err := c.CreateWalletAlerts(ctx, customer, wallet, []lago.WalletAlertInput{lowCredits})
			return err
		}},
	{"DeleteWalletAlerts", fakelago.Want{Method: "DELETE", Path: "/customers/C/wallets/W/alerts"},
		[]int{400, 401, 403, 404, 429}, "",
		func(ctx context.Context, c *lago.Client, customer, wallet, _ string) error {
			return c.DeleteWalletAlerts(ctx, customer, wallet)
		}},
	{"GetWalletAlert", fakelago.Want{Method: "GET", Path: "/customers/C/wallets/W/alerts/K"},
		[]int{400, 401, 403, 404, 429}, "wallet-alert.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, key string) error {
			_, err := c.GetWalletAlert(ctx, customer, wallet, key)
			return err
		}},
	{"UpdateWalletAlert", fakelago.Want{Method: "PUT", Path: "/customers/C/wallets/W/alerts/K", Body: `{"alert":{"name":null}}`},
		[]int{400, 401, 403, 404, 422, 429}, "wallet-alert.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, key string) error {
			_, err := c.UpdateWalletAlert(ctx, customer, wallet, key, lago.WalletAlertUpdateInput{Name: lago.Null[string]()})
			return err
		}},
	{"DeleteWalletAlert", fakelago.Want{Method: "DELETE", Path: "/customers/C/wallets/W/alerts/K"},
		[]int{400, 401, 403, 404, 429}, "wallet-alert-deleted.json",
		func(ctx context.Context, c *lago.Client, customer, wallet, key string) error {
			_, err := c.DeleteWalletAlert(ctx, customer, wallet, key)
			return err
		}},
}

var lowCredits = lago.WalletAlertInput{
	AlertType:  lago.WalletAlertTypeWalletCreditsBalance,
	Code:       "low_credits",
	Thresholds: []lago.WalletAlertThresholdInput{{Value: "50.0"}},
}

// walletAt replaces the placeholders of a wanted request by escaped ids.
func walletAt(w fakelago.Want, customer, wallet, key string) fakelago.Want {
	w.Path = strings.Replace(w.Path, "/customers/C", "/customers/"+customer, 1)
	w.Path = strings.Replace(w.Path, "/wallets/W", "/wallets/"+wallet, 1)
	w.Path = strings.Replace(w.Path, "/K", "/"+key, 1)
	return w
}

// emptyOK is Lago's answer to DELETE .../alerts: 200 and nothing else.
var emptyOK = fakelago.Response{Status: http.StatusOK, Header: http.Header{}}

// walletPage is one page of wallets, one per code, from the list fixture.
func walletPage(t *testing.T, page int, next *int, codes ...string) fakelago.Response {
	return pageOfFixture(t, "wallet-list.json", "wallets", "code", page, next, codes...)
}

func alertPage(t *testing.T, page int, next *int, codes ...string) fakelago.Response {
	return pageOfFixture(t, "wallet-alert-list.json", "alerts", "code", page, next, codes...)
}

// Every wallet method sends exactly its request, each id escaped as one
// path segment (dots included), and reads the answer.
func TestWalletMethodsSendTheirRequest(t *testing.T) {
	for _, c := range walletCalls {
		t.Run(c.name, func(t *testing.T) {
			f := fakelago.New(t)
			switch {
			case c.name == "DeleteWalletAlerts":
				f.Respond(emptyOK)
			case c.ok == "":
				f.Respond(pageOfFixture(t, map[bool]string{true: "wallet-list.json", false: "wallet-alert-list.json"}[c.name == "AllWallets"],
					map[bool]string{true: "wallets", false: "alerts"}[c.name == "AllWallets"], "code", 2, nil, "x"))
			default:
				f.Respond(fakelago.OK(t, c.ok))
			}
			require.NoError(t, c.call(t.Context(), f.Client(), "john@acme.com", "api.credits/eu", "legacy.id"))
			got := fakelago.OnlyRequest(t, f)
			fakelago.AssertSent(t, walletAt(c.want, "john@acme%2Ecom", "api%2Ecredits%2Feu", "legacy%2Eid"), got)
			want := map[string]string{"external_customer_id": "john@acme.com"}
			switch {
			case strings.Contains(c.want.Path, "/alerts/K"):
				want["wallet_code"], want["code"] = "api.credits/eu", "legacy.id"
			case strings.Contains(c.want.Path, "/metadata/K"):
				want["wallet_code"], want["key"] = "api.credits/eu", "legacy.id"
			case strings.Contains(c.want.Path, "/W/"):
				want["wallet_code"] = "api.credits/eu"
			case strings.Contains(c.want.Path, "/W"):
				want["code"] = "api.credits/eu"
			}
			assert.Equal(t, want, got.PathParams)
		})
	}
}

// No request leaves the client for an id that would name another
// endpoint, in any position.
func TestWalletMethodsRefuseDotIDs(t *testing.T) {
	for _, c := range walletCalls {
		params := []string{"external_customer_id"}
		switch {
		case strings.Contains(c.want.Path, "/alerts/K"):
			params = append(params, "wallet_code", "code")
		case strings.Contains(c.want.Path, "/metadata/K"):
			params = append(params, "wallet_code", "key")
		case strings.Contains(c.want.Path, "/W/"):
			params = append(params, "wallet_code")
		case strings.Contains(c.want.Path, "/W"):
			params = append(params, "code")
		}
		for i, param := range params {
			for _, bad := range []string{"", ".", ".."} {
				t.Run(c.name+"/"+param+"/"+bad, func(t *testing.T) {
					ids := []string{"acme", "w", "k"}
					ids[i] = bad
					f := fakelago.New(t)
					err := c.call(t.Context(), f.Client(), ids[0], ids[1], ids[2])
					require.ErrorIs(t, err, lago.ErrInvalidArgument)
					assert.ErrorContains(t, err, param+` must not be "`+bad+`"`)
					assert.Empty(t, f.Sent())
				})
			}
		}
	}
}

// Every wallet method turns each error status its operation answers into
// an *Error, with Lago's bodies for wallets.
func TestWalletErrorStatuses(t *testing.T) {
	statuses := []struct {
		status   int
		body     string
		sentinel error
		code     string
		details  map[string][]string
	}{
		{400, `{"status":400,"error":"BadRequest: param is missing or the value is empty or invalid: wallet"}`, lago.ErrBadRequest, "", nil},
		{401, `{"status":401,"error":"Unauthorized"}`, lago.ErrUnauthorized, "", nil},
		{403, `{"status":403,"error":"Forbidden","code":"write_action_not_allowed_for_wallet"}`, lago.ErrForbidden, "write_action_not_allowed_for_wallet", nil},
		{404, `{"status":404,"error":"Not Found","code":"wallet_not_found"}`, lago.ErrNotFound, "wallet_not_found", nil},
		{422, `{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"wallet_id":["wallet_is_terminated"]}}`,
			lago.ErrValidation, "validation_errors", map[string][]string{"wallet_id": {"wallet_is_terminated"}}},
		{429, `{"status":429,"error":"Too Many Requests"}`, lago.ErrRateLimited, "", nil},
	}
	sentinels := []error{lago.ErrBadRequest, lago.ErrUnauthorized, lago.ErrForbidden, lago.ErrNotFound,
		lago.ErrNotAllowed, lago.ErrValidation, lago.ErrRateLimited, lago.ErrServer, lago.ErrBadResponse}
	for _, c := range walletCalls {
		for _, s := range statuses {
			if !slices.Contains(c.answers, s.status) {
				continue
			}
			t.Run(c.name+"/"+http.StatusText(s.status), func(t *testing.T) {
				f := fakelago.New(t)
				f.Respond(fakelago.LagoError(s.status, s.body))
				err := c.call(t.Context(), f.Client(lago.WithRetry(lago.NoRetry)), "acme", "api_credits", "low_credits")
				var lerr *lago.Error
				require.ErrorAs(t, err, &lerr)
				assert.Equal(t, s.status, lerr.StatusCode)
				assert.Equal(t, s.code, lerr.Code)
				assert.Equal(t, s.details, lerr.Details)
				assert.Equal(t, c.want.Method+" "+walletTemplate(c.want.Path), lerr.Operation)
				for _, sentinel := range sentinels {
					assert.Equal(t, errors.Is(sentinel, s.sentinel), errors.Is(err, sentinel), "errors.Is(err, %v)", sentinel)
				}
				fakelago.AssertSent(t, walletAt(c.want, "acme", "api_credits", "low_credits"), fakelago.OnlyRequest(t, f))
			})
		}
	}
}

func walletTemplate(path string) string {
	path = strings.Replace(path, "/customers/C", "/customers/{external_customer_id}", 1)
	switch {
	case strings.Contains(path, "/W/"):
		path = strings.Replace(path, "/W/", "/{wallet_code}/", 1)
	default:
		path = strings.Replace(path, "/W", "/{code}", 1)
	}
	path = strings.Replace(path, "/alerts/K", "/alerts/{code}", 1)
	return strings.Replace(path, "/metadata/K", "/metadata/{key}", 1)
}

func TestCreateWallet(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "wallet.json"))
	expires := time.Date(2027, 9, 3, 0, 0, 0, 0, time.UTC)
	got, err := f.Client().CreateWallet(t.Context(), "acme-eu-042", lago.WalletInput{
		RateAmount:     "0.5",
		Currency:       lago.Value("EUR"),
		Name:           lago.Value("API credits"),
		Code:           lago.Value("api_credits"),
		Priority:       lago.Value[int64](10),
		PaidCredits:    lago.Value[lago.DecimalInput]("100.0"),
		GrantedCredits: lago.Null[lago.DecimalInput](),
		ExpirationAt:   lago.Value(expires),
		AppliesTo: lago.Value(lago.WalletAppliesToInput{
			FeeTypes:            lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeCharge, lago.WalletFeeTypeFixedCharge}),
			BillableMetricCodes: lago.Value([]string{"api_calls"}),
		}),
		TransactionMetadata: lago.Value([]lago.TransactionMetadata{{Key: "source", Value: "signup"}}),
		Metadata:            lago.Value(lago.WalletMetadata{"crm_id": lago.Ptr("0061x00000AbCdE")}),
	})
	require.NoError(t, err)
	assert.Equal(t, "3d9b1f7e-5a2c-4e8d-b6f0-7c1a9e3d5b24", got.LagoID)
	assert.Equal(t, "180.25", got.CreditsBalance)
	assert.Equal(t, lago.WalletMetadata{"crm_id": lago.Ptr("0061x00000AbCdE"), "note": nil}, got.Metadata)
	fakelago.AssertSent(t, fakelago.Want{Method: "POST", Path: "/customers/acme-eu-042/wallets", Body: `{"wallet":{` +
		`"applies_to":{"billable_metric_codes":["api_calls"],"fee_types":["charge","fixed_charge"]},` +
		`"code":"api_credits","currency":"EUR","expiration_at":"2027-09-03T00:00:00Z","granted_credits":null,` +
		`"metadata":{"crm_id":"0061x00000AbCdE"},"name":"API credits","paid_credits":"100.0","priority":10,` +
		`"rate_amount":"0.5","transaction_metadata":[{"key":"source","value":"signup"}]}}`}, fakelago.OnlyRequest(t, f))
}

// nullableCases are, for each optional field of an input, a sample value:
// each is sent absent, as null and set, and the input decodes from that
// JSON with encoding/json and is sent as exactly that JSON.
type nullableCase struct {
	field string // JSON key, dotted for a nested one
	value string // JSON of a value
}

// nest wraps a value in the objects of a dotted key: "a.b", `1` gives
// {"a":{"b":1}}.
func nest(field, value string) string {
	parts := strings.Split(field, ".")
	out := value
	for i := len(parts) - 1; i >= 0; i-- {
		out = `{"` + parts[i] + `":` + out + `}`
	}
	return out
}

// ruleCases are the optional fields of a recurring rule.
func ruleCases(prefix string) []nullableCase {
	p := func(f string) string { return prefix + f }
	return []nullableCase{
		{p("method"), `"target"`}, {p("interval"), `"monthly"`}, {p("threshold_credits"), `"10.0"`},
		{p("paid_credits"), `"20.0"`}, {p("granted_credits"), `"2.0"`}, {p("target_ongoing_balance"), `"200.0"`},
		{p("grants_target_top_up"), `true`}, {p("started_at"), `"2026-12-01T00:00:00Z"`},
		{p("expiration_at"), `"2027-12-01T00:00:00Z"`}, {p("invoice_requires_successful_payment"), `true`},
		{p("ignore_paid_top_up_limits"), `false`}, {p("transaction_metadata"), `[{"key":"k","value":"v"}]`},
		{p("transaction_name"), `"Refill"`}, {p("purchase_order_number"), `"PO-9"`},
		{p("invoice_custom_section"), `{"skip_invoice_custom_sections":true}`}, {p("payment_method"), `{"payment_method_type":"manual"}`},
		{p("lago_id"), `"8e2f4c6a-1b3d-4e5f-9a7b-2c4d6e8f0a1b"`},
	}
}

var sharedWalletCases = []nullableCase{
	{"name", `"Prepaid"`}, {"code", `"prepaid"`}, {"priority", `5`}, {"expiration_at", `"2027-01-01T00:00:00Z"`},
	{"invoice_requires_successful_payment", `true`}, {"billing_entity_code", `"acme_eu"`},
	{"billing_entity_id", `"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"`}, {"purchase_order_number", `"PO-1"`},
	{"paid_top_up_min_amount_cents", `500`}, {"paid_top_up_max_amount_cents", `50000`},
	{"applies_to", `{"fee_types":["charge"],"billable_metric_codes":["api_calls"]}`},
	{"applies_to.fee_types", `["subscription"]`}, {"applies_to.billable_metric_codes", `["storage_gb"]`},
	{"recurring_transaction_rules", `[{"trigger":"interval","interval":"weekly"}]`},
	{"invoice_custom_section", `{"invoice_custom_section_codes":["wire_eu"]}`},
	{"invoice_custom_section.skip_invoice_custom_sections", `false`},
	{"invoice_custom_section.invoice_custom_section_codes", `["wire_eu"]`},
	{"payment_method", `{"payment_method_type":"provider"}`},
	{"payment_method.payment_method_type", `"manual"`},
	{"payment_method.payment_method_id", `"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"`},
	{"metadata", `{"a":"1","b":null}`},
}

// triState is the JSON of an input with field absent, null and set, each
// inside base (an object's members, without braces, or "").
func triState(base string, c nullableCase) map[string]string {
	wrap := func(inner string) string {
		if base == "" {
			return inner
		}
		if inner == "{}" {
			return "{" + base + "}"
		}
		return "{" + base + "," + inner[1:]
	}
	out := map[string]string{"absent": wrap("{}"), "null": wrap(nest(c.field, "null")), "set": wrap(nest(c.field, c.value))}
	if i := strings.LastIndex(c.field, "."); i > 0 {
		// A nested field is absent from an object that is there.
		out["absent"] = wrap(nest(c.field[:i], "{}"))
	}
	return out
}

func TestWalletInputsSendExactlyWhatIsSet(t *testing.T) {
	type target struct {
		name   string
		base   string
		cases  []nullableCase
		send   func(c *lago.Client, body []byte) error
		prefix string
		typ    reflect.Type
	}
	createCases := append([]nullableCase{
		{"currency", `"EUR"`}, {"external_customer_id", `"ignored"`}, {"paid_credits", `"10.0"`},
		{"granted_credits", `"5.0"`}, {"transaction_name", `"Welcome"`}, {"transaction_metadata", `[{"key":"k","value":"v"}]`},
		{"transaction_priority", `3`}, {"ignore_paid_top_up_limits_on_creation", `true`},
	}, sharedWalletCases...)
	targets := []target{
		{name: "WalletInput", typ: reflect.TypeFor[lago.WalletInput](), base: `"rate_amount":"1.0"`, cases: createCases, prefix: `{"wallet":`,
			send: func(c *lago.Client, body []byte) error {
				var in lago.WalletInput
				if err := json.Unmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateWallet(context.Background(), "acme", in)
				return err
			}},
		{name: "WalletUpdateInput", typ: reflect.TypeFor[lago.WalletUpdateInput](), cases: sharedWalletCases, prefix: `{"wallet":`,
			send: func(c *lago.Client, body []byte) error {
				var in lago.WalletUpdateInput
				if err := json.Unmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.UpdateWallet(context.Background(), "acme", "prepaid", in)
				return err
			}},
		{name: "RecurringTransactionRuleInput", typ: reflect.TypeFor[lago.RecurringTransactionRuleInput](), base: `"trigger":"interval"`, cases: ruleCases(""), prefix: `{"wallet":{"recurring_transaction_rules":[`,
			send: func(c *lago.Client, body []byte) error {
				var in lago.RecurringTransactionRuleInput
				if err := json.Unmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.UpdateWallet(context.Background(), "acme", "prepaid", lago.WalletUpdateInput{
					RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{in}),
				})
				return err
			}},
		{name: "WalletAlertInput", typ: reflect.TypeFor[lago.WalletAlertInput](), base: `"alert_type":"wallet_balance_amount","code":"low","thresholds":[{"value":"1.0"}]`,
			cases: []nullableCase{{"name", `"Low balance"`}}, prefix: `{"alert":`,
			send: func(c *lago.Client, body []byte) error {
				var in lago.WalletAlertInput
				if err := json.Unmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateWalletAlert(context.Background(), "acme", "prepaid", in)
				return err
			}},
		{name: "WalletAlertUpdateInput", typ: reflect.TypeFor[lago.WalletAlertUpdateInput](), prefix: `{"alert":`,
			cases: []nullableCase{{"code", `"lower"`}, {"name", `"Lower"`}, {"thresholds", `[{"value":"2.5","code":"warn","recurring":false}]`}},
			send: func(c *lago.Client, body []byte) error {
				var in lago.WalletAlertUpdateInput
				if err := json.Unmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.UpdateWalletAlert(context.Background(), "acme", "prepaid", "low", in)
				return err
			}},
		{name: "WalletAlertThresholdInput", typ: reflect.TypeFor[lago.WalletAlertThresholdInput](), base: `"value":"7"`, prefix: `{"alert":{"thresholds":[`,
			cases: []nullableCase{{"code", `"warn"`}, {"recurring", `true`}},
			send: func(c *lago.Client, body []byte) error {
				var in lago.WalletAlertThresholdInput
				if err := json.Unmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.UpdateWalletAlert(context.Background(), "acme", "prepaid", "low", lago.WalletAlertUpdateInput{
					Thresholds: lago.Value([]lago.WalletAlertThresholdInput{in}),
				})
				return err
			}},
	}
	for _, tg := range targets {
		// Every Nullable field of the type has its cases.
		covered := map[string]bool{}
		for _, c := range tg.cases {
			covered[strings.Split(c.field, ".")[0]] = true
		}
		for i := range tg.typ.NumField() {
			f := tg.typ.Field(i)
			if strings.HasPrefix(f.Type.Name(), "Nullable[") {
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				assert.True(t, covered[name], "%s.%s has no absent/null/set case", tg.name, name)
			}
		}
		suffix := strings.Repeat("}", strings.Count(tg.prefix, "{"))
		if strings.HasSuffix(tg.prefix, "[") {
			suffix = "]" + suffix
		}
		for _, c := range tg.cases {
			for state, body := range triState(tg.base, c) {
				t.Run(tg.name+"/"+c.field+"/"+state, func(t *testing.T) {
					f := fakelago.New(t)
					if strings.HasPrefix(tg.prefix, `{"alert"`) {
						f.Respond(fakelago.OK(t, "wallet-alert.json"))
					} else {
						f.Respond(fakelago.OK(t, "wallet.json"))
					}
					require.NoError(t, tg.send(f.Client(), []byte(body)))
					got := fakelago.OnlyRequest(t, f)
					assert.JSONEq(t, tg.prefix+body+suffix, got.Body)
				})
			}
		}
	}
}

func TestGetAndTerminateWallet(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "wallet.json"), fakelago.OK(t, "wallet-terminated.json"))
	c := f.Client()
	got, err := c.GetWallet(t.Context(), "acme-eu-042", "api_credits")
	require.NoError(t, err)
	assert.Equal(t, lago.WalletStatusActive, got.Status)
	assert.Equal(t, []string{"api_calls", "storage_gb"}, got.AppliesTo.BillableMetricCodes)
	require.Len(t, got.RecurringTransactionRules, 1)
	assert.Nil(t, got.RecurringTransactionRules[0].Interval)

	gone, err := c.TerminateWallet(t.Context(), "acme-eu-042", "legacy")
	require.NoError(t, err)
	assert.Equal(t, lago.WalletStatusTerminated, gone.Status)
	assert.Equal(t, time.Date(2026, 11, 14, 9, 30, 0, 417000000, time.UTC), *gone.TerminatedAt)
	assert.Nil(t, gone.Metadata)
	reqs := f.Sent()
	require.Len(t, reqs, 2)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/wallets/api_credits"}, reqs[0])
	fakelago.AssertSent(t, fakelago.Want{Method: "DELETE", Path: "/customers/acme-eu-042/wallets/legacy"}, reqs[1])
}

func TestListWallets(t *testing.T) {
	f := fakelago.New(t)
	f.Respond(fakelago.OK(t, "wallet-list.json"))
	page, err := f.Client().ListWallets(t.Context(), "acme-eu-042", &lago.ListWalletsOptions{
		Page: 1, PerPage: 2, BillingEntityCodes: []string{"acme_eu", "acme_us"}, Currency: "EUR",
	})
	require.NoError(t, err)
	require.Len(t, page.Wallets, 2)
	assert.Equal(t, lago.WalletStatusTerminated, page.Wallets[0].Status)
	assert.Equal(t, lago.Ptr[int64](2), page.Meta.NextPage)
	fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme-eu-042/wallets", Query: url.Values{
		"page": {"1"}, "per_page": {"2"}, "billing_entity_codes[]": {"acme_eu", "acme_us"}, "currency": {"EUR"},
	}}, fakelago.OnlyRequest(t, f))

	_, err = f.Client().ListWallets(t.Context(), "acme-eu-042", &lago.ListWalletsOptions{PerPage: -1})
	require.ErrorIs(t, err, lago.ErrInvalidArgument)
	_, err = f.Client().ListWalletAlerts(t.Context(), "acme-eu-042", "w", &lago.ListWalletAlertsOptions{Page: -1})
	require.ErrorIs(t, err, lago.ErrInvalidArgument)
	assert.Len(t, f.Sent(), 1)
}

func TestAllWallets(t *testing.T) {
	t.Run("walks every page", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(walletPage(t, 1, lago.Ptr(2), "w5", "w4"), walletPage(t, 2, lago.Ptr(3), "w3", "w2"), walletPage(t, 3, nil, "w1"))
		var got []string
		for w, err := range f.Client().AllWallets(t.Context(), "acme", &lago.ListWalletsOptions{PerPage: 2, Currency: "EUR"}) {
			require.NoError(t, err)
			got = append(got, *w.Code)
		}
		assert.Equal(t, []string{"w5", "w4", "w3", "w2", "w1"}, got)
		reqs := f.Sent()
		require.Len(t, reqs, 3)
		for i, page := range []string{"", "2", "3"} {
			q := url.Values{"per_page": {"2"}, "currency": {"EUR"}}
			if page != "" {
				q.Set("page", page)
			}
			fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/wallets", Query: q}, reqs[i])
		}
	})
	t.Run("stops at an error mid-walk", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(walletPage(t, 1, lago.Ptr(2), "w5", "w4"), fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`))
		var got []string
		var errs []error
		for w, err := range f.Client().AllWallets(t.Context(), "acme", nil) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, *w.Code)
		}
		assert.Equal(t, []string{"w5", "w4"}, got)
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], lago.ErrNotFound)
		assert.Len(t, f.Sent(), 2)
	})
}

// UpdateWallet leaves applies_to out unless told, which makes Lago drop the
// wallet's billable-metric restriction; UpdateWalletKeepingRestrictions
// resends what the wallet has.
func TestUpdateWalletKeepingRestrictions(t *testing.T) {
	t.Run("applies_to absent: both lists resent", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet.json"), fakelago.OK(t, "wallet.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "api_credits", lago.WalletUpdateInput{Name: lago.Value("Renamed")})
		require.NoError(t, err)
		reqs := f.Sent()
		require.Len(t, reqs, 2)
		fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: "/customers/acme/wallets/api_credits"}, reqs[0])
		fakelago.AssertSent(t, fakelago.Want{Method: "PUT", Path: "/customers/acme/wallets/api_credits",
			Body: `{"wallet":{"applies_to":{"billable_metric_codes":["api_calls","storage_gb"],"fee_types":["charge","fixed_charge"]},"name":"Renamed"}}`}, reqs[1])
	})
	t.Run("fee types changed: the codes are resent", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet.json"), fakelago.OK(t, "wallet.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "api_credits", lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{FeeTypes: lago.Value([]lago.WalletFeeType{lago.WalletFeeTypeSubscription})}),
		})
		require.NoError(t, err)
		reqs := f.Sent()
		require.Len(t, reqs, 2)
		assert.Equal(t, `{"wallet":{"applies_to":{"billable_metric_codes":["api_calls","storage_gb"],"fee_types":["subscription"]}}}`, reqs[1].Body)
	})
	t.Run("a terminated wallet under the code is refused", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet-terminated.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "legacy", lago.WalletUpdateInput{})
		require.ErrorIs(t, err, lago.ErrInvalidArgument, "the code resolved to a terminated wallet")
		assert.Len(t, f.Sent(), 1)
	})
	t.Run("codes given: sent as they are, one request", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "wallet.json"))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "api_credits", lago.WalletUpdateInput{
			AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{})}),
		})
		require.NoError(t, err)
		fakelago.AssertSent(t, fakelago.Want{Method: "PUT", Path: "/customers/acme/wallets/api_credits",
			Body: `{"wallet":{"applies_to":{"billable_metric_codes":[]}}}`}, fakelago.OnlyRequest(t, f))
	})
	t.Run("the read fails: nothing is updated", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"wallet_not_found"}`))
		_, err := f.Client().UpdateWalletKeepingRestrictions(t.Context(), "acme", "nope", lago.WalletUpdateInput{Name: lago.Value("x")})
		require.ErrorIs(t, err, lago.ErrNotFound)
		assert.Len(t, f.Sent(), 1)
	})
}

// Input types survive a JSON round trip, so they can be stored or built
// from configuration and still send exactly what was set.
func TestWalletInputsRoundTrip(t *testing.T) {
	in := lago.WalletUpdateInput{
		Name:      lago.Null[string](),
		Priority:  lago.Value[int64](1),
		AppliesTo: lago.Value(lago.WalletAppliesToInput{BillableMetricCodes: lago.Value([]string{"api_calls"})}),
		Metadata:  lago.Value(lago.WalletMetadata{"k": nil}),
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `{"applies_to":{"billable_metric_codes":["api_calls"]},"metadata":{"k":null},"name":null,"priority":1}`, string(b))
	var back lago.WalletUpdateInput
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, in, back)
}
