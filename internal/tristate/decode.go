package tristate

import (
	"encoding"
	"encoding/json"
	"reflect"

	"github.com/lagoclient/lago-go/internal/codec"
)

// unmarshalFast decodes data into v without encoding/json when v is a
// string, an enum (a named string without its own unmarshaling), a
// boolean or an int64, with package codec's tokenizer, which gives the
// value json.Unmarshal gives or gives up. It reports false, leaving v
// alone, for anything else, which the caller then decodes with
// json.Unmarshal: lagotest decodes request bodies through here, and a
// field's json.Unmarshal costs a scan of its bytes and several
// allocations.
func unmarshalFast[T any](data []byte, v *T) bool {
	switch p := any(v).(type) {
	case *string, *bool, *int64:
		return codec.DecodeScalar(data, p)
	case json.Unmarshaler, encoding.TextUnmarshaler:
		// Its own methods decide; json.Unmarshal calls them.
		return false
	}
	if reflect.TypeFor[T]().Kind() != reflect.String {
		return false
	}
	var s string
	if !codec.DecodeScalar(data, &s) {
		return false
	}
	reflect.ValueOf(v).Elem().SetString(s)
	return true
}
