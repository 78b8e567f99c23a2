// Package gen is the client that oapi-codegen generates from
// openapi/lago.yaml. Do not edit client.gen.go: change the spec or
// openapi/oapi-codegen.yaml and run `make generate`. Most code should use
// package lago, which wraps this one.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../openapi/oapi-codegen.yaml ../openapi/lago.yaml
