package lago

import (
	"fmt"
	"strings"
	"time"
)

// The options of the List… methods become the generated parameters
// through these, which also refuse what Lago would misread or drop without
// a word.

// pageParams sets the page fields of a list's generated parameters from
// the caller's Page and PerPage, refusing negative ones.
func pageParams(page, perPage int, p, pp **int64) error {
	*p, *pp = optionalInt(page), optionalInt(perPage)
	return checkPaging(page, perPage)
}

func checkPaging(page, perPage int) error {
	if page < 0 || perPage < 0 {
		return fmt.Errorf("%w: page and per_page must not be negative", ErrInvalidArgument)
	}
	return nil
}

// checkMetadataKey refuses keys that Rails cannot read back out of
// metadata[<key>]=<value>.
func checkMetadataKey(k string) error {
	if k == "" || strings.ContainsAny(k, "[]") {
		return fmt.Errorf("%w: metadata filter key %q must be non-empty and free of brackets", ErrInvalidArgument, k)
	}
	return nil
}

func optionalInt(n int) *int64 {
	if n == 0 {
		return nil
	}
	v := int64(n)
	return &v
}

// optionalString is nil for "", so that an unset string or enum option
// sends nothing.
func optionalString[S ~string](s S) *S {
	if s == "" {
		return nil
	}
	return &s
}

// knownEnum is a generated enum type, which can tell its listed values.
type knownEnum interface {
	~string
	Valid() bool
}

// checkKnown refuses values of a list filter that Lago drops without a
// word: such a filter answers as if the value were not there, or as if the
// whole filter were not there, which a caller would take for a real response.
func checkKnown[E knownEnum](param string, values []E) error {
	for _, v := range values {
		if !v.Valid() {
			return fmt.Errorf("%w: %s value %q is not one Lago knows; it would be ignored", ErrInvalidArgument, param, string(v))
		}
	}
	return nil
}

// checkOneOf refuses a filter sent both in its single and its list form,
// of which Lago reads only one.
func checkOneOf(single, list string, singleSet, listSet bool) error {
	if singleSet && listSet {
		return fmt.Errorf("%w: set %s or %s, not both", ErrInvalidArgument, single, list)
	}
	return nil
}

// optionalDate sends the calendar day of t in t's own location; the zero
// time sends nothing.
func optionalDate(t time.Time) *Date {
	if t.IsZero() {
		return nil
	}
	return &Date{Time: t}
}
