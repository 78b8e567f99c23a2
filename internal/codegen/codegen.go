// Package codegen holds what the generators of package lago's code
// (internal/encodegen, internal/decodegen) share.
package codegen

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"strings"
)

// Expr spells a type expression as Go source.
func Expr(t ast.Expr) string {
	var b bytes.Buffer
	_ = format.Node(&b, token.NewFileSet(), t)
	return b.String()
}

// Indent puts tabs tabs before every line of code.
func Indent(code string, tabs int) string {
	prefix := strings.Repeat("\t", tabs)
	var b strings.Builder
	for _, line := range strings.SplitAfter(code, "\n") {
		if line != "" {
			b.WriteString(prefix + line)
		}
	}
	return b.String()
}
