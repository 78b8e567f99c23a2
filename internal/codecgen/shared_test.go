package main

import (
	"go/parser"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExpr(t *testing.T) {
	e, err := parser.ParseExpr("map[string][]*gen.X")
	require.NoError(t, err)
	assert.Equal(t, "map[string][]*gen.X", Expr(e))
}

func TestIndent(t *testing.T) {
	assert.Equal(t, "\t\ta\n\t\tb\n", Indent("a\nb\n", 2))
	assert.Equal(t, "\tlast", Indent("last", 1))
}
