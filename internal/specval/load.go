package specval

import (
	"context"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lagoclient/lago-go/openapi"
)

// Load parses openapi/lago.yaml and validates it as an OpenAPI document.
// Each call returns a fresh document, so callers may change it (for example
// its servers) without affecting each other.
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
