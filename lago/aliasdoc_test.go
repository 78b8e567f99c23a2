package lago_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every exported alias of package lago (the generated ones into package gen
// and the hand-written ones) has a doc comment of its own, which go doc
// shows: one that starts with its name and says something no other alias
// says, not a shared or generic line.
func TestEveryExportedAliasHasItsOwnDocComment(t *testing.T) {
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	seen := map[string]string{} // doc text to the alias that has it
	aliases := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				if !ts.Assign.IsValid() || !ts.Name.IsExported() {
					continue
				}
				aliases++
				name := ts.Name.Name
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				if !assert.NotNil(t, doc, "alias %s has no doc comment of its own", name) {
					continue
				}
				text := doc.Text()
				assert.True(t, strings.HasPrefix(text, name+" "), "the doc of %s does not start with its name: %q", name, text)
				assert.NotContains(t, text, "one of the Lago API's data types", "the doc of %s says nothing of its own", name)
				if other, dup := seen[text]; dup {
					t.Errorf("%s has the same doc comment as %s", name, other)
				}
				seen[text] = name
			}
		}
	}
	assert.Greater(t, aliases, 40, "the parse found too few aliases to be checking package lago")
}
