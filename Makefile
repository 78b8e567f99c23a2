# lago-go developer tasks. `make test` is the test command README.md gives
# new users; .ci/run calls the same targets.
GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

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

# gofmt (the generated file excluded), go vet and staticcheck.
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' ':!gen/client.gen.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

bench:
	$(GO) run ./internal/benchtable

demo:
	$(GO) run ./cmd/lago-demo
