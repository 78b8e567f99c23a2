package gen_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/internal/scalar"
)

// randomBody writes a JSON value shaped like type t, valid for it, that
// json.Unmarshal turns into a value of t the encoders must write as
// json.Marshal does: absent, null and set optional fields, nil and empty
// lists and maps, strings that need escaping (HTML characters, control
// characters, U+2028, invalid UTF-8), times in every zone with any
// fraction of a second, and unions holding JSON with spaces to compact.
type randomBody struct {
	r *rand.Rand
	b []byte
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	rawType       = reflect.TypeFor[json.RawMessage]()
	decimalType   = reflect.TypeFor[scalar.DecimalInput]()
	decimals      = []string{"0", "10.5", "-3.25", "1234567890.000001", "007"}
	stringSamples = []string{"", "acme", "Zoë", `a "q" \ b`, "<a&b>", "\u2028\u2029", "\t\n\x00\x1f", "\xff\xfe", "€10", "1.50", "-0"}
)

// floatSamples are numbers on each side of the limits where
// encoding/json changes how it writes a float64.
var floatSamples = []string{"0", "-0", "20", "5.5", "-1.25", "1e-7", "0.000001", "1e21", "999999999999999999999", "1.5e300", "-2e-300", "123456.789"}

func (g *randomBody) float() {
	if g.chance(70) {
		g.b = append(g.b, floatSamples[g.r.IntN(len(floatSamples))]...)
		return
	}
	g.b = strconv.AppendFloat(g.b, g.r.NormFloat64()*math.Pow(10, float64(g.r.IntN(60)-30)), 'g', -1, 64)
}

func (g *randomBody) chance(percent int) bool { return g.r.IntN(100) < percent }

func (g *randomBody) value(t reflect.Type, depth int) {
	switch {
	case t == timeType:
		g.time()
		return
	case isNullable(t):
		if g.chance(20) || depth > 6 {
			g.b = append(g.b, "null"...)
			return
		}
		g.value(nullableElem(t), depth+1)
		return
	case t == decimalType: // its UnmarshalJSON takes only decimals
		g.b = strconv.AppendQuote(g.b, decimals[g.r.IntN(len(decimals))])
		return
	case isUnion(t):
		g.union(t, depth)
		return
	}
	switch t.Kind() {
	case reflect.String:
		g.str()
	case reflect.Bool:
		g.b = strconv.AppendBool(g.b, g.chance(50))
	case reflect.Int64:
		g.b = strconv.AppendInt(g.b, g.r.Int64()>>g.r.IntN(64), 10)
	case reflect.Float64:
		g.float()
	case reflect.Interface: // any JSON value, as encoding/json decodes it
		switch g.r.IntN(5) {
		case 0:
			g.str()
		case 1:
			g.float()
		case 2:
			g.b = strconv.AppendBool(g.b, g.chance(50))
		case 3:
			g.b = append(g.b, "null"...)
		default:
			g.value(reflect.TypeFor[map[string][]any](), depth+1)
		}
	case reflect.Pointer:
		if g.chance(30) {
			g.b = append(g.b, "null"...)
			return
		}
		g.value(t.Elem(), depth+1)
	case reflect.Slice:
		if g.chance(15) {
			g.b = append(g.b, "null"...)
			return
		}
		g.b = append(g.b, '[')
		for i := range g.r.IntN(4) {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.value(t.Elem(), depth+1)
		}
		g.b = append(g.b, ']')
	case reflect.Map:
		if g.chance(15) {
			g.b = append(g.b, "null"...)
			return
		}
		g.b = append(g.b, '{')
		for i := range g.r.IntN(5) {
			if i > 0 {
				g.b = append(g.b, ',')
			}
			g.str()
			g.b = append(g.b, ':')
			g.value(t.Elem(), depth+1)
		}
		g.b = append(g.b, '}')
	case reflect.Struct:
		g.object(t, depth)
	default:
		panic("randomBody: no values for " + t.String())
	}
}

// object writes the fields of struct t, leaving optional ones out at
// random.
func (g *randomBody) object(t reflect.Type, depth int) {
	g.b = append(g.b, '{')
	more := false
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" || (isNullable(f.Type) && g.chance(40)) {
			continue
		}
		if more {
			g.b = append(g.b, ',')
		}
		more = true
		g.b = strconv.AppendQuote(g.b, name)
		g.b = append(g.b, ':')
		g.value(f.Type, depth+1)
	}
	g.b = append(g.b, '}')
}

// unionSpelling spreads a union's JSON over lines and unescapes what
// encoding/json escapes when it writes the union's MarshalJSON output.
var unionSpelling = strings.NewReplacer(",", " ,\n\t", `\u003c`, "<", `\u0026`, "&", `\u2028`, "\u2028")

// union writes one of the types union t may hold, spread over lines.
func (g *randomBody) union(t reflect.Type, depth int) {
	ptr := reflect.PointerTo(t)
	var members []reflect.Type
	for i := range ptr.NumMethod() {
		if m := ptr.Method(i); strings.HasPrefix(m.Name, "From") {
			members = append(members, m.Type.In(1))
		}
	}
	inner := &randomBody{r: g.r}
	inner.value(members[g.r.IntN(len(members))], depth+1)
	g.b = append(g.b, unionSpelling.Replace(string(inner.b))...)
}

func (g *randomBody) str() {
	s := stringSamples[g.r.IntN(len(stringSamples))]
	if g.chance(30) {
		s += stringSamples[g.r.IntN(len(stringSamples))]
	}
	quoted, _ := json.Marshal(s)
	g.b = append(g.b, quoted...)
}

// time writes an instant between years 1 and 9999, in UTC or an offset
// of up to a day either way, with no, some or every digit of a second's
// fraction.
func (g *randomBody) time() {
	// Two days inside years 1 and 9999, so that no offset moves it out.
	const first, last = -62135596800 + 2*86400, 253402300799 - 2*86400
	t := time.Unix(first+g.r.Int64N(last-first), 0)
	switch g.r.IntN(3) {
	case 1:
		t = t.Add(time.Duration(g.r.IntN(1000)) * time.Millisecond)
	case 2:
		t = t.Add(time.Duration(g.r.IntN(1e9)))
	}
	zone := time.UTC
	if g.chance(60) {
		zone = time.FixedZone("", (g.r.IntN(48*60-1)-(24*60-1))*60)
	}
	g.b = append(g.b, '"')
	g.b = t.In(zone).AppendFormat(g.b, time.RFC3339Nano)
	g.b = append(g.b, '"')
}

// isNullable reports whether t is a tristate.Nullable.
func isNullable(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "Nullable[")
}

// nullableElem is T of tristate.Nullable[T].
func nullableElem(t reflect.Type) reflect.Type {
	f, _ := t.FieldByName("value")
	return f.Type
}

// isUnion reports whether t is oapi-codegen's type for a oneOf, which
// holds raw JSON.
func isUnion(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Name == "union" && t.Field(0).Type == rawType
}
