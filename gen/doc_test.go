package gen_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocCommentsAreSentences fails on every doc comment in client.gen.go
// that starts with the name it documents and goes on with a capital or a
// digit: "FindAllCustomers List customers, newest first" is what
// oapi-codegen's stock templates write, and no Go sentence. The templates
// in openapi/templates write "Name is …", "Name sends …" or, on a field,
// the description alone.
func TestDocCommentsAreSentences(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "client.gen.go", nil, parser.ParseComments)
	require.NoError(t, err)

	var bad []string
	check := func(doc *ast.CommentGroup, name string) {
		if doc == nil {
			return
		}
		first, _, _ := strings.Cut(doc.Text(), "\n")
		rest, ok := strings.CutPrefix(first, name+" ")
		if !ok {
			return
		}
		if r := []rune(rest); len(r) > 0 && (unicode.IsUpper(r[0]) || unicode.IsDigit(r[0])) {
			bad = append(bad, fset.Position(doc.Pos()).String()+": "+first)
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			check(n.Doc, n.Name.Name)
		case *ast.GenDecl:
			if len(n.Specs) == 1 {
				if ts, ok := n.Specs[0].(*ast.TypeSpec); ok && ts.Doc == nil {
					check(n.Doc, ts.Name.Name)
				}
			}
		case *ast.TypeSpec:
			check(n.Doc, n.Name.Name)
		case *ast.Field:
			for _, id := range n.Names {
				check(n.Doc, id.Name)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				check(n.Doc, id.Name)
			}
		}
		return true
	})
	assert.Empty(t, bad, "doc comments of the form \"Name Description\" in client.gen.go: fix openapi/templates or the spec's description")
}
