package scalar_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/scalar"
	"github.com/lagoclient/lago-go/internal/tristate"
)

var nov1 = scalar.Date{Time: time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)}

func TestDateUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name, in string
		start    scalar.Date
		want     scalar.Date
		err      string
	}{
		{name: "day", in: `"2026-11-01"`, want: nov1},
		{name: "null leaves zero", in: `null`},
		{name: "null leaves a value", in: `null`, start: nov1, want: nov1},
		{name: "empty string", in: `""`, err: `parsing time "" as "2006-01-02": cannot parse "" as "2006"`},
		{name: "date-time", in: `"2026-11-01T00:00:00Z"`, err: `parsing time "2026-11-01T00:00:00Z": extra text: "T00:00:00Z"`},
		{name: "no such day", in: `"2026-02-30"`, err: `parsing time "2026-02-30": day out of range`},
		{name: "number", in: `20261101`, err: `json: cannot unmarshal number into Go value of type string`},
		{name: "leap day", in: `"2024-02-29"`, want: scalar.Date{Time: time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)}},
		{name: "no leap day", in: `"2026-02-29"`, err: `parsing time "2026-02-29": day out of range`},
		{name: "month 13", in: `"2026-13-01"`, err: `parsing time "2026-13-01": month out of range`},
		{name: "day 0", in: `"2026-11-00"`, err: `parsing time "2026-11-00": day out of range`},
		{name: "escaped digit", in: `"2026-11-0\u0031"`, want: nov1},
		{name: "sign", in: `"+026-11-01"`, err: `parsing time "+026-11-01" as "2006-01-02": cannot parse "+026-11-01" as "2006"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.start
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// A null date in an object is what encoding/json makes of a null string:
// nothing, and the other fields decode.
func TestDateNullInObjectIsLikeAString(t *testing.T) {
	var got struct {
		Due  scalar.Date  `json:"due"`
		Ptr  *scalar.Date `json:"ptr"`
		Note string       `json:"note"`
		Next string       `json:"next"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"due":null,"ptr":null,"note":null,"next":"n"}`), &got))
	assert.Equal(t, scalar.Date{}, got.Due)
	assert.Nil(t, got.Ptr)
	assert.Equal(t, "n", got.Next)
}

func TestDateEncoding(t *testing.T) {
	b, err := json.Marshal(struct {
		D scalar.Date `json:"d"`
	}{nov1})
	require.NoError(t, err)
	assert.Equal(t, `{"d":"2026-11-01"}`, string(b))
	text, err := nov1.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2026-11-01", string(text))
	assert.Equal(t, "2026-11-01", nov1.String())
	var back scalar.Date
	require.NoError(t, back.UnmarshalText(text))
	assert.Equal(t, nov1, back)
	assert.EqualError(t, back.UnmarshalText([]byte("x")), `parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`)
	// The runtime's query parameter styling recognises a date by
	// conversion to its own type.
	assert.True(t, reflect.TypeFor[scalar.Date]().ConvertibleTo(reflect.TypeFor[openapi_types.Date]()))
}

func TestDecimalInputUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     scalar.DecimalInput
		err      string
	}{
		{name: "integer", in: `99`, want: "99"},
		{name: "fraction kept as written", in: `0.1`, want: "0.1"},
		{name: "trailing zeros kept", in: `10.50`, want: "10.50"},
		{name: "negative", in: `-2.5`, want: "-2.5"},
		{name: "beyond float64", in: `12345678901234567890.123456789012345678`, want: "12345678901234567890.123456789012345678"},
		{name: "string", in: `"99"`, want: "99"},
		{name: "string fraction", in: `"0.10"`, want: "0.10"},
		{name: "string leading zeros", in: `"007"`, want: "007"},
		{name: "string escaped", in: `"1\u002e5"`, want: "1.5"},
		{name: "exponent", in: `1e2`, err: `decimal input: 1e2 is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "exponent with fraction", in: `1.5E+3`, err: `decimal input: 1.5E+3 is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "string exponent", in: `"1e2"`, err: `decimal input: "1e2" is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "true", in: `true`, err: `decimal input: true is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "abc", in: `"abc"`, err: `decimal input: "abc" is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "object", in: `{}`, err: `decimal input: {} is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "list", in: `[1]`, err: `decimal input: [1] is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "empty string", in: `""`, err: `decimal input: "" is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "string with space", in: `" 1"`, err: `decimal input: " 1" is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "string with plus", in: `"+1"`, err: `decimal input: "+1" is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "point without digits", in: `"1."`, err: `decimal input: "1." is not a decimal such as 10.5 or "10.5" (no exponent)`},
		{name: "no integer part", in: `".5"`, err: `decimal input: ".5" is not a decimal such as 10.5 or "10.5" (no exponent)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got scalar.DecimalInput
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				assert.Equal(t, scalar.DecimalInput(""), got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, `"`+string(tt.want)+`"`, string(b), "sent as the exact decimal string")
		})
	}
}

func TestDecimalInputNullLeavesValue(t *testing.T) {
	got := scalar.DecimalInput("5")
	require.NoError(t, json.Unmarshal([]byte(`null`), &got))
	assert.Equal(t, scalar.DecimalInput("5"), got)
}

// Inside a Nullable, absent, null and a value keep their meaning, and a
// value is sent as the string it holds.
func TestDecimalInputInNullable(t *testing.T) {
	type body struct {
		V tristate.Nullable[scalar.DecimalInput] `json:"v,omitzero"`
	}
	tests := []struct {
		name, in, out string
		want          tristate.Nullable[scalar.DecimalInput]
	}{
		{name: "absent", in: `{}`, out: `{}`},
		{name: "null", in: `{"v":null}`, out: `{"v":null}`, want: tristate.Null[scalar.DecimalInput]()},
		{name: "number", in: `{"v":0.1}`, out: `{"v":"0.1"}`, want: tristate.Value[scalar.DecimalInput]("0.1")},
		{name: "string", in: `{"v":"100.00"}`, out: `{"v":"100.00"}`, want: tristate.Value[scalar.DecimalInput]("100.00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got body
			require.NoError(t, json.Unmarshal([]byte(tt.in), &got))
			assert.Equal(t, tt.want, got.V)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(b))
		})
	}
	var got body
	assert.EqualError(t, json.Unmarshal([]byte(`{"v":true}`), &got), `decimal input: true is not a decimal such as 10.5 or "10.5" (no exponent)`)
}

func TestIsDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"0", true}, {"-0", true}, {"10.25", true}, {"-1.0", true}, {"007", true},
		{"", false}, {"-", false}, {"1.", false}, {".1", false}, {"1.2.3", false}, {"1e2", false},
		{"+1", false}, {" 1", false}, {"1 ", false}, {"0x10", false}, {"١", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, scalar.IsDecimal(tt.in), tt.in)
	}
}

// dateReference is Date.UnmarshalJSON without its short cut: unquoted by
// encoding/json, parsed by time.Parse.
func dateReference(data []byte) (scalar.Date, error) {
	var d scalar.Date
	if string(data) == "null" {
		return d, nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return d, err
	}
	t, err := time.Parse(scalar.DateFormat, s)
	d.Time = t
	if err != nil {
		return scalar.Date{}, err
	}
	return d, nil
}

// The short cut for plain dates gives what the general path gives, value
// or error, for any bytes.
func FuzzDateMatchesTimeParse(f *testing.F) {
	for _, s := range []string{`"2026-11-01"`, `"2024-02-29"`, `"2026-02-29"`, `"2026-04-31"`, `"0000-01-01"`, `"9999-12-31"`,
		`"2026-00-10"`, `"2026-1-010"`, `"2026-11-0\u0031"`, `"20x6-11-01"`, `null`, `""`, `"2026-11-01T00:00:00Z"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr := dateReference(data)
		var got scalar.Date
		err := got.UnmarshalJSON(data)
		if wantErr != nil {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, want, got)
	})
}
