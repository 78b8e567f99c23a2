package main

import (
	"encoding"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	scalarpkg "github.com/lagoclient/lago-go/internal/scalar"
)

// The encoders write scalar.DecimalInput as a plain string: right only
// while encoding/json does too, with no method of its own.
func TestDecimalInputIsAPlainString(t *testing.T) {
	typ := reflect.TypeFor[scalarpkg.DecimalInput]()
	assert.Equal(t, reflect.String, typ.Kind())
	for _, iface := range []reflect.Type{reflect.TypeFor[json.Marshaler](), reflect.TypeFor[encoding.TextMarshaler]()} {
		assert.False(t, reflect.PointerTo(typ).Implements(iface), "DecimalInput implements %s", iface)
	}
}

// thing is the source of package gen with one body, Thing, of fields.
func thing(fields ...string) string {
	src := "package gen\n\ntype DoThingJSONRequestBody = Thing\n\ntype Thing struct {\n"
	for _, f := range fields {
		src += "\t" + f + "\n"
	}
	return src + "}\n"
}

// tagged is a field declaration with its json tag.
func tagged(decl, tag string) string { return decl + " `json:\"" + tag + "\"`" }

func TestEncodersRefuseWhatTheyDoNotKnow(t *testing.T) {
	tests := []struct {
		name, field, want string
	}{
		{name: "a type", field: tagged("Rate float32", "rate"), want: "cannot encode type float32"},
		{name: "an option", field: tagged("Name string", "name,string"), want: `json option "string"`},
		{name: "omitzero of a struct", field: tagged("Inner Thing", "inner,omitzero"), want: `json option "omitzero" on a field of type Thing`},
		{name: "omitzero of a float", field: tagged("Rate float64", "rate,omitzero"), want: `json option "omitzero" on a field of type float64`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := generateEncoders([]byte(thing(tt.field)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// omitempty and omitzero leave a field out exactly when encoding/json
// does; gen's tests compare the output with encoding/json's on random
// values of every type.
func TestEncodersLeaveOutEmptyFields(t *testing.T) {
	code, err := generateEncoders([]byte(thing(
		tagged("Tags []string", "tags,omitempty,omitzero"),
		tagged("Note *string", "note,omitempty"),
		tagged("Rate float64", "rate,omitempty"),
		tagged("Any interface{}", "any,omitzero"),
	)))
	require.NoError(t, err)
	for _, want := range []string{
		"if !(len(v.Tags) == 0 || v.Tags == nil) {", "if !(v.Note == nil) {", "if !(v.Rate == 0) {",
		"if !(v.Any == nil) {", "codec.AppendFloat(b, v.Rate)", "codec.AppendMarshal(b, v.Any)",
	} {
		assert.Contains(t, string(code), want)
	}
}

func TestEncoderRootsAreTheRequestBodiesAndUnionMembers(t *testing.T) {
	src := `package gen

import "encoding/json"

type DoThingJSONRequestBody = Thing
type MakeJSONRequestBody = Either

type Thing struct {
	Name string ` + "`json:\"name\"`" + `
}

type Either struct {
	union json.RawMessage
}

type One struct {
	Tags map[string]*string ` + "`json:\"tags\"`" + `
}

func (t *Either) FromOne(v One) error { return nil }
`
	code, err := generateEncoders([]byte(src))
	require.NoError(t, err)
	for _, want := range []string{"case *Thing:", "case *Either:", "case *One:", "codec.AppendRawJSON(b, v.union)", "codec.SortedKeys"} {
		assert.Contains(t, string(code), want)
	}
}
