package codec_test

import (
	"encoding/json"
	"testing"

	"github.com/lagoclient/lago-go/internal/codec"
)

func FuzzAppendStringMatchesEncodingJSON(f *testing.F) {
	for _, s := range []string{"", "a", "<&>", "\u2028\u2029", "\xff", "日本\x00", "tab\tquote\"back\\", "\b\f\x1f\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := codec.AppendString(nil, s); string(got) != string(want) {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}
