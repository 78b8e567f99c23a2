//go:build tools

// Package lagogo is the entry point for the tools lago-go builds with. It
// imports nothing: the code generator and the linter are pinned in a
// module of their own, tools/go.mod (`tool` directives with their go.sum),
// so that
// `go get github.com/lagoclient/lago-go/lago` never brings the generator
// or its dependencies into a user's go.mod.
//
// `make generate` runs it as `go -C tools tool oapi-codegen` (see
// gen/generate.go), which always uses the pinned version and reproduces
// gen/client.gen.go byte for byte. To move to another version:
//
//	cd tools && go get -tool github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@vX.Y.Z && go mod tidy
//
// then `make generate` and commit the regenerated files. golangci-lint
// (which runs staticcheck among its linters) is pinned the same way and
// run by `make lint` as `go -C tools tool -n golangci-lint`'s binary.
package lagogo
