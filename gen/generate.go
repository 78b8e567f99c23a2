// Package gen is the client that oapi-codegen generates from
// openapi/lago.yaml. Do not edit client.gen.go: change the spec or
// openapi/oapi-codegen.yaml and run `make generate`. Most code should use
// package lago, which wraps this one.
package gen

// The generator is pinned in its own module, tools/go.mod, so that it stays
// out of the module graph of everyone who imports lago-go. It runs from
// there (go -C): the paths below and in the config are relative to tools/.
//
//go:generate go -C ../tools tool oapi-codegen -config ../openapi/oapi-codegen.yaml ../openapi/lago.yaml
//
// The doc comments come out as Go sentences because the templates in
// openapi/templates say them so (doc_test.go checks every one); nothing
// rewrites the file afterwards.
//
// The table of operations that package lago and lagotest use (ids, paths,
// envelopes, what may be repeated) comes from the spec too.
//
//go:generate go run ../internal/opgen operations.gen.go
