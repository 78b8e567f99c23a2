package specval

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The document gen/spec builds is the one parsed from openapi/lago.yaml,
// down to kin-openapi's unexported fields, and Load has validated it; so
// New, which uses the built one, checks against the spec itself. When
// this fails, run make generate.
func TestLoadBuiltIsLoad(t *testing.T) {
	parsed, err := Load(t.Context())
	require.NoError(t, err)
	built, err := loadBuilt(t.Context())
	require.NoError(t, err)

	wantJSON, err := json.Marshal(parsed)
	require.NoError(t, err)
	gotJSON, err := json.Marshal(built)
	require.NoError(t, err)
	if assert.JSONEq(t, string(wantJSON), string(gotJSON), "run make generate") {
		// Not assert.Equal: its diff of two such graphs takes seconds.
		assert.True(t, reflect.DeepEqual(parsed, built), "kin-openapi's unexported fields differ")
	}
}
