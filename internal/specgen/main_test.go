package main

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expressions keep what reflect.DeepEqual tells apart: a number's type
// inside an interface, an empty slice or map from a nil one.
func TestValue(t *testing.T) {
	maxLen := uint64(3)
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"number in an interface", map[string]any{"n": float64(1)}, "map[string]interface {}{\n\"n\": float64(1),\n}"},
		{"string and bool in an interface", []any{"a", true, nil}, "[]interface {}{\n\"a\",\ntrue,\nnil,\n}"},
		{"nil slice", []string(nil), "nil"},
		{"empty slice", []string{}, "[]string{\n}"},
		{"pointer to a number", &maxLen, "ptr[uint64](3)"},
		{
			"struct without its zero fields",
			openapi3.Schema{Format: "uuid", Enum: []any{}},
			"openapi3.Schema{\nFormat: \"uuid\",\nEnum: []interface {}{\n},\n}",
		},
		{"paths", openapi3.NewPaths(), "paths(nil, map[string]*openapi3.PathItem{\n})"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := (&emitter{}).value(reflect.ValueOf(tt.in), false)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// Unexported state the file cannot write is refused, not dropped.
func TestValueRefusesUnexported(t *testing.T) {
	var ref openapi3.SchemaRef
	require.NoError(t, ref.UnmarshalJSON([]byte(`{"$ref": "#/components/schemas/A", "description": "d"}`)))
	_, err := (&emitter{}).value(reflect.ValueOf(&ref), false)
	assert.ErrorContains(t, err, "unexported")
}
