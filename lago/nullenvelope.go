package lago

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// decodeNullableEnvelope decodes a 200 JSON answer into a new T like
// decodeJSON, for the operations whose envelope key may hold null: the
// wallet metadata routes answer {"metadata": null} for a wallet without
// metadata. The key must be there; only its value may be null. A missing
// key is still ErrBadResponse, so a proxy's {} is not taken for "no
// metadata".
func decodeNullableEnvelope[T any](op *operation, rsp *http.Response) (*T, error) {
	if err := checkJSON200(rsp); err != nil {
		return nil, err
	}
	buf := getBodyBuffer(rsp.ContentLength)
	defer putBodyBuffer(buf)
	if _, err := buf.ReadFrom(rsp.Body); err != nil {
		return nil, err
	}
	v := new(T)
	if err := json.Unmarshal(buf.Bytes(), v); err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &top); err != nil {
		return nil, fmt.Errorf("the answer is not a JSON object")
	}
	for _, want := range op.envelope {
		if !hasKeyFold(top, want) {
			return nil, fmt.Errorf("the answer has no %q", want)
		}
	}
	return v, nil
}

// hasKeyFold reports whether m has key, ignoring case as encoding/json
// does when it matches struct fields.
func hasKeyFold(m map[string]json.RawMessage, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}
