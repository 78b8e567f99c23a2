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

// stringSlab hands out the string pointers of a customer's optional
// fields from one backing array, so that applying a request costs one
// allocation instead of one per field. A field that later changes keeps
// the old array alive only as long as its neighbours point into it.
type stringSlab struct {
	free []string
}

// slabSize is how many strings one allocation holds: enough for every
// optional string of a customer.
const slabSize = 32

// set is the package-level set for a string, its pointer from the slab.
func (sl *stringSlab) set(dst **string, src tristate.Nullable[string]) {
	v, ok := src.Get()
	if !ok {
		if src.IsNull() {
			*dst = nil
		}
		return
	}
	if len(sl.free) == 0 {
		sl.free = make([]string, slabSize)
	}
	p := &sl.free[0]
	sl.free = sl.free[1:]
	*p = v
	*dst = p
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
