package tristate

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type kind string

type textKind string

func (k textKind) MarshalText() ([]byte, error) { return []byte("text:" + string(k)), nil }

// The fast paths must write exactly what encoding/json writes.
func TestMarshalMatchesEncodingJSON(t *testing.T) {
	values := []any{
		"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>", "tab\tnew\nline\rcr\bbs\fff\x00\x1f\x7f",
		"é ü 日本 😀", "\u2028\u2029", "bad \xff\xfe utf8 \xc3", "\xed\xa0\x80",
		true, false, int64(0), int64(-9223372036854775808), 42, int32(-7),
		kind("company"), kind("<&>"), textKind("x"), 3.5, []string{"a", "<b>"}, map[string]int{"k": 1},
	}
	for _, v := range values {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		got, err := marshalAny(v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%#v", v)
	}
}

func marshalAny(v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return Value(x).MarshalJSON()
	case bool:
		return Value(x).MarshalJSON()
	case int64:
		return Value(x).MarshalJSON()
	case int:
		return Value(x).MarshalJSON()
	case int32:
		return Value(x).MarshalJSON()
	case kind:
		return Value(x).MarshalJSON()
	case textKind:
		return Value(x).MarshalJSON()
	case float64:
		return Value(x).MarshalJSON()
	case []string:
		return Value(x).MarshalJSON()
	case map[string]int:
		return Value(x).MarshalJSON()
	}
	panic("unexpected type")
}

func FuzzNamedStringMatchesEncodingJSON(f *testing.F) {
	for _, s := range []string{"", "company", "<&>", "\u2028", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(kind(s))
		require.NoError(t, err)
		got, err := Value(kind(s)).MarshalJSON()
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
	})
}

func TestMarshalAllocations(t *testing.T) {
	tests := []struct {
		name string
		n    json.Marshaler
		max  float64
	}{
		{"string", Value("Acme Europe SAS"), 1},
		{"bool", Value(true), 1},
		{"int64", Value[int64](30), 1},
		{"named string", Value(kind("company")), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			allocs := testing.AllocsPerRun(100, func() { _, _ = tt.n.MarshalJSON() })
			assert.LessOrEqual(t, allocs, tt.max)
		})
	}
}
