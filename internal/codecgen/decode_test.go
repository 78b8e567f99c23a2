package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small package gen: one answer type and, inside it, one struct of each
// kind the generator must leave to encoding/json.
const genSource = `package gen

import (
	"time"

	"github.com/lagoclient/lago-go/internal/scalar"
)

type GetThingResponse struct {
	Body    []byte
	JSON200 *ThingEnvelope
}

type ThingEnvelope struct {
	Thing Thing ` + "`json:\"thing\"`" + `
}

type Thing struct {
	Name    string               ` + "`json:\"name\"`" + `
	Count   *int64               ` + "`json:\"count,omitempty\"`" + `
	Kind    *Kind                ` + "`json:\"kind\"`" + `
	Parts   []Part               ` + "`json:\"parts\"`" + `
	Values  map[string][]string  ` + "`json:\"values\"`" + `
	Group   Group                ` + "`json:\"group\"`" + `
	At      time.Time            ` + "`json:\"at\"`" + `
	Skipped string               ` + "`json:\"-\"`" + `
	hidden  string
	Loud    Loud                 ` + "`json:\"loud\"`" + `
	Embeds  Embeds               ` + "`json:\"embeds\"`" + `
	Quoted  Quoted               ` + "`json:\"quoted\"`" + `
	Custom  Custom               ` + "`json:\"custom\"`" + `
	Times   []Stamped            ` + "`json:\"times\"`" + `
	Day     scalar.Date          ` + "`json:\"day\"`" + `
	Due     *scalar.Date         ` + "`json:\"due\"`" + `
}

type Stamped struct {
	At time.Time ` + "`json:\"at\"`" + `
}

type Kind string

type Group map[string]interface{}

type Part struct {
	On bool ` + "`json:\"on\"`" + `
}

type Loud struct {
	Up string ` + "`json:\"Up\"`" + `
}

type Embeds struct {
	Part
}

type Quoted struct {
	N int64 ` + "`json:\"n,string\"`" + `
}

type Custom struct{}

func (c *Custom) UnmarshalJSON([]byte) error { return nil }
`

func TestGenerate(t *testing.T) {
	out, err := generateDecoders([]byte(genSource), []string{"Part"})
	require.NoError(t, err)
	code := string(out)

	assert.Contains(t, code, "\t(*ThingEnvelope)(nil),\n", "the answer type is listed")
	assert.Contains(t, code, "\t(*Part)(nil),\n", "the webhook object is listed")
	for _, name := range []string{"ThingEnvelope", "Thing", "Part", "Loud", "Embeds", "Quoted"} {
		assert.Contains(t, code, "case *"+name+":\n\t\treturn decode"+name+"(d, v)\n")
	}
	for _, c := range []string{
		`case "name":`, "d.Str(&v.Name)", "p1 := d.NewInt64()", "d.Str((*string)(p2))",
		"var b3 [4]Part", "m4 := map[string][]string{}", "var b5 [4]string", "v.Parts = make([]Part, len(s3))", "d.MapAny((*map[string]any)(&v.Group))",
		"d.Unmarshaler(&v.At)", "d.ViaJSON(&v.Custom)",
	} {
		assert.Contains(t, code, c)
	}
	assert.Contains(t, code, "s7 := []Stamped{}", "items handed to an UnmarshalJSON method are not decoded on the stack")
	assert.NotContains(t, code, `"-"`, "a field tagged - is not decoded")
	assert.NotContains(t, code, "hidden", "an unexported field is not decoded")
	for _, name := range []string{"Loud", "Embeds", "Quoted"} {
		assert.Contains(t, code, "func decode"+name+"(d *codec.Decoder, v *"+name+") bool {\n\treturn d.ViaJSON(v)\n}",
			"%s is left to encoding/json", name)
	}
	assert.Contains(t, code, "d.Unmarshaler(&v.Day)", "a date gets its bytes, null included")
	assert.Contains(t, code, "p8 := new(scalar.Date)\n\t\t\t\tif !d.Unmarshaler(p8) {")
	assert.Contains(t, code, "import (\n\t\"github.com/lagoclient/lago-go/internal/codec\"\n\t\"github.com/lagoclient/lago-go/internal/scalar\"\n)",
		"the standard library apart from the other imports")
	assert.NotContains(t, code, `"time"`, "only the imports the code needs")
}

func TestGenerateNeedsAnAnswer(t *testing.T) {
	_, err := generateDecoders([]byte("package gen\n\ntype T struct{}\n"), nil)
	require.EqualError(t, err, "no JSON200 response types found")
}

func TestGenerateRefusesAnUnknownWebhookObject(t *testing.T) {
	_, err := generateDecoders([]byte(genSource), []string{"Gone"})
	require.EqualError(t, err, "webhook object Gone has no type in client.gen.go")
}

// Every webhook object of the spec is a root.
func TestWebhookObjects(t *testing.T) {
	names, err := webhookObjects()
	require.NoError(t, err)
	assert.Contains(t, names, "WalletTransaction")
	assert.Contains(t, names, "TriggeredAlert")
	assert.Contains(t, names, "Customer")
}

// The request bodies get decoders too: a Nullable is null or its value
// decoded into a zero T, and a union body is left to its UnmarshalJSON.
func TestGenerateDecodesRequestBodies(t *testing.T) {
	src := genSource + `
type DoThingJSONRequestBody = ThingInput
type PickJSONRequestBody = Either

type ThingInput struct {
	Name tristate.Nullable[string] ` + "`json:\"name,omitzero\"`" + `
	Kind tristate.Nullable[Kind]   ` + "`json:\"kind,omitzero\"`" + `
}

type Either struct {
	union json.RawMessage
}

func (t *Either) UnmarshalJSON(b []byte) error { return nil }
`
	code, err := generateDecoders([]byte(src), nil)
	require.NoError(t, err)
	for _, want := range []string{
		`"github.com/lagoclient/lago-go/internal/tristate"`,
		"func decodeThingInput(d *codec.Decoder, v *ThingInput) bool {",
		"v.Name = tristate.Null[string]()",
		"v.Kind = tristate.Value(x",
		"func decodeEither(d *codec.Decoder, v *Either) bool {\n\treturn d.ViaJSON(v)\n}",
	} {
		assert.Contains(t, string(code), want)
	}
}
