package tristate_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/tristate"
)

type patch struct {
	Name tristate.Nullable[string] `json:"name,omitzero"`
	Term tristate.Nullable[int64]  `json:"term,omitzero"`
}

func TestNullableStates(t *testing.T) {
	tests := []struct {
		name                string
		n                   tristate.Nullable[string]
		wantValue           string
		wantOK, null, isSet bool
	}{
		{name: "absent", n: tristate.Nullable[string]{}},
		{name: "null", n: tristate.Null[string](), null: true, isSet: true},
		{name: "value", n: tristate.Value("x"), wantValue: "x", wantOK: true, isSet: true},
		{name: "empty value", n: tristate.Value(""), wantOK: true, isSet: true},
		{name: "from nil pointer", n: tristate.FromPointer[string](nil), null: true, isSet: true},
		{name: "from pointer", n: tristate.FromPointer(ptr("y")), wantValue: "y", wantOK: true, isSet: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.n.Get()
			assert.Equal(t, tt.wantValue, v)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.null, tt.n.IsNull())
			assert.Equal(t, tt.isSet, tt.n.IsSet())
			assert.Equal(t, !tt.isSet, tt.n.IsZero())
		})
	}
}

func TestNullableJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   patch
		json string
	}{
		{name: "both absent", in: patch{}, json: `{}`},
		{name: "null and value", in: patch{Name: tristate.Null[string](), Term: tristate.Value[int64](30)}, json: `{"name":null,"term":30}`},
		{name: "zero value", in: patch{Term: tristate.Value[int64](0)}, json: `{"term":0}`},
		{name: "escaped string", in: patch{Name: tristate.Value(`a"b`)}, json: `{"name":"a\"b"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.json, string(got))

			var back patch
			require.NoError(t, json.Unmarshal([]byte(tt.json), &back))
			assert.Equal(t, tt.in, back)
		})
	}
}

// A struct that forgets omitzero must fail loudly rather than send null for a
// field the caller never set.
func TestAbsentWithoutOmitzeroIsAnError(t *testing.T) {
	var careless struct {
		Name tristate.Nullable[string] `json:"name"`
	}
	_, err := json.Marshal(careless)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "omitzero")
}

func TestUnmarshalRejectsWrongType(t *testing.T) {
	var p patch
	err := json.Unmarshal([]byte(`{"term":"thirty"}`), &p)
	require.Error(t, err)
}

func ptr[T any](v T) *T { return &v }

func TestNullableString(t *testing.T) {
	tests := []struct {
		name string
		n    fmt.Stringer
		want string
	}{
		{"absent", tristate.Nullable[string]{}, "<absent>"},
		{"null", tristate.Null[string](), "null"},
		{"string", tristate.Value("Acme Inc."), `"Acme Inc."`},
		{"empty string", tristate.Value(""), `""`},
		{"int", tristate.Value[int64](30), "30"},
		{"bool", tristate.Value(false), "false"},
		{"time", tristate.Value(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)), "2026-03-31 00:00:00 +0000 UTC"},
		{"map with a nil pointer", tristate.Value(map[string]*string{"a": nil}), `map{"a":<nil>}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.n.String())
			assert.Equal(t, tt.want, fmt.Sprintf("%v", tt.n))
		})
	}
}
