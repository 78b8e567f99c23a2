package codec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A type the generator does not know is decoded by encoding/json from the
// bytes of its value, which must be valid JSON.
func TestViaJSON(t *testing.T) {
	type unknown struct {
		A struct{ B []int }
	}
	var got unknown
	d := Decoder{data: []byte(` {"B":[1,2]} ,`), maxDepth: maxFastDepth}
	require.True(t, d.ViaJSON(&got.A))
	assert.Equal(t, []int{1, 2}, got.A.B)
	assert.Equal(t, len(` {"B":[1,2]}`), d.i)

	for _, bad := range []string{`{"B":[1,]}`, `{"B":"x"}`, `{"B":[1]`} {
		d := Decoder{data: []byte(bad), maxDepth: maxFastDepth}
		assert.False(t, d.ViaJSON(&got.A), bad)
	}
}
