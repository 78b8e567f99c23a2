package specval

import (
	"context"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lagoclient/lago-go/gen/spec"
	"github.com/lagoclient/lago-go/openapi"
)

// Load parses openapi/lago.yaml and validates it as an OpenAPI document.
// Each call returns a fresh document, so callers may change it (for example
// its servers) without affecting each other. The generators read the spec
// through it, so what they write never depends on generated code.
func Load(ctx context.Context) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromData(openapi.YAML())
	if err != nil {
		return nil, fmt.Errorf("openapi: parse lago.yaml: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("openapi: lago.yaml is not a valid OpenAPI document: %w", err)
	}
	return doc, nil
}

// loadBuilt returns the document Load returns, built by gen/spec instead of
// parsed: parsing costs some 75 ms, which every process that starts a
// lagotest server would pay, and building it about 1 ms. It is not
// validated again: TestLoadBuiltIsLoad checks that it is the document
// Load parses and validates, so a valid spec in a clean checkout (CI fails
// on a stale gen/) is all it needs.
func loadBuilt(ctx context.Context) (*openapi3.T, error) {
	doc := spec.Doc()
	loader := openapi3.NewLoader()
	loader.Context = ctx
	if err := loader.ResolveRefsIn(doc, nil); err != nil {
		return nil, fmt.Errorf("openapi: resolve gen/spec's lago.yaml: %w", err)
	}
	return doc, nil
}
