package lagotest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// filterQuery reads the list filters of one request, collecting the
// problems Lago's filter contracts report in their words.
type filterQuery struct {
	url.Values
	errs map[string]any
}

func newFilterQuery(q url.Values) *filterQuery {
	return &filterQuery{Values: q, errs: map[string]any{}}
}

// values reads a filter that Lago takes as one value (name=v) or as a
// list (name[]=v): Rails hands both to Lago under the same key. Of a
// repeated single value Rails keeps the last.
func (q *filterQuery) values(name string) []string {
	if list := q.Values[name+"[]"]; len(list) > 0 {
		return list
	}
	if one := q.Values[name]; len(one) > 0 {
		return one[len(one)-1:]
	}
	return nil
}

// boolean reads a boolean filter the way Rails casts it; strict ones (a
// dry-validation contract) refuse anything else with "must be boolean",
// lenient ones take anything not false-like as true.
func (q *filterQuery) boolean(field string, strict bool) *bool {
	raw := q.Get(field)
	if !q.Has(field) {
		return nil
	}
	b, err := strconv.ParseBool(raw)
	if err != nil {
		if strict {
			q.errs[field] = []string{"must be boolean"}
			return nil
		}
		b = raw != "" && raw != "off" && raw != "no"
	}
	return &b
}

// integer reads an amount filter; the spec check has refused the rest.
func (q *filterQuery) integer(field string) *int64 {
	n, err := strconv.ParseInt(q.Get(field), 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

// date reads a date filter. Lago ignores a date it cannot parse rather
// than refusing it.
func (q *filterQuery) date(field string) *time.Time {
	d, err := time.Parse(time.DateOnly, q.Get(field))
	if err != nil {
		return nil
	}
	return &d
}

// text reads a string filter; nil when absent.
func (q *filterQuery) text(field string) *string {
	if !q.Has(field) {
		return nil
	}
	v := q.Get(field)
	return &v
}

// known keeps the values of a lenient enum filter that Lago knows and
// drops the others without a word; when none is left the filter is off.
func known[E interface {
	~string
	Valid() bool
}](values []string) []E {
	var out []E
	for _, v := range values {
		if e := E(v); e.Valid() {
			out = append(out, e)
		}
	}
	return out
}

// oneOf checks a strict enum filter, reporting each bad value as Lago's
// contract does.
func (q *filterQuery) oneOf(field string, values []string, valid func(string) bool, allowed string) {
	for _, v := range values {
		if !valid(v) {
			q.errs[field] = []string{"must be one of: " + allowed}
			return
		}
	}
}

// within reports whether v lies in the optional inclusive bounds.
func within[T interface{ ~int64 }](v T, from, to *int64) bool {
	return (from == nil || int64(v) >= *from) && (to == nil || int64(v) <= *to)
}

func dayWithin(d time.Time, from, to *time.Time) bool {
	return (from == nil || !d.Before(*from)) && (to == nil || !d.After(*to))
}

// in reports whether the list is empty (no filter) or holds v.
func in[E comparable](list []E, v E) bool {
	return len(list) == 0 || slices.Contains(list, v)
}

// equalFold is a case-insensitive exact match of an optional value.
func equalFold(want *string, got *string) bool {
	return want == nil || got != nil && strings.EqualFold(*want, *got)
}
