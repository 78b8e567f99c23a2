// Package stringify prints the values of package gen's types for people.
// fmt prints a pointer field as an address, so %v of a decoded response,
// whose optional fields are pointers, says nothing of them. The String
// method that `make generate` gives each gen struct, and each gen map or
// slice type holding pointers, calls String here instead.
package stringify

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// String returns v written out with its pointers followed:
//
//   - a nil pointer, interface, map or slice is <nil>;
//   - a struct is its type's name, then its exported fields in braces:
//     Customer{ExternalID:"acme", Name:<nil>};
//   - a map is its type's name, or map, then its entries in braces,
//     sorted by key: WalletMetadata{"plan":"gold", "seats":<nil>};
//   - a slice or an array is its type's name, if it has one, then its
//     elements in brackets: ["a", "b"];
//   - a string, enums included, is quoted;
//   - a json.RawMessage is its JSON text;
//   - below the top, a value with a String or Error method, or a pointer
//     to one, is what that method returns (a time.Time, a date, a
//     json.Number, another gen type); v's own method is not called, so
//     that it can call String;
//   - anything else is what fmt's %v prints.
//
// A pointer or map met again inside what it points to is written <cycle>.
func String(v any) string {
	p := printer{}
	p.value(reflect.ValueOf(v), true)
	return p.b.String()
}

// Value returns v as String writes it inside another value: through v's
// own String or Error method when it has one. It is for types that hold a
// value, such as tristate.Nullable, to print it.
func Value(v any) string {
	p := printer{}
	p.value(reflect.ValueOf(v), false)
	return p.b.String()
}

type printer struct {
	b    strings.Builder
	path []uintptr // the pointers being followed, for cycles
}

var (
	stringerType   = reflect.TypeFor[fmt.Stringer]()
	rawMessageType = reflect.TypeFor[json.RawMessage]()
)

func (p *printer) value(v reflect.Value, top bool) {
	if !v.IsValid() {
		p.b.WriteString("<nil>")
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			p.b.WriteString("<nil>")
			return
		}
		if !top && v.Elem().Kind() != reflect.Pointer && !v.Elem().Type().Implements(stringerType) && p.method(v) {
			return // a method of the pointer type only, as errors.New's
		}
		if p.enter(v.Pointer()) {
			p.value(v.Elem(), top)
			p.leave()
		}
		return
	case reflect.Interface:
		if v.IsNil() {
			p.b.WriteString("<nil>")
			return
		}
		p.value(v.Elem(), top)
		return
	}
	if v.Type() == rawMessageType {
		if v.IsNil() {
			p.b.WriteString("<nil>")
		} else {
			p.b.Write(v.Bytes())
		}
		return
	}
	if !top && p.method(v) {
		return
	}
	switch v.Kind() {
	case reflect.String:
		p.b.WriteString(strconv.Quote(v.String()))
	case reflect.Struct:
		p.b.WriteString(v.Type().Name())
		p.b.WriteByte('{')
		first := true
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if !first {
				p.b.WriteString(", ")
			}
			first = false
			p.b.WriteString(f.Name)
			p.b.WriteByte(':')
			p.value(v.Field(i), false)
		}
		p.b.WriteByte('}')
	case reflect.Map:
		if v.IsNil() {
			p.b.WriteString("<nil>")
			return
		}
		if !p.enter(v.Pointer()) {
			return
		}
		name := v.Type().Name()
		if name == "" {
			name = "map"
		}
		p.b.WriteString(name)
		p.b.WriteByte('{')
		type entry struct {
			key   string
			value reflect.Value
		}
		entries := make([]entry, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			entries = append(entries, entry{p.sub(it.Key()), it.Value()})
		}
		slices.SortStableFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
		for i, e := range entries {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.b.WriteString(e.key)
			p.b.WriteByte(':')
			p.value(e.value, false)
		}
		p.b.WriteByte('}')
		p.leave()
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			p.b.WriteString("<nil>")
			return
		}
		p.b.WriteString(v.Type().Name())
		p.b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				p.b.WriteString(", ")
			}
			p.value(v.Index(i), false)
		}
		p.b.WriteByte(']')
	default:
		if v.CanInterface() {
			fmt.Fprint(&p.b, v.Interface())
		} else {
			fmt.Fprint(&p.b, v)
		}
	}
}

// enter records that the pointer or map at addr is being followed, and
// reports false, having written <cycle>, when it already is.
func (p *printer) enter(addr uintptr) bool {
	if slices.Contains(p.path, addr) {
		p.b.WriteString("<cycle>")
		return false
	}
	p.path = append(p.path, addr)
	return true
}

// leave ends what the last successful enter began.
func (p *printer) leave() { p.path = p.path[:len(p.path)-1] }

// sub returns v as value writes it below the top, on the current path.
func (p *printer) sub(v reflect.Value) string {
	q := printer{path: p.path}
	q.value(v, false)
	return q.b.String()
}

// method writes what v's Error or String method returns, and reports
// whether v has one.
func (p *printer) method(v reflect.Value) bool {
	if !v.CanInterface() {
		return false
	}
	switch x := v.Interface().(type) {
	case error:
		p.b.WriteString(x.Error())
	case fmt.Stringer:
		p.b.WriteString(x.String())
	default:
		return false
	}
	return true
}
