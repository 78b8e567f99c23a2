// Package openapi holds lago-go's OpenAPI description of the Lago customer
// endpoints, lago.yaml: the single source that gen/client.gen.go is
// generated from and that lagotest checks every request and response
// against.
//
// It is public because the description is part of what lago-go offers: the
// exact contract the client was generated from, for your own validators,
// mocks or documentation. It is only bytes, with no dependency, so
// importing it costs nothing; the parsed form that lago-go uses itself, a
// kin-openapi document, stays internal. (The package has to live beside
// lago.yaml, because go:embed cannot reach a parent directory.)
package openapi

import _ "embed" // the spec travels inside the binary

//go:embed lago.yaml
var spec []byte

// YAML returns the contents of lago.yaml. Each call returns a fresh copy,
// so a caller that changes it affects no one else.
func YAML() []byte { return append([]byte(nil), spec...) }
