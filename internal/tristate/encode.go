package tristate

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/lagoclient/lago-go/internal/codec"
)

// marshal encodes v exactly as json.Marshal does. Request fields are mostly
// strings, enums (named strings), booleans and integers; for those it
// writes the bytes directly instead of running encoding/json's machinery,
// which costs several allocations per field. Anything else, and any type
// with its own marshaling, goes through json.Marshal.
func marshal[T any](v T) ([]byte, error) {
	switch x := any(v).(type) {
	case string:
		return codec.AppendString(make([]byte, 0, len(x)+2), x), nil
	case bool:
		return strconv.AppendBool(nil, x), nil
	case int64:
		return strconv.AppendInt(nil, x, 10), nil
	case int:
		return strconv.AppendInt(nil, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(nil, int64(x), 10), nil
	case json.Marshaler, encoding.TextMarshaler:
		return json.Marshal(v)
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		s := rv.String()
		return codec.AppendString(make([]byte, 0, len(s)+2), s), nil
	}
	return json.Marshal(v)
}
