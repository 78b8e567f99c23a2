package tristate

import (
	"encoding"
	"encoding/json"
	"reflect"
	"unicode/utf8"
)

// unmarshalFast decodes data into v without encoding/json when v is a
// string, an enum (a named string without its own unmarshaling), a
// boolean or an int64, and data is a plain JSON value of that kind: a
// string without escapes, true or false, or an integer of at most 18
// digits. It reports false, leaving v alone, for anything else, which the
// caller then decodes with json.Unmarshal. Every value it accepts is one
// json.Unmarshal decodes without error to the very same value: lagotest
// decodes every request body through here, and a request field's
// json.Unmarshal costs a scan of its bytes and several allocations.
func unmarshalFast[T any](data []byte, v *T) bool {
	switch p := any(v).(type) {
	case *string:
		s, ok := plainString(data)
		if ok {
			*p = s
		}
		return ok
	case *bool:
		switch string(data) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			return false
		}
		return true
	case *int64:
		n, ok := plainInteger(data)
		if ok {
			*p = n
		}
		return ok
	case json.Unmarshaler, encoding.TextUnmarshaler:
		// Its own methods decide; json.Unmarshal calls them.
		return false
	}
	if reflect.TypeFor[T]().Kind() != reflect.String {
		return false
	}
	s, ok := plainString(data)
	if ok {
		reflect.ValueOf(v).Elem().SetString(s)
	}
	return ok
}

// plainString is the string data holds when data is exactly one JSON
// string whose bytes encoding/json keeps as they are: no escape, no
// control character, valid UTF-8 (which it would otherwise replace).
func plainString(data []byte) (string, bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return "", false
	}
	inner := data[1 : len(data)-1]
	ascii := true
	for _, c := range inner {
		switch {
		case c == '"' || c == '\\' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}

// maxPlainDigits bounds the integers plainInteger reads, so that none
// overflows an int64.
const maxPlainDigits = 18

// plainInteger is the integer data holds when data is exactly a JSON
// integer, without fraction or exponent, of at most maxPlainDigits digits.
func plainInteger(data []byte) (int64, bool) {
	digits := data
	neg := len(digits) > 0 && digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > maxPlainDigits || digits[0] == '0' && len(digits) > 1 {
		return 0, false
	}
	n := int64(0)
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
