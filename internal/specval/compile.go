package specval

import (
	"math"
	"reflect"
	"regexp"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// A node is a schema compiled for the fast check: a check of the JSON bytes
// themselves, with no decoded value and no error to build. The fast check
// is one-sided. When it accepts a value, kin-openapi (with this package's
// options) accepts it too; when it refuses one, or meets a keyword it does
// not know, the caller asks kin-openapi, whose verdict and words are then
// the answer. So it can only make a valid exchange cheaper to check: it
// never decides that an exchange breaks the spec, nor that one does not
// when kin-openapi would say it does.
type node struct {
	// unsupported refuses every value: the schema uses a keyword the fast
	// check does not implement, so kin-openapi decides.
	unsupported bool
	// empty is the schema {}: any value but null.
	empty    bool
	nullable bool
	// types is the set of JSON types the schema's type permits; every type
	// when it names none.
	types typeSet
	allOf []*node
	// oneOf holds the branches by the family of JSON type each accepts;
	// hasOneOf says there is a oneOf at all.
	oneOf    [familyCount]*node
	hasOneOf bool
	// enum, when hasEnum, lists the strings the value may be.
	enum    []string
	hasEnum bool

	// Objects.
	props         map[string]int
	propNodes     []*node
	required      []int
	forbidExtra   bool
	extra         *node
	minProps      uint64
	maxProps      *uint64
	hasProperties bool

	// Arrays.
	items    *node
	minItems uint64
	maxItems *uint64

	// Strings.
	minLength, maxLength *uint64
	pattern              *regexp.Regexp
	format               openapi3.StringFormatValidator
	formatShape          func([]byte) bool

	// Numbers.
	min, max     *float64
	intFormat    openapi3.IntegerFormatValidator
	numberFormat openapi3.NumberFormatValidator
}

// typeSet is a set of JSON schema types.
type typeSet uint8

const (
	tObject typeSet = 1 << iota
	tArray
	tString
	tNumber
	tInteger
	tBoolean
	tAll = tObject | tArray | tString | tNumber | tInteger | tBoolean
)

// The families of JSON values a oneOf branch is chosen by: a number fits
// both integer and number schemas, so they are one family.
const (
	famObject = iota
	famArray
	famString
	famNumber
	famBoolean
	familyCount
)

// maxProperties bounds the properties of one object schema: the fast check
// marks the ones it has seen in a fixed bitset on the stack.
const maxProperties = 256

// compiler turns schemas into nodes, once each, sharing the node of a
// schema reached twice (recursive schemas included).
type compiler struct {
	mu    sync.Mutex
	nodes map[*openapi3.Schema]*node
	uuid  openapi3.StringFormatValidator
}

func newCompiler(uuid openapi3.StringFormatValidator) *compiler {
	return &compiler{nodes: map[*openapi3.Schema]*node{}, uuid: uuid}
}

// node returns the compiled schema.
func (c *compiler) node(s *openapi3.Schema) *node {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.compile(s)
}

func (c *compiler) compile(s *openapi3.Schema) *node {
	if s == nil {
		return &node{unsupported: true}
	}
	if n, ok := c.nodes[s]; ok {
		return n
	}
	n := &node{}
	c.nodes[s] = n
	if s.IsEmpty() {
		n.empty = true
		return n
	}
	if !c.known(s) {
		n.unsupported = true
		return n
	}
	n.nullable = s.Nullable || s.Type.IncludesNull()
	n.types = typesOf(s.Type)
	for _, ref := range s.AllOf {
		n.allOf = append(n.allOf, c.compile(ref.Value))
	}
	if len(s.OneOf) > 0 && !c.compileOneOf(n, s.OneOf) {
		n.unsupported = true
		return n
	}
	if len(s.Enum) > 0 {
		n.hasEnum = true
		for _, v := range s.Enum {
			str, ok := v.(string)
			if !ok {
				n.unsupported = true
				return n
			}
			n.enum = append(n.enum, str)
		}
	}
	c.compileObject(n, s)
	c.compileArray(n, s)
	if !c.compileString(n, s) {
		n.unsupported = true
		return n
	}
	n.min, n.max = s.Min, s.Max
	if s.Format != "" && n.types&(tNumber|tInteger) != 0 {
		if n.types&tInteger != 0 && n.types&tNumber == 0 {
			n.intFormat = openapi3.SchemaIntegerFormats[s.Format]
		} else {
			n.numberFormat = openapi3.SchemaNumberFormats[s.Format]
		}
	}
	return n
}

// known reports whether every keyword of s that affects validation is
// one the fast check implements: s without them is the empty schema.
func (c *compiler) known(s *openapi3.Schema) bool {
	if s.Discriminator != nil || len(s.Properties) > maxProperties {
		return false
	}
	for _, p := range s.Properties {
		if p.Value == nil || p.Value.ReadOnly || p.Value.WriteOnly {
			return false
		}
	}
	if s.Type != nil && len(*s.Type) > 0 && typesOf(s.Type) == 0 {
		return false
	}
	rest := *s
	rest.Type, rest.Nullable, rest.Format, rest.Enum = nil, false, "", nil
	rest.AllOf, rest.OneOf = nil, nil
	rest.Properties, rest.Required, rest.AdditionalProperties = nil, nil, openapi3.AdditionalProperties{}
	rest.MinProps, rest.MaxProps = 0, nil
	rest.Items, rest.MinItems, rest.MaxItems = nil, 0, nil
	rest.MinLength, rest.MaxLength, rest.Pattern = 0, nil, ""
	rest.Min, rest.Max = nil, nil
	return rest.IsEmpty()
}

func typesOf(t *openapi3.Types) typeSet {
	if t == nil || len(*t) == 0 {
		return tAll
	}
	var set typeSet
	for _, name := range *t {
		switch name {
		case openapi3.TypeObject:
			set |= tObject
		case openapi3.TypeArray:
			set |= tArray
		case openapi3.TypeString:
			set |= tString
		case openapi3.TypeNumber:
			set |= tNumber
		case openapi3.TypeInteger:
			set |= tInteger
		case openapi3.TypeBoolean:
			set |= tBoolean
		case openapi3.TypeNull:
		default:
			return 0
		}
	}
	return set
}

// compileOneOf keeps a oneOf whose branches each name their types, no two
// sharing a family: a value can then match only the branch of its family,
// since kin-openapi refuses a value whose type a branch does not permit,
// so "exactly one branch matches" is "the branch of its family matches".
func (c *compiler) compileOneOf(n *node, branches openapi3.SchemaRefs) bool {
	n.hasOneOf = true
	for _, ref := range branches {
		s := ref.Value
		if s == nil || s.Type == nil || len(*s.Type) == 0 || s.Nullable || s.Type.IncludesNull() {
			return false
		}
		set := typesOf(s.Type)
		b := c.compile(s)
		for fam, bits := range [familyCount]typeSet{tObject, tArray, tString, tNumber | tInteger, tBoolean} {
			if set&bits == 0 {
				continue
			}
			if n.oneOf[fam] != nil {
				return false
			}
			n.oneOf[fam] = b
		}
	}
	return true
}

func (c *compiler) compileObject(n *node, s *openapi3.Schema) {
	n.hasProperties = s.Properties != nil
	n.props = make(map[string]int, len(s.Properties))
	for name, ref := range s.Properties {
		n.props[name] = len(n.propNodes)
		n.propNodes = append(n.propNodes, c.compile(ref.Value))
	}
	for _, name := range s.Required {
		i, ok := n.props[name]
		if !ok {
			// A required key with no property schema: rare, left to
			// kin-openapi.
			n.unsupported = true
			return
		}
		n.required = append(n.required, i)
	}
	if has := s.AdditionalProperties.Has; has != nil && !*has {
		n.forbidExtra = true
	}
	if ref := s.AdditionalProperties.Schema; ref != nil {
		n.extra = c.compile(ref.Value)
	}
	n.minProps, n.maxProps = s.MinProps, s.MaxProps
}

func (c *compiler) compileArray(n *node, s *openapi3.Schema) {
	if s.Items != nil {
		n.items = c.compile(s.Items.Value)
	}
	n.minItems, n.maxItems = s.MinItems, s.MaxItems
}

// compileString reports false for a string schema the fast check cannot
// check exactly as kin-openapi does.
func (c *compiler) compileString(n *node, s *openapi3.Schema) bool {
	if s.MinLength != 0 {
		v := s.MinLength
		n.minLength = &v
	}
	n.maxLength = s.MaxLength
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return false
		}
		n.pattern = re
	}
	if s.Format == "" || n.types&tString == 0 {
		return true
	}
	switch s.Format {
	case "binary", "byte":
		// kin-openapi reads such bodies as files, not JSON.
		return false
	case "uuid":
		n.format = c.uuid
		n.formatShape = isUUID
		return true
	}
	f, ok := openapi3.SchemaStringFormats[s.Format]
	if !ok {
		return true
	}
	n.format = f
	// The shapes below accept only strings their format's regular
	// expression accepts, so they may stand in for it, but only while the
	// format is still kin-openapi's own.
	switch {
	case s.Format == "date-time" && sameValidator(f, openapi3.FormatOfStringDateTime):
		n.formatShape = isDateTime
	case s.Format == "date" && sameValidator(f, openapi3.FormatOfStringDate):
		n.formatShape = isDate
	}
	return true
}

// sameValidator reports whether f is kin-openapi's regular expression
// validator for pattern.
func sameValidator(f openapi3.StringFormatValidator, pattern string) bool {
	return reflect.DeepEqual(f, openapi3.NewRegexpFormatValidator(pattern))
}

// integerInFormat is kin-openapi's validateIntegerFormat.
func integerInFormat(f openapi3.IntegerFormatValidator, value float64) bool {
	switch {
	case value == float64(math.MaxInt64):
		return f.Validate(math.MaxInt64) == nil
	case value >= float64(math.MinInt64) && value < float64(math.MaxInt64):
		return f.Validate(int64(value)) == nil
	}
	return false
}
