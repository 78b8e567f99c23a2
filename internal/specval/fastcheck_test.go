package specval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast check is sound when it never accepts a value kin-openapi
// refuses. These tests hold it to that on the response fixtures of
// gen/testdata, on thousands of their mutants, and under fuzzing.

type fastCase struct {
	name   string
	schema *openapi3.Schema
}

var loadFastFixture = sync.OnceValues(func() (*openapi3.T, error) { return Load(context.Background()) })

func fastSchemas(tb testing.TB) []fastCase {
	tb.Helper()
	doc, err := loadFastFixture()
	require.NoError(tb, err)
	var out []fastCase
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range doc.Components.Schemas {
			if !yield(k) {
				return
			}
		}
	}) {
		out = append(out, fastCase{name: name, schema: doc.Components.Schemas[name].Value})
	}
	return out
}

func fixtureBodies(tb testing.TB) map[string][]byte {
	tb.Helper()
	files, err := filepath.Glob("../../gen/testdata/*.json")
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(tb, err)
		out[filepath.Base(f)] = b
	}
	return out
}

// kinAccepts is kin-openapi's verdict on body as an instance of s, read
// as openapi3filter reads a JSON body, in a request or a response (which
// differ only for readOnly and writeOnly properties).
func kinAccepts(s *openapi3.Schema, body []byte, asRequest bool) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return false
	}
	opts := append(slices.Clone(options().SchemaValidationOptions), openapi3.MultiErrors())
	if asRequest {
		opts = append(opts, openapi3.VisitAsRequest())
	} else {
		opts = append(opts, openapi3.VisitAsResponse())
	}
	return s.VisitJSON(v, opts...) == nil
}

// mutants returns variants of body: each value in turn removed (in an
// object), replaced by null or by values of other types and shapes.
func mutants(t *testing.T, body []byte) [][]byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var root any
	require.NoError(t, dec.Decode(&root))
	replacements := []any{nil, "x", json.Number("1.5"), json.Number("-7"), true, []any{}, map[string]any{},
		strings.Repeat("é", 300), "2026-13-01T00:00:00Z", "00000000-0000-0000-0000-00000000000g", json.Number("1e300")}
	var out [][]byte
	emit := func() {
		b, err := json.Marshal(root)
		require.NoError(t, err)
		out = append(out, b)
	}
	var walk func(v any, set func(any), del func())
	walk = func(v any, set func(any), del func()) {
		for _, r := range replacements {
			set(r)
			emit()
		}
		if del != nil {
			del()
			emit()
		}
		set(v)
		switch x := v.(type) {
		case map[string]any:
			x["unexpected_key"] = "x"
			emit()
			delete(x, "unexpected_key")
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range x {
					if !yield(k) {
						return
					}
				}
			}) {
				child := x[k]
				walk(child, func(n any) { x[k] = n }, func() { delete(x, k) })
				x[k] = child
			}
		case []any:
			for i := range x {
				child := x[i]
				walk(child, func(n any) { x[i] = n }, nil)
				x[i] = child
			}
		}
	}
	walk(root, func(n any) { root = n }, nil)
	return out
}

// maxMutants is how many mutants of a fixture are checked against one
// schema.
const maxMutants = 100

func TestFastCheckAcceptsOnlyWhatKinAccepts(t *testing.T) {
	comp := newCompiler(uuidFormat)
	schemas := fastSchemas(t)
	bodies := fixtureBodies(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range bodies {
			if !yield(k) {
				return
			}
		}
	})
	fastAccepted := 0
	for _, file := range names {
		body := bodies[file]
		var muts [][]byte
		// The schemas the fixture is an instance of, and the ones it
		// is not: both kinds must agree with kin-openapi on every mutant.
		for _, sc := range schemas {
			n := comp.node(sc.schema)
			kin := kinAccepts(sc.schema, body, false)
			fast := n.accepts(body)
			if fast {
				fastAccepted++
			}
			require.False(t, fast && !kin, "%s as %s: the fast check accepts what kin-openapi refuses", file, sc.name)
			if !kin {
				continue
			}
			if muts == nil {
				muts = mutants(t, body)
			}
			// A sample of the mutants keeps the test to seconds; the
			// stride moves with the schema so that together they cover
			// them all.
			stride := max(1, len(muts)/maxMutants)
			for i := len(sc.name) % stride; i < len(muts); i += stride {
				m := muts[i]
				if n.accepts(m) {
					require.True(t, kinAccepts(sc.schema, m, i%2 == 0), "%s as %s: the fast check accepts %s", file, sc.name, m)
				}
			}
		}
	}
	assert.Positive(t, fastAccepted)
}

// The fast path must be taken for what lagotest sends most: a customer.
func TestFastCheckAcceptsTheFixtures(t *testing.T) {
	comp := newCompiler(uuidFormat)
	doc, err := loadFastFixture()
	require.NoError(t, err)
	bodies := fixtureBodies(t)
	for file, schema := range map[string]string{
		"customer.json":      "CustomerEnvelope",
		"customer-list.json": "CustomerPage",
		"invoices.json":      "InvoicePage",
		"wallet.json":        "WalletEnvelope",
	} {
		s := doc.Components.Schemas[schema]
		require.NotNil(t, s, schema)
		assert.True(t, comp.node(s.Value).accepts(bodies[file]), "%s as %s", file, schema)
	}
}

func FuzzFastCheck(f *testing.F) {
	schemas := fastSchemas(f)
	for _, b := range fixtureBodies(f) {
		f.Add(b, uint16(0))
	}
	f.Add([]byte(`{"customer":{"external_id":"\u00e9"}}`), uint16(1))
	f.Add([]byte(`"2026-01-01T00:00:00Z"`), uint16(2))
	comp := newCompiler(uuidFormat)
	f.Fuzz(func(t *testing.T, body []byte, which uint16) {
		// Every schema for the fixtures' shapes would be slow; one chosen
		// by the input keeps each run short.
		sc := schemas[int(which)%len(schemas)]
		if comp.node(sc.schema).accepts(body) && !kinAccepts(sc.schema, body, false) {
			t.Fatalf("%s: the fast check accepts %q, which kin-openapi refuses", sc.name, body)
		}
	})
}
