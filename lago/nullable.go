package lago

import "github.com/lagoclient/lago-go/tristate"

// Nullable is an optional request field that is absent, null or a value.
// Its zero value is absent: the field is left out of the request and Lago
// keeps what it has. Null clears the field; Value sets it.
//
// It is [tristate.Nullable].
type Nullable[T any] = tristate.Nullable[T]

// Value returns a Nullable that sets the field to v.
func Value[T any](v T) Nullable[T] { return tristate.Value(v) }

// Null returns a Nullable that clears the field.
func Null[T any]() Nullable[T] { return tristate.Null[T]() }

// Ptr returns a pointer to v, for the optional fields of options structs.
func Ptr[T any](v T) *T { return &v }
