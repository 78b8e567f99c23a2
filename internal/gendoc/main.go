// Command gendoc turns the doc comments oapi-codegen writes into Go doc
// sentences. oapi-codegen puts the Go name before the spec's description
// ("Meta The position of a page."); gendoc rewrites the first line of each
// such comment on a type or a struct field, whatever the description says:
//
//   - A description that starts like a noun phrase ("The …", "A …",
//     "How …") follows "is": "Meta is the position of a page."
//   - Otherwise a field's comment is the description alone ("ISO 4217
//     currency code."), and a type's starts with a sentence of its own,
//     the description following as a paragraph.
//
// Comments that already read as a sentence about the name ("X defines
// model for …") are left alone, so running it twice changes nothing. It
// runs from `go generate` in package gen, right after oapi-codegen.
//
// usage: gendoc FILE
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: gendoc FILE")
	}
	name := os.Args[1]
	src, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	out, err := rewrite(src)
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		log.Fatal(err)
	}
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// rewrite returns src with the doc comments of its types and struct fields
// made into Go doc sentences.
func rewrite(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var edits []edit
	add := func(doc *ast.CommentGroup, name string, isType bool) {
		if doc == nil || len(doc.List) == 0 {
			return
		}
		c := doc.List[0]
		if text, ok := sentence(c.Text, name, isType); ok {
			edits = append(edits, edit{fset.Position(c.Slash).Offset, fset.Position(c.End()).Offset, text})
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GenDecl:
			if n.Tok == token.TYPE && len(n.Specs) == 1 && n.Specs[0].(*ast.TypeSpec).Doc == nil {
				add(n.Doc, n.Specs[0].(*ast.TypeSpec).Name.Name, true)
			}
		case *ast.TypeSpec:
			add(n.Doc, n.Name.Name, true)
		case *ast.Field:
			if len(n.Names) == 1 {
				add(n.Doc, n.Names[0].Name, false)
			}
		}
		return true
	})
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out := bytes.Clone(src)
	for _, e := range edits {
		out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
	}
	return format.Source(out)
}

// nounStarts are the first words after which a description reads as what
// the thing is: "Meta is the position of a page".
var nounStarts = []string{"A", "An", "The", "One", "Each", "Every", "Your", "Its", "Their", "How", "What", "Where", "Which"}

// sentence returns the rewritten first line of a doc comment on name, and
// false when line needs no change: it does not start with "// name " and a
// capital (oapi-codegen's form), or it is a line comment of another kind.
func sentence(line, name string, isType bool) (string, bool) {
	rest, ok := strings.CutPrefix(line, "// "+name+" ")
	if !ok {
		return "", false
	}
	first, size := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(first) {
		return "", false // "X defines model for …" is a sentence already
	}
	word, after, _ := strings.Cut(rest, " ")
	if slices.Contains(nounStarts, word) && after != "" {
		return "// " + name + " is " + strings.ToLower(word[:size]) + word[size:] + " " + after, true
	}
	if isType {
		return fmt.Sprintf("// %s is one of the Lago API's types, described below.\n//\n// %s", name, rest), true
	}
	return "// " + rest, true
}
