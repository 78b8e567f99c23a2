package specval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Webhook is one event of the spec's x-lago-webhooks: its webhook_type,
// the key of the body that holds its object, and the component schema
// that describes the object.
type Webhook struct {
	Type       string
	ObjectType string
	Schema     string
}

// Webhooks reads x-lago-webhooks from doc, sorted by type. Every entry must
// name an object type and a schema of doc's components.
func Webhooks(doc *openapi3.T) ([]Webhook, error) {
	raw, ok := doc.Extensions["x-lago-webhooks"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi: no x-lago-webhooks map")
	}
	var out []Webhook
	for typ, v := range raw {
		entry, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("openapi: x-lago-webhooks %s: not a map", typ)
		}
		w := Webhook{Type: typ}
		w.ObjectType, _ = entry["object_type"].(string)
		w.Schema, _ = entry["schema"].(string)
		if w.ObjectType == "" || w.Schema == "" || len(entry) != 2 {
			return nil, fmt.Errorf("openapi: x-lago-webhooks %s: want exactly object_type and schema", typ)
		}
		if doc.Components.Schemas[w.Schema] == nil {
			return nil, fmt.Errorf("openapi: x-lago-webhooks %s: no schema %s", typ, w.Schema)
		}
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b Webhook) int { return strings.Compare(a.Type, b.Type) })
	return out, nil
}
