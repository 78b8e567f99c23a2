package codec_test

import (
	"encoding/json"
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
