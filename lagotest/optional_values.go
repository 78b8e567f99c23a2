package lagotest

import (
	"github.com/lagoclient/lago-go/internal/tristate"
	"github.com/lagoclient/lago-go/lago"
)

// set applies one tri-state field to a nullable one.
func set[T any](dst **T, src tristate.Nullable[T]) {
	if v, ok := src.Get(); ok {
		*dst = &v
	} else if src.IsNull() {
		*dst = nil
	}
}

// valueOr is the value of a field that is set, and def for null.
func valueOr[T any](n tristate.Nullable[T], def T) T {
	if v, ok := n.Get(); ok {
		return v
	}
	return def
}

// setIf assigns the value of n, when it has one.
func setIf[T any](dst *T, n lago.Nullable[T]) {
	if v, ok := n.Get(); ok {
		*dst = v
	}
}

// pointer is the value of n, nil when absent or null.
func pointer[T any](n lago.Nullable[T]) *T {
	if v, ok := n.Get(); ok {
		return &v
	}
	return nil
}

// orValue fills a zero field of a seeded record with def.
func orValue[T comparable](dst *T, def T) {
	var zero T
	if *dst == zero {
		*dst = def
	}
}

// orEmpty is s, or an empty list for nil, which Lago sends as [].
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
