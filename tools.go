//go:build tools

// Package lagogo pins the tools the module builds with. The blank import keeps
// the oapi-codegen version in go.mod, so `make generate` always runs the same
// generator and reproduces gen/client.gen.go byte for byte.
package lagogo

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
