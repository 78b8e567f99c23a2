// Package tristate provides Nullable, a JSON field with three states: absent,
// null and a value.
//
// Lago's customer upsert keeps a field whose key is absent from the request and
// clears it when the key is sent as null. A plain pointer with omitempty can
// only say "absent" or "value", so request types use Nullable instead. The zero
// Nullable is absent; struct fields of this type carry the `omitzero` JSON tag
// option so that an absent field leaves no key at all.
//
// Nullable is a small value type, not a map or a pointer, so setting a field
// costs no allocation, and strings, booleans and integers are encoded
// without encoding/json's per-value machinery.
//
// The package is internal: users meet the type as lago.Nullable, built with
// lago.Value, lago.Null and lago.FromPointer, so one import is enough. The
// generated request types in package gen use it directly.
package tristate

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/lagoclient/lago-go/internal/stringify"
)

type state uint8

const (
	absent state = iota
	null
	present
)

// Nullable holds a T that may be absent, explicitly null, or set. The zero
// value is absent.
type Nullable[T any] struct {
	value T
	state state
}

// Value returns a Nullable set to v.
func Value[T any](v T) Nullable[T] {
	return Nullable[T]{value: v, state: present}
}

// Null returns a Nullable that is sent as an explicit JSON null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{state: null}
}

// FromPointer returns Value(*p), or Null when p is nil. It suits copying a
// pointer field of a response into a request.
func FromPointer[T any](p *T) Nullable[T] {
	if p == nil {
		return Null[T]()
	}
	return Value(*p)
}

// Get returns the value and true when n holds a value, or the zero T and false
// when it is absent or null.
func (n Nullable[T]) Get() (T, bool) {
	return n.value, n.state == present
}

// IsNull reports whether n is an explicit null.
func (n Nullable[T]) IsNull() bool { return n.state == null }

// IsSet reports whether n is sent at all, as null or as a value.
func (n Nullable[T]) IsSet() bool { return n.state != absent }

// String returns <absent>, null, or the value as the String methods of
// package gen's types print a field (strings quoted, pointers followed), so
// that %v of a request shows what each field sends.
func (n Nullable[T]) String() string {
	switch n.state {
	case absent:
		return "<absent>"
	case null:
		return "null"
	}
	return stringify.Value(n.value)
}

// IsZero reports whether n is absent. Package encoding/json consults it for
// the `omitzero` tag option, which is what keeps an absent field off the wire.
func (n Nullable[T]) IsZero() bool { return n.state == absent }

// errAbsent guards against the one mistake that would damage data: a field the
// caller never set being sent as null because a struct lacks `omitzero`.
var errAbsent = errors.New("tristate: absent value marshalled; the field needs the omitzero JSON tag option")

// MarshalJSON encodes null or the value. An absent Nullable cannot be encoded:
// it must be left out by `omitzero`, never turned into null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	switch n.state {
	case present:
		return marshal(n.value)
	case null:
		return []byte("null"), nil
	default:
		return nil, errAbsent
	}
}

// UnmarshalJSON records null or decodes the value. Package encoding/json only
// calls it when the key is present, so a missing key leaves n absent.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		var zero T
		n.value, n.state = zero, null
		return nil
	}
	if unmarshalFast(data, &n.value) {
		n.state = present
		return nil
	}
	if err := json.Unmarshal(data, &n.value); err != nil {
		return err
	}
	n.state = present
	return nil
}
