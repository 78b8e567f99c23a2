// Package openapi holds lago-go's OpenAPI description of the Lago customer
// endpoints, the single source that gen/client.gen.go is generated from and
// that lagotest checks every request and response against.
package openapi

import (
	"context"
	_ "embed" // the spec travels inside the binary
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// Spec is the raw YAML of lago.yaml.
//
//go:embed lago.yaml
var Spec []byte

// Load parses Spec and validates it as an OpenAPI document. Each call returns
// a fresh document, so callers may change it (for example its servers)
// without affecting each other.
func Load(ctx context.Context) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromData(Spec)
	if err != nil {
		return nil, fmt.Errorf("openapi: parse lago.yaml: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("openapi: lago.yaml is not a valid OpenAPI document: %w", err)
	}
	return doc, nil
}
