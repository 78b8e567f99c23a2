package lago_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var continuation = regexp.MustCompile(`\n {3,}`)

// One go doc lookup is enough: go doc shows neither the fields of an alias
// nor constants declared without a type, so types.gen.go lists every field
// of every model in the model's doc, each with its meaning (the spec's
// description of the property), and declares every enum constant with its
// type, the meaning of its value (the spec's x-enum-descriptions) as its doc
// comment and in the type's list of values.
func TestGoDocOfLagoShowsEveryFieldAndEnumValue(t *testing.T) {
	fset := token.NewFileSet()
	genFile, err := parser.ParseFile(fset, "../gen/client.gen.go", nil, parser.ParseComments)
	require.NoError(t, err)
	lagoFile, err := parser.ParseFile(fset, "types.gen.go", nil, parser.ParseComments)
	require.NoError(t, err)

	aliasDocs := map[string]string{}     // alias name to its doc text
	lagoConsts := map[string]string{}    // constant to the type it is declared with
	lagoConstDocs := map[string]string{} // constant to its doc text
	for _, decl := range lagoFile.Decls {
		gd := decl.(*ast.GenDecl)
		for _, spec := range gd.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				// One line per list item: continuation lines joined.
				aliasDocs[s.Name.Name] = continuation.ReplaceAllString(gd.Doc.Text(), " ")
			case *ast.ValueSpec:
				typ := ""
				if id, ok := s.Type.(*ast.Ident); ok {
					typ = id.Name
				}
				for _, n := range s.Names {
					lagoConsts[n.Name] = typ
					lagoConstDocs[n.Name] = s.Doc.Text()
				}
			}
		}
	}
	require.Greater(t, len(aliasDocs), 40, "too few aliases found to be checking package lago")

	fields, consts := 0, 0
	for _, decl := range genFile.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				doc, aliased := aliasDocs[s.Name.Name]
				st, isStruct := s.Type.(*ast.StructType)
				if !aliased || !isStruct {
					continue
				}
				for _, f := range st.Fields.List {
					for _, n := range f.Names {
						if !n.IsExported() {
							continue
						}
						fields++
						entry := regexp.MustCompile(`(?m)^  - ` + n.Name + ` ([^\s:]+)(: \S)?`).FindStringSubmatch(doc)
						if !assert.NotNil(t, entry, "go doc lago %s does not list field %s with its type", s.Name.Name, n.Name) {
							continue
						}
						assert.NotNil(t, f.Doc, "%s.%s has no description: describe the property in openapi/lago.yaml and run make generate", s.Name.Name, n.Name)
						assert.NotEmpty(t, entry[2], "go doc lago %s lists %s without its meaning", s.Name.Name, n.Name)
						assert.NotContains(t, entry[1], "tristate.", "%s.%s: a type spelled with an internal package", s.Name.Name, n.Name)
						assert.NotContains(t, entry[1], "scalar.", "%s.%s: a type spelled with an internal package", s.Name.Name, n.Name)
					}
				}
			case *ast.ValueSpec:
				id, ok := s.Type.(*ast.Ident)
				if gd.Tok != token.CONST || !ok {
					continue
				}
				doc, aliased := aliasDocs[id.Name]
				if !aliased {
					continue
				}
				for _, n := range s.Names {
					assert.Equal(t, id.Name, lagoConsts[n.Name], "lago.%s is not declared with type %s, so go doc does not list it under the type", n.Name, id.Name)
					if !assert.NotNil(t, s.Doc, "%s has no meaning: give %s's schema an x-enum-descriptions entry for its value in openapi/lago.yaml and run make generate", n.Name, id.Name) {
						continue
					}
					assert.Equal(t, strings.Fields(s.Doc.Text()), strings.Fields(lagoConstDocs[n.Name]), "lago.%s does not carry the doc comment of gen.%s", n.Name, n.Name)
					assert.Regexp(t, `(?m)^  - `+n.Name+` "[^"]*": \S`, doc, "go doc lago %s does not list %s with its value and meaning", id.Name, n.Name)
					consts++
				}
			}
		}
	}
	assert.Greater(t, fields, 500, "too few fields found to be checking package lago")
	assert.Greater(t, consts, 150, "too few enum constants found to be checking package lago")
	assert.True(t, strings.Contains(aliasDocs["Customer"], "go doc lago Customer.Field fails"), "the doc of an alias should say why its fields are listed")
}
