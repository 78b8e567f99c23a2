package main

// What the decoders and the encoders share: spelling types, indenting code,
// and the worklist of the types to write.

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"slices"
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

// Worklist holds the type names a generator has still to write, each
// written once, in the order they were first needed.
type Worklist struct {
	queue, done []string
}

// Need asks for name to be written, unless it is or will be already.
func (w *Worklist) Need(name string) {
	if !slices.Contains(w.done, name) && !slices.Contains(w.queue, name) {
		w.queue = append(w.queue, name)
	}
}

// Next takes the next name to write and counts it as written.
func (w *Worklist) Next() (string, bool) {
	if len(w.queue) == 0 {
		return "", false
	}
	name := w.queue[0]
	w.queue = w.queue[1:]
	w.done = append(w.done, name)
	return name, true
}

// Done lists the names taken so far, in order.
func (w *Worklist) Done() []string { return w.done }
