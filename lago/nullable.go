package lago

import "github.com/lagoclient/lago-go/internal/tristate"

// Nullable is an optional request field that is absent, null or a value.
// Its zero value is absent: the field is left out of the request and Lago
// keeps what it has. Null clears the field; Value sets it; FromPointer
// turns a response's pointer field into one.
//
// Its methods: Get returns the value and whether there is one; IsNull
// reports an explicit null; IsSet reports whether the field is sent at
// all; String, which %v uses, gives <absent>, null or the value. It
// encodes and decodes as JSON, and request structs give it the `omitzero`
// tag option, which keeps an absent field off the wire.
//
// Value infers T from its argument, so an untyped constant gets Go's
// default type; name T where the field's type differs:
// lago.Value[int64](30) for a Nullable[int64] such as NetPaymentTerm,
// lago.Value[lago.DecimalInput]("100") for a decimal such as PaidCredits.
// Compile errors spell this type tristate.Nullable[T], the internal
// package it is declared in: read that as lago.Nullable[T].
type Nullable[T any] = tristate.Nullable[T]

// Value returns a Nullable that sets the field to v.
func Value[T any](v T) Nullable[T] { return tristate.Value(v) }

// Null returns a Nullable that clears the field.
func Null[T any]() Nullable[T] { return tristate.Null[T]() }

// FromPointer returns Value(*p), or Null when p is nil: the way to copy a
// response's pointer field into a request, a nil (unset) clearing it.
func FromPointer[T any](p *T) Nullable[T] { return tristate.FromPointer(p) }

// Ptr returns a pointer to v, for the optional fields of options structs.
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value of T when p is nil: the nil-safe way
// to read a response's optional field, for which no value and the zero
// value mean the same to the caller. Use DerefOr when they do not.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// DerefOr returns *p, or fallback when p is nil: a response's optional
// field with the value to use when the server sent none or null.
func DerefOr[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}
