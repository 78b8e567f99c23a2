package lago

import (
	"errors"
	"fmt"
	"strings"
)

// checkEnvelope reports the first of keys that the JSON object in data
// lacks, or holds as null. Lago wraps every answer in an object keyed by
// the resource ("customer", "customers" and "meta", ...); an answer without
// that key decodes into zero values without complaint (a proxy's `{}`,
// Lago's error body served with 200, another operation's answer), and a
// caller must not mistake it for an empty customer or an empty list.
//
// The data has already been decoded by encoding/json, so it is valid JSON; the
// scan only walks the top level, unquoting keys and matching them as
// encoding/json matches struct fields (ignoring case).
//
// With nullOK, a key holding null counts as there.
func checkEnvelope(data []byte, keys []string, nullOK bool) error {
	if len(keys) == 0 {
		return nil
	}
	found := make([]bool, len(keys))
	d := decoder{data: data, maxDepth: maxJSONDepth}
	if !d.objectStart() {
		return errNotAnObject
	}
	for first := true; ; first = false {
		key, more, ok := d.mapKey(first)
		if !more || !ok {
			break
		}
		null := d.peek() == 'n'
		if !d.skip() {
			break
		}
		for i, want := range keys {
			if (!null || nullOK) && strings.EqualFold(key, want) {
				found[i] = true
			}
		}
	}
	for i, ok := range found {
		if !ok {
			return fmt.Errorf("the answer has no %q", keys[i])
		}
	}
	return nil
}

var errNotAnObject = errors.New("the answer is not a JSON object")
