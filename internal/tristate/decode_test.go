package tristate

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// textUnmarshalKind decodes itself from text, which the fast path must
// leave to encoding/json.
type textUnmarshalKind string

func (k *textUnmarshalKind) UnmarshalText(b []byte) error {
	*k = textUnmarshalKind("text:" + string(b))
	return nil
}

// reference is Nullable's decoding before the fast paths: null, or
// json.Unmarshal of the value. The fast paths must match it exactly.
type reference[T any] struct {
	value T
	state state
}

func (n *reference[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		var zero T
		n.value, n.state = zero, null
		return nil
	}
	if err := json.Unmarshal(data, &n.value); err != nil {
		return err
	}
	n.state = present
	return nil
}

// fields holds every kind the fast paths cover, and some they do not.
type fields struct {
	S  Nullable[string]            `json:"s,omitzero"`
	K  Nullable[kind]              `json:"k,omitzero"`
	T  Nullable[textUnmarshalKind] `json:"t,omitzero"`
	B  Nullable[bool]              `json:"b,omitzero"`
	I  Nullable[int64]             `json:"i,omitzero"`
	F  Nullable[float64]           `json:"f,omitzero"`
	L  Nullable[[]string]          `json:"l,omitzero"`
	In Nullable[fieldsInner]       `json:"in,omitzero"`
}

type fieldsInner struct {
	S Nullable[string] `json:"s,omitzero"`
	I Nullable[int64]  `json:"i,omitzero"`
}

type referenceFields struct {
	S  reference[string]               `json:"s"`
	K  reference[kind]                 `json:"k"`
	T  reference[textUnmarshalKind]    `json:"t"`
	B  reference[bool]                 `json:"b"`
	I  reference[int64]                `json:"i"`
	F  reference[float64]              `json:"f"`
	L  reference[[]string]             `json:"l"`
	In reference[referenceFieldsInner] `json:"in"`
}

type referenceFieldsInner struct {
	S reference[string] `json:"s"`
	I reference[int64]  `json:"i"`
}

// sameAs reports a difference between what Nullable and reference decoded.
func sameAs[T any](t *testing.T, name string, got Nullable[T], want reference[T]) {
	t.Helper()
	assert.Equal(t, want.state, got.state, "%s: state", name)
	assert.Equal(t, want.value, got.value, "%s: value", name)
}

// checkSameDecoding decodes body into fields and into referenceFields, and
// requires the same error and the same values.
func checkSameDecoding(t *testing.T, body []byte) {
	t.Helper()
	var got fields
	var want referenceFields
	errGot := json.Unmarshal(body, &got)
	errWant := json.Unmarshal(body, &want)
	if errWant != nil {
		require.Error(t, errGot, "%q", body)
		// The errors name the struct types, which differ by this prefix.
		require.Equal(t, strings.ReplaceAll(errWant.Error(), "referenceFields", "fields"), errGot.Error(), "%q", body)
	} else {
		require.NoError(t, errGot, "%q", body)
	}
	sameAs(t, "s", got.S, want.S)
	sameAs(t, "k", got.K, want.K)
	sameAs(t, "t", got.T, want.T)
	sameAs(t, "b", got.B, want.B)
	sameAs(t, "i", got.I, want.I)
	sameAs(t, "f", got.F, want.F)
	sameAs(t, "l", got.L, want.L)
	assert.Equal(t, want.In.state, got.In.state, "in: state")
	sameAs(t, "in.s", got.In.value.S, want.In.value.S)
	sameAs(t, "in.i", got.In.value.I, want.In.value.I)
}

// The values that exercise the fast paths and the edges where they must
// step aside: escapes, invalid UTF-8, control characters, numbers that are
// not plain integers, overflow, wrong kinds.
var decodeValues = []string{
	`null`, ` null `, `"x"`, `""`, `"Acme Europe SAS"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, `"é ü 日本 😀"`,
	"\"bad \xff utf8\"", "\"\xed\xa0\x80\"", "\"tab\tin\"", `"\ud800"`, `"<&>"`,
	`true`, `false`, `0`, `-0`, `7`, `-42`, `30`, `123456789012345678`, `-123456789012345678`,
	`1234567890123456789`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`,
	`1.5`, `1e3`, `1.0`, `01`, `-`, `[]`, `["a","b"]`, `{}`, `{"s":"x","i":3}`, `{"s":1}`,
	`tru`, `nul`, `"unterminated`, `[`, `{`,
}

func TestUnmarshalMatchesEncodingJSON(t *testing.T) {
	for _, key := range []string{"s", "k", "t", "b", "i", "f", "l", "in"} {
		for _, v := range decodeValues {
			checkSameDecoding(t, []byte(`{"`+key+`":`+v+`}`))
		}
	}
	checkSameDecoding(t, []byte(`{"s":"a","k":"company","t":"x","b":true,"i":-3,"f":2.5,"l":["x"],"in":{"s":"y","i":4}}`))
	checkSameDecoding(t, []byte(`{"s":"a","s":"b","i":1,"i":2}`))
}

// Called directly, UnmarshalJSON sees bytes no decoder checked first.
func TestUnmarshalJSONDirectMatchesReference(t *testing.T) {
	extra := []string{`"a" "b"`, `"a"x"`, ` "a"`, `"a" `, `"`, ``, `true `, ` 5`, `5 `, `--5`, `5-`, `"a\"`}
	for _, v := range append(append([]string(nil), decodeValues...), extra...) {
		checkDirect(t, []byte(v))
	}
}

func checkDirect(t *testing.T, data []byte) {
	t.Helper()
	checkDirectOf[string](t, data)
	checkDirectOf[kind](t, data)
	checkDirectOf[textUnmarshalKind](t, data)
	checkDirectOf[bool](t, data)
	checkDirectOf[int64](t, data)
}

func checkDirectOf[T any](t *testing.T, data []byte) {
	t.Helper()
	var got Nullable[T]
	var want reference[T]
	errGot := got.UnmarshalJSON(data)
	errWant := want.UnmarshalJSON(data)
	if errWant != nil {
		require.Error(t, errGot, "%q", data)
		require.Equal(t, errWant.Error(), errGot.Error(), "%q", data)
	} else {
		require.NoError(t, errGot, "%q", data)
	}
	sameAs(t, string(data), got, want)
}

func FuzzUnmarshalMatchesEncodingJSON(f *testing.F) {
	for _, v := range decodeValues {
		f.Add(`{"s":`+v+`}`, v)
	}
	f.Add(`{"s":"a","k":"company","b":true,"i":-3,"in":{"s":"y"}}`, `"x"`)
	f.Fuzz(func(t *testing.T, body, value string) {
		checkSameDecoding(t, []byte(body))
		for _, key := range []string{"s", "k", "b", "i", "in"} {
			checkSameDecoding(t, []byte(`{"`+key+`":`+value+`}`))
		}
		checkDirect(t, []byte(value))
	})
}

func TestUnmarshalAllocations(t *testing.T) {
	tests := []struct {
		name string
		data string
		n    json.Unmarshaler
		max  float64
	}{
		{"string", `"Acme Europe SAS"`, new(Nullable[string]), 1},
		{"named string", `"company"`, new(Nullable[kind]), 1},
		{"bool", `true`, new(Nullable[bool]), 0},
		{"int64", `30`, new(Nullable[int64]), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			allocs := testing.AllocsPerRun(100, func() { _ = tt.n.UnmarshalJSON(data) })
			assert.LessOrEqual(t, allocs, tt.max)
		})
	}
}
