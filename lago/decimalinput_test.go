package lago_test

import (
	"encoding/json"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/specval"
	"github.com/lagoclient/lago-go/lago"
)

// A wallet loaded from JSON, decimals as numbers and as strings, is sent
// with each decimal as the exact string it was written as.
func TestWalletInputDecimalsFromJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     lago.WalletInput
		out      string
	}{
		{
			name: "numbers",
			in:   `{"rate_amount":0.1,"paid_credits":100,"granted_credits":20.50,"recurring_transaction_rules":[{"trigger":"threshold","threshold_credits":5.0,"paid_credits":10,"granted_credits":0.001,"target_ongoing_balance":200}]}`,
			want: lago.WalletInput{
				RateAmount: "0.1", PaidCredits: lago.Value[lago.DecimalInput]("100"), GrantedCredits: lago.Value[lago.DecimalInput]("20.50"),
				RecurringTransactionRules: lago.Value([]lago.RecurringTransactionRuleInput{{
					Trigger: lago.RecurringRuleTriggerThreshold, ThresholdCredits: lago.Value[lago.DecimalInput]("5.0"),
					PaidCredits: lago.Value[lago.DecimalInput]("10"), GrantedCredits: lago.Value[lago.DecimalInput]("0.001"),
					TargetOngoingBalance: lago.Value[lago.DecimalInput]("200"),
				}}),
			},
			out: `{"granted_credits":"20.50","paid_credits":"100","rate_amount":"0.1","recurring_transaction_rules":[{"granted_credits":"0.001","paid_credits":"10","target_ongoing_balance":"200","threshold_credits":"5.0","trigger":"threshold"}]}`,
		},
		{
			name: "strings",
			in:   `{"rate_amount":"0.1","paid_credits":"100","granted_credits":"20.50"}`,
			want: lago.WalletInput{RateAmount: "0.1", PaidCredits: lago.Value[lago.DecimalInput]("100"), GrantedCredits: lago.Value[lago.DecimalInput]("20.50")},
			out:  `{"granted_credits":"20.50","paid_credits":"100","rate_amount":"0.1"}`,
		},
		{
			name: "null and absent",
			in:   `{"rate_amount":1,"paid_credits":null}`,
			want: lago.WalletInput{RateAmount: "1", PaidCredits: lago.Null[lago.DecimalInput]()},
			out:  `{"paid_credits":null,"rate_amount":"1"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got lago.WalletInput
			require.NoError(t, json.Unmarshal([]byte(tt.in), &got))
			assert.Equal(t, tt.want, got)
			// The body the client sends.
			req, err := gen.NewCreateCustomerWalletRequest("https://lago.test/api/v1", "acme", gen.WalletInputEnvelope{Wallet: got})
			require.NoError(t, err)
			body, err := io.ReadAll(req.Body)
			require.NoError(t, err)
			assert.JSONEq(t, `{"wallet":`+tt.out+`}`, string(body))
		})
	}
}

// An alert loaded from JSON: thresholds as numbers and strings.
func TestWalletAlertInputThresholdsFromJSON(t *testing.T) {
	var got lago.WalletAlertInput
	require.NoError(t, json.Unmarshal([]byte(`{"alert_type":"wallet_balance_amount","code":"low","thresholds":[{"value":99},{"value":"10.50","code":"warn"},{"value":0.1,"recurring":true}]}`), &got))
	assert.Equal(t, lago.WalletAlertInput{AlertType: lago.WalletAlertTypeWalletBalanceAmount, Code: "low", Thresholds: []lago.WalletAlertThresholdInput{
		{Value: "99"}, {Value: "10.50", Code: lago.Value("warn")}, {Value: "0.1", Recurring: lago.Value(true)},
	}}, got)
	assert.Equal(t, `{"alert_type":"wallet_balance_amount","code":"low","thresholds":[{"value":"99"},{"code":"warn","value":"10.50"},{"recurring":true,"value":"0.1"}]}`, marshal(t, got))

	var update lago.WalletAlertUpdateInput
	require.NoError(t, json.Unmarshal([]byte(`{"thresholds":[{"value":25}]}`), &update))
	assert.Equal(t, lago.WalletAlertUpdateInput{Thresholds: lago.Value([]lago.WalletAlertThresholdInput{{Value: "25"}})}, update)
	assert.Equal(t, `{"thresholds":[{"value":"25"}]}`, marshal(t, update))
}

func TestDecimalInputsRefuseOtherJSON(t *testing.T) {
	tests := []struct {
		name, in string
		into     any
		err      string
	}{
		{"true threshold", `{"thresholds":[{"value":true}]}`, new(lago.WalletAlertInput), `decimal input: true is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{"word threshold", `{"thresholds":[{"value":"abc"}]}`, new(lago.WalletAlertInput), `decimal input: "abc" is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{"object rate", `{"rate_amount":{}}`, new(lago.WalletInput), `decimal input: {} is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{"exponent credits", `{"rate_amount":"1","paid_credits":1e2}`, new(lago.WalletInput), `decimal input: 1e2 is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{"rule list credits", `{"recurring_transaction_rules":[{"granted_credits":[1]}]}`, new(lago.WalletUpdateInput), `decimal input: [1] is not a decimal such as 10.5 or "10.5" (no exponent)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, json.Unmarshal([]byte(tt.in), tt.into), tt.err)
		})
	}
}

var (
	decimalInputType         = reflect.TypeFor[lago.DecimalInput]()
	nullableDecimalInputType = reflect.TypeFor[lago.Nullable[lago.DecimalInput]]()
)

// decimalField is a decimal field of a request type: its struct, Go and
// JSON names.
type decimalField struct {
	structType       reflect.Type
	goName, jsonName string
}

func (f decimalField) String() string { return f.structType.Name() + "." + f.jsonName }

// Every decimal field of the request schemas of openapi/lago.yaml is a
// DecimalInput, plain or Nullable, and each takes a JSON number and a
// numeric string and is sent as the exact decimal string.
func TestEveryDecimalInputFieldTakesNumbersAndStrings(t *testing.T) {
	doc, err := specval.Load(t.Context())
	require.NoError(t, err)
	fromSpec := specDecimalInputs(doc)
	require.NotEmpty(t, fromSpec)

	var fields []decimalField
	seen := map[reflect.Type]bool{}
	for _, root := range []reflect.Type{
		reflect.TypeFor[gen.CustomerCreateInput](), reflect.TypeFor[gen.WalletInputEnvelope](),
		reflect.TypeFor[gen.WalletUpdateInputEnvelope](), reflect.TypeFor[gen.WalletMetadataEnvelope](),
		reflect.TypeFor[gen.WalletAlertInputEnvelope](), reflect.TypeFor[gen.WalletAlertBatchInputEnvelope](),
		reflect.TypeFor[gen.WalletAlertUpdateInputEnvelope](),
	} {
		fields = collectDecimalInputs(root, seen, fields)
	}
	var fromGo []string
	for _, f := range fields {
		fromGo = append(fromGo, f.String())
	}
	slices.Sort(fromGo)
	assert.Equal(t, fromSpec, fromGo, "the decimal fields of the request schemas and the DecimalInput fields of their Go types")

	for _, f := range fields {
		t.Run(f.String(), func(t *testing.T) {
			for _, in := range []string{`12.50`, `"12.50"`} {
				v := reflect.New(f.structType)
				require.NoError(t, json.Unmarshal([]byte(`{"`+f.jsonName+`":`+in+`}`), v.Interface()), in)
				got := v.Elem().FieldByName(f.goName).Interface()
				switch got := got.(type) {
				case lago.DecimalInput:
					assert.Equal(t, lago.DecimalInput("12.50"), got, in)
				case lago.Nullable[lago.DecimalInput]:
					assert.Equal(t, lago.Value[lago.DecimalInput]("12.50"), got, in)
				default:
					t.Fatalf("%T", got)
				}
				var sent map[string]json.RawMessage
				require.NoError(t, json.Unmarshal([]byte(marshal(t, v.Interface())), &sent))
				assert.Equal(t, `"12.50"`, string(sent[f.jsonName]), in)
			}
			for _, in := range []string{`true`, `"abc"`, `{}`, `1e2`} {
				v := reflect.New(f.structType)
				assert.EqualError(t, json.Unmarshal([]byte(`{"`+f.jsonName+`":`+in+`}`), v.Interface()),
					`decimal input: `+in+` is not a decimal such as 10.5 or "10.5" (no exponent)`)
			}
		})
	}
}

// collectDecimalInputs appends the DecimalInput fields of t and of the
// types inside it.
func collectDecimalInputs(t reflect.Type, seen map[reflect.Type]bool, out []decimalField) []decimalField {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return out
	}
	seen[t] = true
	if strings.HasPrefix(t.Name(), "Nullable[") {
		value, _ := t.MethodByName("Get")
		return collectDecimalInputs(value.Type.Out(0), seen, out)
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Type == decimalInputType || sf.Type == nullableDecimalInputType {
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			out = append(out, decimalField{structType: t, goName: sf.Name, jsonName: name})
			continue
		}
		out = collectDecimalInputs(sf.Type, seen, out)
	}
	return out
}

// specDecimalInputs lists, as Schema.property, the properties of the
// schemas reachable from the request bodies that are a Decimal.
func specDecimalInputs(doc *openapi3.T) []string {
	const decimal = "#/components/schemas/Decimal"
	isDecimal := func(ref *openapi3.SchemaRef) bool {
		if ref.Ref == decimal {
			return true
		}
		return slices.ContainsFunc(ref.Value.AllOf, func(r *openapi3.SchemaRef) bool { return r.Ref == decimal })
	}
	var out []string
	seen := map[*openapi3.Schema]bool{}
	var walk func(name string, ref *openapi3.SchemaRef)
	walk = func(name string, ref *openapi3.SchemaRef) {
		if ref == nil || seen[ref.Value] {
			return
		}
		if ref.Ref != "" {
			name = ref.Ref[strings.LastIndexByte(ref.Ref, '/')+1:]
		}
		s := ref.Value
		seen[s] = true
		for prop, p := range s.Properties {
			if isDecimal(p) {
				out = append(out, name+"."+prop)
				continue
			}
			walk("", p)
		}
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, r := range list {
				walk(name, r)
			}
		}
		walk(name, s.Items)
		if s.AdditionalProperties.Schema != nil {
			walk(name, s.AdditionalProperties.Schema)
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			for _, media := range op.RequestBody.Value.Content {
				walk("", media.Schema)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
