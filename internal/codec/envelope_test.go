package codec_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/codec"
)

func TestEnvelopeCheck(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		keys    []string
		nullOK  bool
		wantErr string
	}{
		{name: "null allowed", body: `{"metadata":null}`, keys: []string{"metadata"}, nullOK: true},
		{name: "null allowed, key still required", body: `{}`, keys: []string{"metadata"}, nullOK: true, wantErr: `the response has no "metadata"`},
		{name: "present", body: `{"customer":{"lago_id":"x"}}`, keys: []string{"customer"}},
		{name: "another case", body: `{"Customer":{}}`, keys: []string{"customer"}},
		{name: "escaped key", body: `{"cust\u006fmer":{}}`, keys: []string{"customer"}},
		{name: "after nested look-alikes", body: `{"x":{"customer":null,"s":"}{\"customer\""},"y":[1,[2,{"a":"]"}]],"n":-1.5e3,"b":true,"customer":"v"}`, keys: []string{"customer"}},
		{name: "both page keys", body: " \n{ \"meta\" : {} , \"customers\" : [ ] }\n", keys: []string{"customers", "meta"}},
		{name: "a second null does not hide a value", body: `{"customer":{},"customer":null}`, keys: []string{"customer"}},
		{name: "null document", body: `null`, keys: []string{"customer"}, wantErr: "the response is not a JSON object"},
		{name: "list", body: `[{"customer":{}}]`, keys: []string{"customer"}, wantErr: "the response is not a JSON object"},
		{name: "empty object", body: `{}`, keys: []string{"customer"}, wantErr: `the response has no "customer"`},
		{name: "null envelope", body: `{"customer":null}`, keys: []string{"customer"}, wantErr: `the response has no "customer"`},
		{name: "only nested", body: `{"data":{"customer":{}}}`, keys: []string{"customer"}, wantErr: `the response has no "customer"`},
		{name: "Lago's error body", body: `{"status":404,"error":"Not Found","code":"customer_not_found"}`, keys: []string{"customer"}, wantErr: `the response has no "customer"`},
		{name: "another operation's answer", body: `{"applied_coupons":[],"meta":{"current_page":1}}`, keys: []string{"customers", "meta"}, wantErr: `the response has no "customers"`},
		{name: "page without meta", body: `{"customers":[]}`, keys: []string{"customers", "meta"}, wantErr: `the response has no "meta"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.True(t, json.Valid([]byte(tt.body)), "the scanner only ever sees valid JSON")
			env := codec.Envelope{Keys: tt.keys, NullOK: tt.nullOK}
			err := env.Check([]byte(tt.body))
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tt.wantErr)
		})
	}
}

// Envelope.Check agrees with a json.Decoder walk of the top level on every
// valid JSON document.
func FuzzCheckEnvelope(f *testing.F) {
	for _, s := range []string{`{"customer":{}}`, `{"Customer":null}`, `{"a":"\"}","customer":[1]}`, `[]`, `null`, `{"customer":"x","customer":null}`, `{"cust\u006fmer":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if !json.Valid(body) {
			return
		}
		env := codec.Envelope{Keys: []string{"customer"}}
		got := env.Check(body) == nil
		assert.Equal(t, topLevelHas(t, body, "customer"), got, "%q", body)
	})
}

// topLevelHas is the slow reference: a non-null value under a key that
// matches name ignoring case.
func topLevelHas(t *testing.T, body []byte, name string) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	tok, err := dec.Token()
	require.NoError(t, err)
	if tok != json.Delim('{') {
		return false
	}
	found := false
	for dec.More() {
		key, err := dec.Token()
		require.NoError(t, err)
		var v json.RawMessage
		require.NoError(t, dec.Decode(&v))
		if strings.EqualFold(key.(string), name) && string(v) != "null" {
			found = true
		}
	}
	return found
}
