// Package gen is the client that oapi-codegen generates from
// openapi/lago.yaml, with the JSON decoders and encoders of its types. Do
// not edit the *.gen.go files: change the spec or openapi/oapi-codegen.yaml
// and run `make generate`. Most code should use package lago, which wraps
// this one.
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
// The document lagotest checks requests and responses against, as Go code
// that builds kin-openapi's form of the spec: parsing the YAML would cost
// every process that starts a lagotest server some 75 ms. It comes first
// because the generators below read the spec through internal/specval,
// which uses it (they read the YAML itself, but must compile).
//
//go:generate go run ../internal/specgen spec/spec.gen.go
//
// The table of operations that package lago and lagotest use (ids, paths,
// envelopes, what may be repeated) comes from the spec too.
//
//go:generate go run ../internal/opgen operations.gen.go
//
// Decoders for the types of every 2xx response and every request body,
// and encoders for the request bodies and the customer, that give
// encoding/json's values without its reflection; their runtime is
// internal/codec. Package lagotest decodes requests and encodes customers
// with them. They are functions, not UnmarshalJSON or
// MarshalJSON methods: json.Unmarshal into these types stays plain
// encoding/json, the reference the tests compare them against.
//
//go:generate go run ../internal/codecgen client.gen.go decode.gen.go encode.gen.go
