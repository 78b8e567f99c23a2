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
// oapi-codegen starts each comment with the Go name, then the spec's
// description ("Meta The position of a page."); gendoc makes those Go doc
// sentences ("Meta is the position of a page.").
//
//go:generate go run ../internal/gendoc client.gen.go
//
// The table of operations that package lago and lagotest use (ids, paths,
// envelopes, what may be repeated) comes from the spec too.
//
//go:generate go run ../internal/opgen operations.gen.go
