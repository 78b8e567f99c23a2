// Command opgen writes gen/operations.gen.go: the table of every operation
// of openapi/lago.yaml as package lago and package lagotest use it (id,
// method, path template and its parameters, the keys a 200 body must
// carry, whether it is a list, whether it may be repeated). The spec stays
// the one description of an operation; nothing else spells its path or id.
//
// What OpenAPI says is read from it: the envelope is the required
// properties of the 200 schema (of each of its oneOf variants), nullable
// when they are; a list is a 200 schema whose required properties are an
// array of items and meta. What it has no word for is a vendor extension
// on the operation: x-lago-not-repeatable and x-lago-twin-of.
//
// usage: opgen OUTPUT_FILE
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/format"
	"log"
	"os"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lagoclient/lago-go/internal/specval"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: opgen OUTPUT_FILE")
	}
	doc, err := specval.Load(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	out, err := generate(doc)
	if err != nil {
		log.Fatalf("opgen: %v", err)
	}
	if err := os.WriteFile(os.Args[1], out, 0o644); err != nil {
		log.Fatal(err)
	}
}

// operation is what the table says of one operation.
type operation struct {
	id, goName, method, path string
	params                   []string
	envelope                 []string
	nullable                 bool
	items                    string
	variants                 []variant
	notRepeatable            bool
	twinOf                   string
}

// variant is the envelope of one schema a 200 body may be.
type variant struct {
	schema   string
	envelope []string
	nullable bool
}

// methodOrder is the order of an endpoint's operations in the table.
var methodOrder = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// generate returns operations.gen.go for doc.
func generate(doc *openapi3.T) ([]byte, error) {
	ops, err := read(doc)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("// Ids of the operations of openapi/lago.yaml.\nconst (\n")
	for _, op := range ops {
		fmt.Fprintf(&b, "\tOp%s = %q\n", op.goName, op.id)
	}
	b.WriteString(")\n\n")
	b.WriteString("// Operations describes every operation of openapi/lago.yaml, by id.\nvar Operations = map[string]*Operation{\n")
	for _, op := range ops {
		fmt.Fprintf(&b, "\tOp%s: {\n", op.goName)
		fmt.Fprintf(&b, "\t\tID: Op%s, Method: %q, Path: %q,\n", op.goName, op.method, op.path)
		if len(op.params) > 0 {
			fmt.Fprintf(&b, "\t\tParams: %s,\n", stringList(op.params))
		}
		if len(op.envelope) > 0 {
			fmt.Fprintf(&b, "\t\tEnvelope: %s,\n", stringList(op.envelope))
		}
		if op.nullable {
			b.WriteString("\t\tNullableEnvelope: true,\n")
		}
		if op.items != "" {
			fmt.Fprintf(&b, "\t\tItems: %q,\n", op.items)
		}
		if len(op.variants) > 0 {
			b.WriteString("\t\tVariants: []Variant{\n")
			for _, v := range op.variants {
				fmt.Fprintf(&b, "\t\t\t{Schema: %q, Envelope: %s", v.schema, stringList(v.envelope))
				if v.nullable {
					b.WriteString(", NullableEnvelope: true")
				}
				b.WriteString("},\n")
			}
			b.WriteString("\t\t},\n")
		}
		if op.notRepeatable {
			b.WriteString("\t\tNotRepeatable: true,\n")
		}
		if op.twinOf != "" {
			fmt.Fprintf(&b, "\t\tTwinOf: Op%s,\n", goName(op.twinOf))
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func stringList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// read collects the operations of doc, by path then method.
func read(doc *openapi3.T) ([]operation, error) {
	paths := doc.Paths.Map()
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var ops []operation
	ids := map[string]bool{}
	for _, path := range keys {
		item := paths[path]
		byMethod := item.Operations()
		for m := range byMethod {
			if !slices.Contains(methodOrder, m) {
				return nil, fmt.Errorf("%s %s: method not supported", m, path)
			}
		}
		for _, method := range methodOrder {
			o := byMethod[method]
			if o == nil {
				continue
			}
			op, err := describe(path, method, item, o)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", method, path, err)
			}
			ops = append(ops, op)
			ids[op.id] = true
		}
	}
	for _, op := range ops {
		if op.twinOf != "" && !ids[op.twinOf] {
			return nil, fmt.Errorf("%s: x-lago-twin-of names no operation: %q", op.id, op.twinOf)
		}
	}
	return ops, nil
}

// describe reads one operation.
func describe(path, method string, item *openapi3.PathItem, o *openapi3.Operation) (operation, error) {
	op := operation{id: o.OperationID, method: method, path: path, params: templateParams(path)}
	if op.id == "" {
		return op, errors.New("no operationId")
	}
	op.goName = goName(op.id)
	declared := map[string]bool{}
	for _, params := range []openapi3.Parameters{item.Parameters, o.Parameters} {
		for _, p := range params {
			if p.Value.In == openapi3.ParameterInPath {
				declared[p.Value.Name] = true
			}
		}
	}
	if len(declared) != len(op.params) {
		return op, fmt.Errorf("path parameters %v, template has %v", declared, op.params)
	}
	for _, name := range op.params {
		if !declared[name] {
			return op, fmt.Errorf("template parameter %q is not declared", name)
		}
	}
	for key, value := range o.Extensions {
		switch key {
		case "x-lago-not-repeatable":
			b, ok := value.(bool)
			if !ok {
				return op, fmt.Errorf("%s: want true or false, got %v", key, value)
			}
			op.notRepeatable = b
		case "x-lago-twin-of":
			s, ok := value.(string)
			if !ok || s == "" {
				return op, fmt.Errorf("%s: want an operationId, got %v", key, value)
			}
			op.twinOf = s
		default:
			if strings.HasPrefix(key, "x-lago-") {
				return op, fmt.Errorf("unknown extension %s", key)
			}
		}
	}
	ok := o.Responses.Value("200")
	if ok == nil {
		return op, errors.New("no 200 response")
	}
	media := ok.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil {
		return op, nil // a 200 without a body
	}
	schema := media.Schema.Value
	if len(schema.OneOf) > 0 {
		for _, ref := range schema.OneOf {
			name := ref.Ref[strings.LastIndexByte(ref.Ref, '/')+1:]
			if ref.Ref == "" {
				return op, errors.New("a oneOf variant of the 200 schema is not a $ref")
			}
			env, nullable, items, err := envelope(ref.Value)
			if err != nil {
				return op, fmt.Errorf("%s: %w", name, err)
			}
			if items != "" {
				return op, fmt.Errorf("%s: a list as a oneOf variant is not supported", name)
			}
			op.variants = append(op.variants, variant{schema: name, envelope: env, nullable: nullable})
		}
		return op, nil
	}
	var err error
	op.envelope, op.nullable, op.items, err = envelope(schema)
	return op, err
}

// envelope reads the keys a body of schema must carry: its required
// properties, and whether they may be null (all or none). A list's are its
// items array and meta, and items is the array's key.
func envelope(schema *openapi3.Schema) (keys []string, nullable bool, items string, err error) {
	if !schema.Type.Is(openapi3.TypeObject) || len(schema.Required) == 0 {
		return nil, false, "", errors.New("a 200 schema must be an object with required properties")
	}
	keys = schema.Required
	nulls := 0
	for _, k := range keys {
		prop := schema.Properties[k]
		if prop == nil {
			return nil, false, "", fmt.Errorf("required property %q is not declared", k)
		}
		if prop.Value.Nullable {
			nulls++
		}
	}
	if nulls != 0 && nulls != len(keys) {
		return nil, false, "", errors.New("some envelope keys are nullable, others not")
	}
	if len(keys) == 2 && keys[1] == "meta" && schema.Properties[keys[0]].Value.Type.Is(openapi3.TypeArray) {
		items = keys[0]
	} else if slices.Contains(keys, "meta") {
		return nil, false, "", errors.New(`a list's required properties must be [<items>, meta]`)
	}
	return keys, nulls > 0, items, nil
}

// templateParams reads the {names} of a path template, in order.
func templateParams(path string) []string {
	var names []string
	for rest := path; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(rest, '}')
		names = append(names, rest[open+1:end])
		rest = rest[end+1:]
	}
}

// goName spells an operationId as an exported Go name, with the
// initialisms oapi-codegen spells in capitals: getCustomerPortalUrl is
// GetCustomerPortalURL and fetchJsonPublicKey FetchJSONPublicKey, as the
// generated client's methods are.
func goName(id string) string {
	name := strings.ToUpper(id[:1]) + id[1:]
	for _, word := range []string{"Url", "Id", "Json"} {
		for i := 0; ; {
			j := strings.Index(name[i:], word)
			if j < 0 {
				break
			}
			j += i
			end := j + len(word)
			if end == len(name) || (name[end] >= 'A' && name[end] <= 'Z') {
				name = name[:j] + strings.ToUpper(word) + name[end:]
			}
			i = end
		}
	}
	return name
}

const header = `// Code generated by internal/opgen from openapi/lago.yaml. DO NOT EDIT.

package gen

// Operation describes one operation of openapi/lago.yaml as package lago
// and package lagotest use it, so that neither spells a path or an id of
// its own.
type Operation struct {
	// ID is the operationId, e.g. "findCustomer".
	ID string
	// Method is the HTTP method, e.g. "GET".
	Method string
	// Path is the path template, relative to the API root.
	Path string
	// Params are the names of the path template's parameters, in order.
	Params []string
	// Envelope holds the keys a 200 body must carry, not null: the
	// required properties of the 200 schema. Empty when the 200 has no
	// body, or when it is one of Variants.
	Envelope []string
	// NullableEnvelope lets the Envelope keys hold null (the 200 schema
	// says they are nullable), as long as they are there.
	NullableEnvelope bool
	// Items is a paged list's items key, e.g. "customers", beside "meta"
	// in Envelope; empty for an operation that is not a list.
	Items string
	// Variants are the envelopes of a 200 body that is one of several
	// schemas (oneOf), in the spec's order.
	Variants []Variant
	// NotRepeatable marks an operation that a second delivery would
	// repeat (x-lago-not-repeatable): a second wallet, a refused alert.
	NotRepeatable bool
	// TwinOf is the published operation whose action Rails also routes
	// this second verb to (x-lago-twin-of); empty for most operations.
	TwinOf string
}

// Variant is the envelope of one schema a 200 body may be.
type Variant struct {
	// Schema is the schema's name under components/schemas, which is
	// also its Go type's name.
	Schema string
	// Envelope holds the keys a body of this schema must carry.
	Envelope []string
	// NullableEnvelope lets the Envelope keys hold null.
	NullableEnvelope bool
}

`
