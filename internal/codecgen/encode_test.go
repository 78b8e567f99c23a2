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

func TestEncodersRefuseWhatTheyDoNotKnow(t *testing.T) {
	src := `package gen

type DoThingJSONRequestBody = Thing

type Thing struct {
	Rate float64 ` + "`json:\"rate\"`" + `
}
`
	_, err := generateEncoders([]byte(src))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot encode type float64")
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
