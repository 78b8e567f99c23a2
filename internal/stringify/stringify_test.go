package stringify_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/lagoclient/lago-go/internal/stringify"
)

type kind string

type inner struct {
	Code  string
	Count *int64
}

type outer struct {
	Name     *string
	Kind     kind
	Kinds    []kind
	Inner    inner
	InnerPtr *inner
	Labels   map[string]*string
	Any      any
	Raw      json.RawMessage
	At       time.Time
	Err      error
	hidden   int
}

// labels is a named map holding pointers, as gen.WalletMetadata is.
type labels map[string]*string

// stamped has a String method, which String calls below the top only.
type stamped struct{ N int }

func (s stamped) String() string { return "stamp" }

type node struct {
	Name string
	Next *node
}

func ptr[T any](v T) *T { return &v }

func TestString(t *testing.T) {
	cyclic := &node{Name: "a"}
	cyclic.Next = &node{Name: "b", Next: cyclic}
	selfMap := map[string]any{}
	selfMap["me"] = selfMap

	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, "<nil>"},
		{"string", "a b", `"a b"`},
		{"named string", kind("company"), `"company"`},
		{"int", int64(-7), "-7"},
		{"float", 10.5, "10.5"},
		{"bool", true, "true"},
		{"nil pointer", (*string)(nil), "<nil>"},
		{"pointer", ptr("x"), `"x"`},
		{"pointer to pointer", ptr(ptr(int64(3))), "3"},
		{"zero struct", outer{}, `outer{Name:<nil>, Kind:"", Kinds:<nil>, Inner:inner{Code:"", Count:<nil>}, InnerPtr:<nil>, Labels:<nil>, Any:<nil>, Raw:<nil>, At:0001-01-01 00:00:00 +0000 UTC, Err:<nil>}`},
		{"full struct", outer{
			Name:     ptr("Acme"),
			Kind:     "company",
			Kinds:    []kind{"a", "b"},
			Inner:    inner{Code: "c", Count: ptr(int64(2))},
			InnerPtr: &inner{Code: "d"},
			Labels:   map[string]*string{"z": nil, "a": ptr("1")},
			Any:      []any{1.5, "s", nil, map[string]any{"k": true}},
			Raw:      json.RawMessage(`{"a":1}`),
			At:       time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC),
			Err:      errors.New("boom"),
			hidden:   1,
		}, `outer{Name:"Acme", Kind:"company", Kinds:["a", "b"], Inner:inner{Code:"c", Count:2}, InnerPtr:inner{Code:"d", Count:<nil>}, Labels:map{"a":"1", "z":<nil>}, Any:[1.5, "s", <nil>, map{"k":true}], Raw:{"a":1}, At:2026-03-31 12:00:00 +0000 UTC, Err:boom}`},
		{"pointer to struct", &inner{Code: "c"}, `inner{Code:"c", Count:<nil>}`},
		{"named map", labels{"plan": ptr("gold"), "seats": nil}, `labels{"plan":"gold", "seats":<nil>}`},
		{"empty named map", labels{}, `labels{}`},
		{"nil named map", labels(nil), `<nil>`},
		{"empty slice", []string{}, `[]`},
		{"array", [2]int{1, 2}, `[1, 2]`},
		{"int keys sort as text", map[int]string{10: "b", 9: "a"}, `map{10:"b", 9:"a"}`},
		{"own String method not called at the top", stamped{N: 1}, `stamped{N:1}`},
		{"String method called below the top", []stamped{{N: 1}}, `[stamp]`},
		{"raw JSON at the top", json.RawMessage(`[1]`), `[1]`},
		{"pointer cycle", cyclic, `node{Name:"a", Next:node{Name:"b", Next:<cycle>}}`},
		{"map cycle", selfMap, `map{"me":<cycle>}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, stringify.String(tt.v))
		})
	}
}

func TestValueCallsTheValuesOwnMethod(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"own String method", stamped{N: 1}, "stamp"},
		{"time", time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), "2026-03-31 00:00:00 +0000 UTC"},
		{"string", "x", `"x"`},
		{"nil pointer", (*inner)(nil), "<nil>"},
		{"struct", inner{Code: "c"}, `inner{Code:"c", Count:<nil>}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, stringify.Value(tt.v))
		})
	}
}
