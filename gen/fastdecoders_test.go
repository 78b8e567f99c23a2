package gen_test

import (
	"os"
	"reflect"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
)

// Every type a 2xx answer decodes into has a generated decoder, so every
// operation, whoever adds it, goes through the fast path: codecgen takes
// them from the JSON200 of each generated response, as this test does.
func TestEveryAnswerTypeHasAFastDecoder(t *testing.T) {
	src, err := os.ReadFile("client.gen.go")
	require.NoError(t, err)
	answers := regexp.MustCompile(`(?m)^\tJSON200 \*(\w+)$`).FindAllSubmatch(src, -1)
	require.NotEmpty(t, answers)
	have := map[string]bool{}
	for _, v := range gen.FastDecoders {
		typ := reflect.TypeOf(v).Elem()
		have[typ.Name()] = true
		assert.True(t, gen.Codec.Fast(codec.NewDecoder([]byte(`{}`)), reflect.New(typ).Interface()), "no fast decoder for %s", typ)
	}
	for _, m := range answers {
		assert.True(t, have[string(m[1])], "no fast decoder for %s: run make generate", m[1])
	}
}
