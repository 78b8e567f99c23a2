// This file writes the values of request bodies that are not plain
// strings, numbers or booleans, byte for byte as encoding/json writes
// them; the generated request encoders of package gen call it.

package codec

import (
	"bytes"
	"encoding/json"
	"slices"
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
