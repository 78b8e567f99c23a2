// This file writes the values of request bodies that are not plain
// strings, numbers or booleans, byte for byte as encoding/json writes
// them; the generated request encoders of package gen call it.

package codec

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"
)

// AppendTime appends t as time.Time's MarshalJSON writes it: RFC 3339 with
// as many fractional digits as it needs, quoted. It reports false, having
// appended something, where MarshalJSON fails (a year outside 0–9999, a
// zone offset of 24 hours or more): the caller then leaves the body to
// encoding/json, whose error it returns.
func AppendTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	start := len(b)
	// For this layout AppendFormat writes what MarshalJSON writes before
	// its checks.
	b = t.AppendFormat(b, time.RFC3339Nano)
	if b[start+len("9999")] != '-' {
		return b, false
	}
	if b[len(b)-1] != 'Z' {
		zone := b[len(b)-len("Z07:00"):]
		if c := zone[0]; '0' <= c && c <= '9' {
			return b, false
		}
		if hours := 10*(zone[1]-'0') + zone[2] - '0'; hours >= 24 {
			return b, false
		}
	}
	return append(b, '"'), true
}

// AppendDate appends the day of t as scalar.Date's MarshalJSON writes it,
// "2006-01-02", quoted.
func AppendDate(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, "2006-01-02")
	return append(b, '"')
}

// AppendRawJSON appends raw, the JSON a union type of package gen holds
// and returns from its MarshalJSON, as encoding/json writes the output of
// a MarshalJSON method: null for nil, otherwise checked and compacted, with
// <, >, &, U+2028 and U+2029 escaped. It reports false for raw that is not
// one JSON value, which encoding/json refuses.
func AppendRawJSON(b, raw []byte) ([]byte, bool) {
	if raw == nil {
		return append(b, "null"...), true
	}
	var compact bytes.Buffer
	if json.Compact(&compact, raw) != nil {
		return b, false
	}
	out := bytes.NewBuffer(b)
	json.HTMLEscape(out, compact.Bytes())
	return out.Bytes(), true
}

// SortedKeys returns the keys of m in the order encoding/json writes a
// map's keys: sorted by their bytes.
// One allocation, where slices.Sorted(maps.Keys(m)) makes several.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// AppendMarshal appends v as json.Marshal writes it, for a value of no
// known shape (an interface{} field); that is what encoding/json writes
// for the field too. It reports false where json.Marshal fails.
func AppendMarshal(b []byte, v any) ([]byte, bool) {
	data, err := json.Marshal(v)
	if err != nil {
		return b, false
	}
	return append(b, data...), true
}

// AppendFloat appends f as encoding/json writes a float64: the shortest
// decimal that reads back as f, in exponent form below 1e-6 and from 1e21
// on, with a one-digit negative exponent unpadded. It reports false for
// NaN and the infinities, which encoding/json refuses.
func AppendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}
