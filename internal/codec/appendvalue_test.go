package codec_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/codec"
	"github.com/lagoclient/lago-go/internal/scalar"
)

func TestAppendTimeMatchesEncodingJSON(t *testing.T) {
	times := []time.Time{
		{},
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 120_000_000, time.FixedZone("", 2*3600)),
		time.Date(2026, 1, 2, 3, 4, 5, 1, time.FixedZone("", -(23*3600+59*60+59))),
		time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600)),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", -99*3600)),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		zone := time.FixedZone("", r.IntN(60*3600)-30*3600)
		times = append(times, time.Unix(r.Int64N(1<<39)-1<<38, r.Int64N(1e9)).In(zone))
	}
	for _, tm := range times {
		want, err := json.Marshal(tm)
		got, ok := codec.AppendTime([]byte("x"), tm)
		if err != nil {
			assert.False(t, ok, "%s: encoding/json fails with %v", tm, err)
			continue
		}
		if assert.True(t, ok, "%s", tm) {
			assert.Equal(t, "x"+string(want), string(got))
		}
	}
}

func TestAppendDateMatchesDateMarshalJSON(t *testing.T) {
	for _, tm := range []time.Time{{}, time.Date(2026, 2, 28, 23, 0, 0, 0, time.FixedZone("", -5*3600)), time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC)} {
		want, err := json.Marshal(scalar.Date{Time: tm})
		require.NoError(t, err)
		assert.Equal(t, string(want), string(codec.AppendDate(nil, tm)))
	}
}

func TestAppendRawJSONMatchesEncodingJSON(t *testing.T) {
	for _, raw := range []json.RawMessage{
		nil, {}, []byte(" "), []byte(`null`), []byte(` { "a" : [ 1 , "<&>\u2028 x" ] , "b":{}}` + "\n"),
		[]byte(`{"a":1`), []byte(`1 2`), []byte(`"\u003c"`), []byte("\"\xff\""),
	} {
		// What encoding/json writes for a value whose MarshalJSON returns raw.
		want, err := json.Marshal(struct{ V json.RawMessage }{raw})
		got, ok := codec.AppendRawJSON([]byte(`{"V":`), raw)
		if err != nil {
			assert.False(t, ok, "%q: encoding/json fails with %v", raw, err)
			continue
		}
		if assert.True(t, ok, "%q", raw) {
			assert.Equal(t, string(want), string(got)+"}")
		}
	}
}

func TestSortedKeys(t *testing.T) {
	assert.Equal(t, []string{"", "B", "a", "é"}, codec.SortedKeys(map[string]int{"é": 1, "a": 2, "B": 3, "": 4}))
}

func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 20, 20.5, 0.1, 1e-6, 9.99999e-7, 1e-7, 1e-10, 1e20, 1e21, 9.999e20,
		123456789.123, math.MaxFloat64, math.SmallestNonzeroFloat64, -1e-300, 5e-324, 1.5e300}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		floats = append(floats, r.NormFloat64()*math.Pow(10, float64(r.IntN(640)-320)), math.Float64frombits(r.Uint64()))
	}
	for _, f := range floats {
		want, err := json.Marshal(f)
		got, ok := codec.AppendFloat([]byte("x"), f)
		if err != nil {
			assert.False(t, ok, "%v", f)
			continue
		}
		require.True(t, ok, "%v", f)
		require.Equal(t, "x"+string(want), string(got), "%v", f)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, ok := codec.AppendFloat(nil, f)
		assert.False(t, ok, "%v", f)
	}
}

func FuzzAppendFloat(f *testing.F) {
	f.Add(uint64(0))
	f.Add(math.Float64bits(1e21))
	f.Fuzz(func(t *testing.T, bits uint64) {
		v := math.Float64frombits(bits)
		want, err := json.Marshal(v)
		got, ok := codec.AppendFloat(nil, v)
		require.Equal(t, err == nil, ok)
		if ok {
			require.Equal(t, string(want), string(got))
		}
	})
}

func TestAppendMarshalMatchesEncodingJSON(t *testing.T) {
	for _, v := range []any{nil, "a<b", 1.5, true, map[string]any{"z": []any{1.0, "x"}, "a": nil}} {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		got, ok := codec.AppendMarshal([]byte("x"), v)
		require.True(t, ok)
		assert.Equal(t, "x"+string(want), string(got))
	}
	_, ok := codec.AppendMarshal(nil, math.NaN())
	assert.False(t, ok)
}
