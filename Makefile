# lago-go developer tasks. `make test` is the test command README.md gives
# new users; .ci/run calls the same targets.
GO ?= go

.PHONY: all generate test lint bench demo

all: lint test

# Rebuild gen/client.gen.go from openapi/lago.yaml with the oapi-codegen
# version pinned in tools/go.mod (see tools.go), then the lago files made
# from it.
generate:
	$(GO) generate ./gen/...
	$(GO) generate ./lago/...

test:
	$(GO) test -race -count=1 ./...

# go vet, then golangci-lint with .golangci.yml (gofmt, staticcheck, doc
# comments as sentences, error wrapping, misspellings, shadowed errors),
# built from the version pinned in tools/go.mod. Generated files are
# skipped by their "Code generated ... DO NOT EDIT." header.
lint:
	$(GO) vet ./...
	"$$($(GO) -C tools tool -n golangci-lint)" run ./...

bench:
	$(GO) run ./internal/benchtable

demo:
	$(GO) run ./cmd/lago-demo
