// Package codec is the runtime of the JSON decoders and encoders that
// internal/codecgen writes into package gen (gen/decode.gen.go,
// gen/encode.gen.go): one tokenizer (Decoder), one envelope check
// (Envelope), one page decoder (DecodePage) that both listing a page and
// walking every page use, pooled body reading (Decode), and JSON strings
// written as encoding/json writes them (AppendString).
package codec

import (
	"encoding/json"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The fast path of decoding: the decoders internal/codecgen writes into
// gen/decode.gen.go, one per type of package gen, run on a Decoder over
// the whole body.
//
// A fast decoder only ever says yes when encoding/json would give the very
// same value: it handles the JSON Lago sends (keys in lower case without
// escapes, each key once, fields of the right type) and gives up at
// anything else, returning false, whereupon encoding/json decodes the body
// again and its result, value or error, is final. What it gives up on, so
// that it never has to reproduce encoding/json there:
//   - a struct key with an upper-case letter, a byte above 0x7F or an
//     escape (encoding/json matches such keys to fields ignoring case, with
//     Unicode's folding: "ſ" is "s");
//   - a key a struct already had (encoding/json decodes the second value
//     into the first, merging objects and reusing slice elements);
//   - any value of the wrong type, a number out of range, and any syntax
//     error, anywhere, skipped values included (encoding/json checks the
//     whole body first);
//   - nesting deeper than maxFastDepth.
//
// Strings are unquoted exactly as encoding/json does: invalid UTF-8 and
// lone surrogates become U+FFFD. Types with an UnmarshalJSON method get
// the bytes of their value, as encoding/json passes them.

// maxFastDepth is the deepest nesting the fast path decodes; encoding/json
// allows 10000.
const maxFastDepth = 200

// Decoder reads one JSON value from data, from i on.
type Decoder struct {
	data []byte
	i    int
	// depth is how many objects and lists are open, maxDepth how many may
	// be.
	depth, maxDepth int
	// short is set when reading stopped at the end of data, where more
	// bytes might have made it succeed: a page read in parts is decoded
	// again when more of it has arrived.
	short bool
	// top notes the keys of the outermost object for the envelope check,
	// when it has an envelope, so that checking it needs no second pass.
	top envelopeCheck
	// mem is where decoded strings and optional values are cut from.
	mem arena
}

// NewDecoder returns a Decoder of data that nests no deeper than the
// fast path does, for a generated decoder run on its own.
func NewDecoder(data []byte) *Decoder {
	return &Decoder{data: data, maxDepth: maxFastDepth}
}

// Fast is the generated fast decoder of package gen: it decodes the next
// value into v, which points to a zero value of a type of gen, and
// reports false when it gives up or knows no decoder for v's type.
type Fast func(d *Decoder, v any) bool

// fastUnmarshal decodes data into v, which points to a zero value, and
// reports whether it could; false leaves v in any state. A panic of a
// decoder, which would be a bug, is taken as a no. With env, top holds
// what the decoder saw of it.
func fastUnmarshal(data []byte, v any, fast Fast, env *Envelope) (ok bool, top envelopeCheck) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	d := Decoder{data: data, maxDepth: maxFastDepth, top: envelopeCheck{env: env}}
	d.useArena(len(data))
	if !fast(&d, v) {
		return false, top
	}
	return d.atEnd(), d.top
}

func (d *Decoder) space() {
	if d.i < len(d.data) && d.data[d.i] > ' ' {
		return
	}
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, 0 at the end.
func (d *Decoder) peek() byte {
	d.space()
	if d.i < len(d.data) {
		return d.data[d.i]
	}
	d.short = true
	return 0
}

// literal consumes lit (true, false or null) if it is next.
func (d *Decoder) literal(lit string) bool {
	if len(d.data)-d.i >= len(lit) && string(d.data[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	if rest := d.data[d.i:]; len(rest) < len(lit) && string(rest) == lit[:len(rest)] {
		d.short = true
	}
	return false
}

// IsNull consumes a null if one is next.
func (d *Decoder) IsNull() bool {
	return d.peek() == 'n' && d.literal("null")
}

// ObjectStart consumes the '{' that opens an object.
func (d *Decoder) ObjectStart() bool {
	if d.peek() != '{' {
		return false
	}
	d.i++
	d.depth++
	return d.depth <= d.maxDepth
}

// Next consumes what comes before the next key or value of an object or
// list: nothing for the first, a comma for the others, or the close that
// ends it (more is false then).
func (d *Decoder) Next(first bool, close byte) (more, ok bool) {
	c := d.peek()
	if c == close {
		d.i++
		d.depth--
		return false, true
	}
	if first {
		return true, true
	}
	if c != ',' {
		return false, false
	}
	d.i++
	return true, true
}

// FieldKey reads the next key of an object decoded into a struct, and the
// colon after it. The key shares data's memory.
//
// A key that is some field's name is exact. Any other key may not be what
// it seems, and the caller must pass it to SkipUnknown, which gives up
// where encoding/json would match it to a field ignoring case or after
// unescaping (a key with an upper-case letter, a byte above 0x7F, an
// escape or a control character), or where its end was misread.
func (d *Decoder) FieldKey(first bool) (key []byte, more, ok bool) {
	// Compact JSON, as Lago sends it, takes a short cut: the comma, the
	// key and the colon with nothing between them, the key's end found by
	// the next quote. That quote ends the key unless an escape comes
	// before it, and a field's name has none: a key that matches one was
	// read right; one that matches none goes to SkipUnknown, which checks
	// it. Anything else (white space, the object's end, a key of the
	// outermost object, which the envelope check notes) takes the general
	// path.
	data, i := d.data, d.i
	if !first && i < len(data) && data[i] == ',' {
		i++
	}
	if (first || i > d.i) && i < len(data) && data[i] == '"' && d.depth != 1 {
		start := i + 1
		if end := nextQuote(data, start); end >= 0 {
			if end+1 < len(data) && data[end+1] == ':' {
				d.i = end + 2
				return data[start:end], true, true
			}
		}
	}
	return d.fieldKey(first)
}

// SkipUnknown skips the value of key, which FieldKey read and which is no
// field's name, after checking that encoding/json would not match key to a
// field either.
func (d *Decoder) SkipUnknown(key []byte) bool {
	for _, c := range key {
		if keyBytes[c] != byteOn {
			return false
		}
	}
	return d.Skip()
}

// fieldKey is FieldKey's general path, which checks every byte of the key
// itself.
func (d *Decoder) fieldKey(first bool) (key []byte, more, ok bool) {
	if more, ok = d.Next(first, '}'); !more || !ok {
		return nil, more, ok
	}
	if d.peek() != '"' {
		return nil, false, false
	}
	start := d.i + 1
	data := d.data
	for i := start; i < len(data); i++ {
		switch keyBytes[data[i]] {
		case byteOn:
		case byteEnd:
			d.i = i + 1
			if !d.colon() {
				return nil, false, false
			}
			if d.depth == 1 && d.top.env != nil {
				d.top.note(data[start:i], d.peek() != 'n')
			}
			return data[start:i], true, true
		default:
			return nil, false, false
		}
	}
	d.short = true
	return nil, false, false
}

// The classes of bytes in a string, for a lookup per byte.
const (
	byteOn   = iota // nothing to do
	byteEnd         // the closing quote
	byteSlow        // an escape or a byte above 0x7F: strings unquote it, keys give up
	byteBad         // a control character, invalid in a string; keys give up on upper case too
)

var keyBytes, stringBytes = byteClasses()

func byteClasses() (key, str [256]uint8) {
	for c := range 256 {
		switch {
		case c == '"':
			key[c], str[c] = byteEnd, byteEnd
		case c < 0x20:
			key[c], str[c] = byteBad, byteBad
		case c == '\\' || c >= utf8.RuneSelf:
			key[c], str[c] = byteSlow, byteSlow
		case 'A' <= c && c <= 'Z':
			key[c] = byteBad
		}
	}
	return key, str
}

// MapKey reads the next key of an object decoded into a map, any key, and
// the colon after it.
func (d *Decoder) MapKey(first bool) (key string, more, ok bool) {
	if more, ok = d.Next(first, '}'); !more || !ok {
		return "", more, ok
	}
	if d.peek() != '"' {
		return "", false, false
	}
	if key, ok = d.stringValue(); !ok || !d.colon() {
		return "", false, false
	}
	return key, true, true
}

func (d *Decoder) colon() bool {
	if d.peek() != ':' {
		return false
	}
	d.i++
	return true
}

// ArrayStart consumes the '[' that opens a list.
func (d *Decoder) ArrayStart() bool {
	if d.peek() != '[' {
		return false
	}
	d.i++
	d.depth++
	return d.depth <= d.maxDepth
}

// Str decodes a string, or null, which leaves p as it is.
func (d *Decoder) Str(p *string) bool {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '"':
		s, ok := d.stringValue()
		*p = s
		return ok
	}
	return false
}

// stringValue reads a string at d.i and unquotes it as encoding/json does.
func (d *Decoder) stringValue() (string, bool) {
	start := d.i + 1
	data := d.data
	for i := plainString(data, start); i < len(data); i++ {
		switch stringBytes[data[i]] {
		case byteOn:
		case byteEnd:
			d.i = i + 1
			return d.str(data[start:i]), true
		case byteSlow:
			return d.slowString(start, i)
		default:
			return "", false
		}
	}
	d.short = true
	return "", false
}

// slowString unquotes a string that has escapes or bytes above 0x7F, from
// start; data[start:plain] needs no change.
func (d *Decoder) slowString(start, plain int) (string, bool) {
	out := make([]byte, 0, plain-start+64)
	out = append(out, d.data[start:plain]...)
	for i := plain; i < len(d.data); {
		c := d.data[i]
		switch {
		case c == '"':
			d.i = i + 1
			return d.str(out), true
		case c < 0x20:
			return "", false
		case c < utf8.RuneSelf && c != '\\':
			out = append(out, c)
			i++
		case c >= utf8.RuneSelf:
			// Invalid UTF-8 becomes U+FFFD, one for each bad byte.
			r, size := utf8.DecodeRune(d.data[i:])
			out = utf8.AppendRune(out, r)
			i += size
		default: // an escape
			if i+1 >= len(d.data) {
				d.short = true
				return "", false
			}
			switch e := d.data[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(d.data[i+2:])
				if r < 0 {
					d.short = len(d.data)-i < 6
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair makes one rune; anything else, U+FFFD.
					if i+1 < len(d.data) && d.data[i] == '\\' && d.data[i+1] == 'u' {
						if r2 := hex4(d.data[i+2:]); r2 >= 0 {
							if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
								out = utf8.AppendRune(out, dec)
								i += 6
								continue
							}
						}
					}
					r = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", false
			}
			i += 2
		}
	}
	d.short = true
	return "", false
}

// hex4 reads four hex digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// number reads a number at d.i, checking the grammar of RFC 8259.
func (d *Decoder) number() ([]byte, bool) {
	start := d.i
	n := ScanNumber(d.data[start:])
	if n <= 0 {
		// A number cut short by the end of data.
		d.short = true
		for _, c := range d.data[start:] {
			if (c < '0' || c > '9') && c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E' {
				d.short = false
				break
			}
		}
		return nil, false
	}
	d.i += n
	return d.data[start:d.i], true
}

// ScanNumber returns the length of the JSON number b starts with, or -1. A
// number running to the end of b counts as whole. Package specval's fast
// check reads numbers with it too.
func ScanNumber[B []byte | string](b B) int {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		for i++; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		}
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return -1
		}
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return -1
		}
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		}
	}
	return i
}

// numberOrNull reads a number, or consumes a null (lit is nil then).
func (d *Decoder) numberOrNull() (lit []byte, ok bool) {
	switch c := d.peek(); {
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || ('0' <= c && c <= '9'):
		return d.number()
	}
	return nil, false
}

// Int64 decodes an integer, or null, which leaves p as it is.
func (d *Decoder) Int64(p *int64) bool {
	lit, ok := d.numberOrNull()
	if !ok || lit == nil {
		return ok
	}
	// The common case, a short run of digits, without strconv.
	if len(lit) <= 18 && lit[0] != '-' {
		var n int64
		for _, c := range lit {
			if c < '0' || c > '9' {
				return false
			}
			n = n*10 + int64(c-'0')
		}
		*p = n
		return true
	}
	n, err := strconv.ParseInt(string(lit), 10, 64)
	*p = n
	return err == nil
}

// Float64 decodes a number, or null, which leaves p as it is.
func (d *Decoder) Float64(p *float64) bool {
	lit, ok := d.numberOrNull()
	if !ok || lit == nil {
		return ok
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	*p = f
	return err == nil
}

// Bool decodes true or false, or null, which leaves p as it is.
func (d *Decoder) Bool(p *bool) bool {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case 't':
		*p = true
		return d.literal("true")
	case 'f':
		*p = false
		return d.literal("false")
	}
	return false
}

// JSONNumber decodes a json.Number: a number as written, or a string
// holding a valid number; null leaves p as it is.
func (d *Decoder) JSONNumber(p *json.Number) bool {
	switch c := d.peek(); {
	case c == 'n':
		return d.literal("null")
	case c == '"':
		s, ok := d.stringValue()
		if !ok || ScanNumber(s) != len(s) {
			return false
		}
		*p = json.Number(s)
		return true
	case c == '-' || ('0' <= c && c <= '9'):
		lit, ok := d.number()
		*p = json.Number(lit)
		return ok
	}
	return false
}

// Unmarshaler hands the bytes of the next value, null included, to u, as
// encoding/json does for a type with an UnmarshalJSON method.
func (d *Decoder) Unmarshaler(u json.Unmarshaler) bool {
	raw, ok := d.raw()
	return ok && u.UnmarshalJSON(raw) == nil
}

// ViaJSON decodes the next value with encoding/json, for a type the
// generator does not know. Decoding a value on its own into a zero value
// is what encoding/json does with it inside the body.
func (d *Decoder) ViaJSON(v any) bool {
	raw, ok := d.raw()
	return ok && json.Unmarshal(raw, v) == nil
}

// raw skips the next value and returns its bytes.
func (d *Decoder) raw() ([]byte, bool) {
	d.space()
	start := d.i
	if !d.Skip() {
		return nil, false
	}
	return d.data[start:d.i], true
}

// AnyValue decodes a value into an interface as encoding/json does:
// objects as map[string]any, lists as []any, numbers as float64.
func (d *Decoder) AnyValue(p *any) bool {
	switch c := d.peek(); {
	case c == 'n':
		*p = nil
		return d.literal("null")
	case c == 't':
		*p = true
		return d.literal("true")
	case c == 'f':
		*p = false
		return d.literal("false")
	case c == '"':
		s, ok := d.stringValue()
		*p = s
		return ok
	case c == '{':
		m := map[string]any{}
		if !d.MapAny(&m) {
			return false
		}
		*p = m
		return true
	case c == '[':
		if !d.ArrayStart() {
			return false
		}
		s := make([]any, 0)
		for first := true; ; first = false {
			more, ok := d.Next(first, ']')
			if !ok {
				return false
			}
			if !more {
				break
			}
			var e any
			if !d.AnyValue(&e) {
				return false
			}
			s = append(s, e)
		}
		*p = s
		return true
	default:
		var f float64
		if !d.Float64(&f) {
			return false
		}
		*p = f
		return true
	}
}

// MapAny decodes an object into a map[string]any, or null into nil.
func (d *Decoder) MapAny(p *map[string]any) bool {
	if d.IsNull() {
		*p = nil
		return true
	}
	if !d.ObjectStart() {
		return false
	}
	m := *p
	if m == nil {
		m = map[string]any{}
	}
	for first := true; ; first = false {
		key, more, ok := d.MapKey(first)
		if !ok {
			return false
		}
		if !more {
			break
		}
		var e any
		if !d.AnyValue(&e) {
			return false
		}
		m[key] = e
	}
	*p = m
	return true
}

// Skip passes over the next value, checking its syntax as encoding/json
// would.
func (d *Decoder) Skip() bool {
	switch c := d.peek(); {
	case c == '"':
		return d.skipString()
	case c == '{' || c == '[':
		if c == '{' {
			if !d.ObjectStart() {
				return false
			}
		} else if !d.ArrayStart() {
			return false
		}
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		for first := true; ; first = false {
			more, ok := d.Next(first, close)
			if !ok {
				return false
			}
			if !more {
				return true
			}
			if close == '}' {
				if d.peek() != '"' || !d.skipString() || !d.colon() {
					return false
				}
			}
			if !d.Skip() {
				return false
			}
		}
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	default:
		_, ok := d.number()
		return ok
	}
}

// skipString passes over a string at d.i, checking its escapes.
func (d *Decoder) skipString() bool {
	n := scanString(d.data[d.i:])
	if n <= 0 {
		d.short = n == 0
		return false
	}
	d.i += n
	return true
}

// scanString returns the length of the string b starts with, quotes
// included; -1 when it is not a valid string, 0 when b ends first.
func scanString(b []byte) int {
	for i := plainString(b, 1); i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			return -1
		case c == '\\':
			i++
			if i >= len(b) {
				return 0
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(b)-i < 5 {
					return 0
				}
				if hex4(b[i+1:]) < 0 {
					return -1
				}
				i += 4
			default:
				return -1
			}
		}
	}
	return 0
}

// DecodeScalar decodes data, the bytes of one JSON value, into p, a
// *string, *bool or *int64, as json.Unmarshal does, and reports whether it
// could. It reports false, leaving p alone, for null, for any other type
// of p, and wherever the fast path gives up (a value of another kind, a
// number out of range, a syntax error): encoding/json then decides.
// Package tristate decodes Nullable's scalars with it.
func DecodeScalar(data []byte, p any) bool {
	d := Decoder{data: data, maxDepth: maxFastDepth}
	if d.peek() == 'n' {
		return false
	}
	ok := false
	switch p := p.(type) {
	case *string:
		var s string
		if ok = d.Str(&s) && d.atEnd(); ok {
			*p = s
		}
	case *bool:
		var b bool
		if ok = d.Bool(&b) && d.atEnd(); ok {
			*p = b
		}
	case *int64:
		var n int64
		if ok = d.Int64(&n) && d.atEnd(); ok {
			*p = n
		}
	}
	return ok
}

// atEnd reports whether only white space is left.
func (d *Decoder) atEnd() bool {
	d.space()
	return d.i == len(d.data)
}
