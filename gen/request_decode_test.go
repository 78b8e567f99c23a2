package gen_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
)

// The request bodies have fast decoders too (lagotest decodes every
// request with them): on random values of every shape each body type may
// take, a decoder that does not give up decodes what encoding/json
// decodes.
func TestDecodeRequestBodiesMatchEncodingJSON(t *testing.T) {
	for i := range gen.EncodedTypes {
		typ := bodyType(i)
		t.Run(typ.Name(), func(t *testing.T) {
			fast := 0
			for seed := range uint64(300) {
				body := randomBodyOf(typ, seed)
				want := reflect.New(typ).Interface()
				require.NoError(t, json.Unmarshal(body, want), "seed %d: %s", seed, body)
				got := reflect.New(typ).Interface()
				if !gen.Codec.Fast(codec.NewDecoder(body), got) {
					continue
				}
				fast++
				require.Equal(t, want, got, "seed %d: %s", seed, body)
			}
			if typ.Name() == "CustomerCreateInput" {
				// Random strings include invalid UTF-8 and escapes, which
				// the fast path decodes too: it gives up on none of these.
				assert.Equal(t, 300, fast)
			}
		})
	}
}

// checkDecodesCreateCustomer requires codec.Unmarshal, lagotest's
// decoding of a create body, to give exactly json.Unmarshal's value or
// error.
func checkDecodesCreateCustomer(t *testing.T, body []byte) {
	t.Helper()
	var want, got gen.CustomerCreateInput
	errWant := json.Unmarshal(body, &want)
	errGot := codec.Unmarshal(body, &got, gen.Codec)
	if errWant != nil {
		require.Error(t, errGot, "%s", body)
		require.Equal(t, errWant.Error(), errGot.Error(), "%s", body)
		return
	}
	require.NoError(t, errGot, "%s", body)
	require.Equal(t, want, got, "%s", body)
}

func TestDecodeCreateCustomerEdges(t *testing.T) {
	for _, body := range []string{
		`{"customer":{"external_id":"a","name":null,"net_payment_term":-0,"metadata":[],"tax_codes":null}}`,
		`{"customer":{"external_id":"a","Name":"upper case key"}}`,
		`{"customer":{"external_id":"a","name":"x","name":"twice"}}`,
		`{"customer":{"external_id":"a","billing_configuration":{"invoice_grace_period":1.5}}}`,
		`{"customer":{"external_id":"a","net_payment_term":99999999999999999999}}`,
		`{"customer":{"external_id":"a","name":1}}`,
		`{"customer":{"external_id":"a"}} x`,
		`{"customer":{"external_id":"a","shipping_address":{"city":"\ud800 lone"}}}`,
		`{"customer":{"external_id":"a","unknown":{"deep":[1,2,{"x":null}]}}}`,
		`{"customer":null}`, `null`, `[]`, ``,
	} {
		checkDecodesCreateCustomer(t, []byte(body))
	}
}

// FuzzDecodeCreateCustomer holds codec.Unmarshal of a create body to
// json.Unmarshal's value and error, on any bytes.
func FuzzDecodeCreateCustomer(f *testing.F) {
	full, err := json.Marshal(gen.CustomerCreateInput{Customer: fullInput()})
	require.NoError(f, err)
	f.Add(full)
	f.Add([]byte(strings.Replace(string(full), `"name"`, `"NAME"`, 1)))
	typ := reflect.TypeFor[gen.CustomerCreateInput]()
	for seed := range uint64(8) {
		f.Add(randomBodyOf(typ, seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDecodesCreateCustomer(t, body)
	})
}
