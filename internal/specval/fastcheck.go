package specval

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/lagoclient/lago-go/internal/codec"
)

// accepts reports whether the fast check accepts data, one JSON value and
// nothing after it but white space, as an instance of n. See node for what
// a refusal means: only that kin-openapi has to look.
func (n *node) accepts(data []byte) bool {
	sc := scanner{data: data}
	if !sc.value(n) {
		return false
	}
	sc.skipSpace()
	return sc.pos == len(sc.data)
}

// scanner walks JSON bytes, checking each value against a node as it
// goes. It refuses whatever encoding/json would not decode exactly as the
// bytes say (invalid UTF-8, which it would replace, and repeated keys, of
// which it keeps the last): kin-openapi reads the body with encoding/json.
type scanner struct {
	data []byte
	pos  int
}

func (sc *scanner) skipSpace() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

// value checks the value at pos against n and moves past it.
func (sc *scanner) value(n *node) bool {
	sc.skipSpace()
	if sc.pos >= len(sc.data) || n.unsupported {
		return false
	}
	c := sc.data[sc.pos]
	if c == 'n' {
		return sc.literal("null") && n.nullable
	}
	if n.empty {
		return sc.skipValue()
	}
	fam := familyOf(c)
	if fam < 0 {
		return false
	}
	for _, sub := range n.allOf {
		start := sc.pos
		if !sc.value(sub) {
			return false
		}
		sc.pos = start
	}
	if n.hasOneOf {
		b := n.oneOf[fam]
		if b == nil {
			return false
		}
		start := sc.pos
		if !sc.value(b) {
			return false
		}
		sc.pos = start
	}
	switch fam {
	case famObject:
		return n.types&tObject != 0 && !n.hasEnum && sc.object(n)
	case famArray:
		return n.types&tArray != 0 && !n.hasEnum && sc.array(n)
	case famString:
		return n.types&tString != 0 && sc.str(n)
	case famNumber:
		return n.types&(tNumber|tInteger) != 0 && !n.hasEnum && sc.number(n)
	default:
		if n.types&tBoolean == 0 || n.hasEnum {
			return false
		}
		if c == 't' {
			return sc.literal("true")
		}
		return sc.literal("false")
	}
}

func familyOf(c byte) int {
	switch {
	case c == '{':
		return famObject
	case c == '[':
		return famArray
	case c == '"':
		return famString
	case c == '-' || c >= '0' && c <= '9':
		return famNumber
	case c == 't' || c == 'f':
		return famBoolean
	}
	return -1
}

func (sc *scanner) literal(word string) bool {
	if len(sc.data)-sc.pos < len(word) || string(sc.data[sc.pos:sc.pos+len(word)]) != word {
		return false
	}
	sc.pos += len(word)
	return true
}

// skipValue moves past any valid JSON value, for the empty schema.
func (sc *scanner) skipValue() bool {
	return sc.value(anyValue)
}

// anyValue accepts every JSON value, null included: the items and
// properties of a value the empty schema accepts are not checked further.
var anyValue = &node{types: tAll, nullable: true}

func (sc *scanner) object(n *node) bool {
	sc.pos++ // {
	var seen [maxProperties / 64]uint64
	count := uint64(0)
	sc.skipSpace()
	if sc.pos < len(sc.data) && sc.data[sc.pos] == '}' {
		sc.pos++
		return sc.objectDone(n, &seen, count)
	}
	// Keys without a property schema, to refuse a repeated one.
	var extra map[string]bool
	for {
		sc.skipSpace()
		raw, escaped, ok := sc.stringBytes()
		if !ok {
			return false
		}
		if escaped {
			var key string
			if json.Unmarshal(sc.data[sc.pos-len(raw)-2:sc.pos], &key) != nil {
				return false
			}
			raw = []byte(key)
		}
		sc.skipSpace()
		if sc.pos >= len(sc.data) || sc.data[sc.pos] != ':' {
			return false
		}
		sc.pos++
		count++
		// The lookup with string(raw) does not copy the key.
		if i, ok := n.props[string(raw)]; ok && n.hasProperties {
			if seen[i/64]&(1<<(i%64)) != 0 {
				return false
			}
			seen[i/64] |= 1 << (i % 64)
			if !sc.value(n.propNodes[i]) {
				return false
			}
		} else {
			if n.forbidExtra || extra[string(raw)] {
				return false
			}
			if extra == nil {
				extra = map[string]bool{}
			}
			extra[string(raw)] = true
			sub := anyValue
			if n.extra != nil {
				sub = n.extra
			}
			if !sc.value(sub) {
				return false
			}
		}
		sc.skipSpace()
		if sc.pos >= len(sc.data) {
			return false
		}
		switch sc.data[sc.pos] {
		case ',':
			sc.pos++
		case '}':
			sc.pos++
			return sc.objectDone(n, &seen, count)
		default:
			return false
		}
	}
}

func (sc *scanner) objectDone(n *node, seen *[maxProperties / 64]uint64, count uint64) bool {
	for _, i := range n.required {
		if seen[i/64]&(1<<(i%64)) == 0 {
			return false
		}
	}
	return count >= n.minProps && (n.maxProps == nil || count <= *n.maxProps)
}

func (sc *scanner) array(n *node) bool {
	sc.pos++ // [
	items := n.items
	if items == nil {
		items = anyValue
	}
	count := uint64(0)
	sc.skipSpace()
	if sc.pos < len(sc.data) && sc.data[sc.pos] == ']' {
		sc.pos++
	} else {
		for {
			if !sc.value(items) {
				return false
			}
			count++
			sc.skipSpace()
			if sc.pos >= len(sc.data) {
				return false
			}
			if sc.data[sc.pos] == ']' {
				sc.pos++
				break
			}
			if sc.data[sc.pos] != ',' {
				return false
			}
			sc.pos++
		}
	}
	return count >= n.minItems && (n.maxItems == nil || count <= *n.maxItems)
}

// stringBytes moves past the string at pos and returns what is between
// its quotes, and whether that holds an escape. It refuses control
// characters and invalid UTF-8.
func (sc *scanner) stringBytes() (raw []byte, escaped, ok bool) {
	if sc.pos >= len(sc.data) || sc.data[sc.pos] != '"' {
		return nil, false, false
	}
	start := sc.pos + 1
	// Most strings are printable ASCII with no escape: skip those bytes
	// first, eight at a time.
	i := codec.StringStop(sc.data, start)
	if i < len(sc.data) && sc.data[i] == '"' {
		sc.pos = i + 1
		return sc.data[start:i], false, true
	}
	ascii := true
	for ; i < len(sc.data); i++ {
		switch c := sc.data[i]; {
		case c == '"':
			sc.pos = i + 1
			raw = sc.data[start:i]
			if !ascii && !utf8.Valid(raw) {
				return nil, false, false
			}
			return raw, escaped, true
		case c == '\\':
			escaped = true
			i++
			if i >= len(sc.data) {
				return nil, false, false
			}
			switch sc.data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				// Surrogates, paired or not, are left to encoding/json.
				return nil, false, false
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false, false
}

func (sc *scanner) str(n *node) bool {
	start := sc.pos
	raw, escaped, ok := sc.stringBytes()
	if !ok {
		return false
	}
	checks := n.hasEnum || n.minLength != nil || n.maxLength != nil || n.pattern != nil || n.format != nil
	if !checks {
		return true
	}
	if escaped {
		var s string
		if json.Unmarshal(sc.data[start:sc.pos], &s) != nil {
			return false
		}
		raw = []byte(s)
	}
	if n.hasEnum && !inEnum(n.enum, raw) {
		return false
	}
	if n.minLength != nil || n.maxLength != nil {
		length := utf16Length(raw)
		if n.minLength != nil && length < *n.minLength || n.maxLength != nil && length > *n.maxLength {
			return false
		}
	}
	if n.pattern != nil && !n.pattern.Match(raw) {
		return false
	}
	if n.format != nil && !(n.formatShape != nil && n.formatShape(raw)) && n.format.Validate(string(raw)) != nil {
		return false
	}
	return true
}

func inEnum(enum []string, v []byte) bool {
	for _, e := range enum {
		if e == string(v) {
			return true
		}
	}
	return false
}

// utf16Length is the length kin-openapi compares with minLength and
// maxLength.
func utf16Length(s []byte) uint64 {
	n := uint64(0)
	for _, r := range string(s) {
		// Exactly kin-openapi's count, which a rune above the BMP
		// passes as one unit: the bound must be met as it reads it.
		if utf16.IsSurrogate(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// number checks a JSON number the way kin-openapi checks a json.Number:
// as the float64 strconv.ParseFloat makes of it.
func (sc *scanner) number(n *node) bool {
	start := sc.pos
	size := codec.ScanNumber(sc.data[start:])
	if size < 0 {
		return false
	}
	sc.pos += size
	v, ok := parseNumber(sc.data[start:sc.pos])
	if !ok {
		return false
	}
	requireInteger := n.types&tInteger != 0 && n.types&tNumber == 0
	if requireInteger && v != math.Trunc(v) {
		return false
	}
	if requireInteger && n.intFormat != nil && !integerInFormat(n.intFormat, v) {
		return false
	}
	if !requireInteger && n.numberFormat != nil && n.numberFormat.Validate(v) != nil {
		return false
	}
	return (n.min == nil || *n.min <= v) && (n.max == nil || *n.max >= v)
}

// parseNumber is strconv.ParseFloat, without its string for the common
// small integer.
func parseNumber(b []byte) (float64, bool) {
	if len(b) > 0 && len(b) <= 15 {
		neg := b[0] == '-'
		digits := b
		if neg {
			digits = b[1:]
		}
		v, plain := int64(0), len(digits) > 0
		for _, c := range digits {
			if c < '0' || c > '9' {
				plain = false
				break
			}
			v = v*10 + int64(c-'0')
		}
		if plain {
			if neg {
				return -float64(v), true
			}
			return float64(v), true
		}
	}
	v, err := strconv.ParseFloat(string(b), 64)
	return v, err == nil
}
