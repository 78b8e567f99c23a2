package lago

import (
	"fmt"
	"time"
)

// knownEnum is a generated enum type, which can tell its listed values.
type knownEnum interface {
	~string
	Valid() bool
}

// checkKnown refuses values of a list filter that Lago drops without a
// word: such a filter answers as if the value were not there, or as if the
// whole filter were not there, which a caller would take for a real answer.
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
