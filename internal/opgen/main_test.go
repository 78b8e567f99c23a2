package main

import (
	"context"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/specval"
)

// The committed table is what the spec makes of it today.
func TestTableMatchesSpec(t *testing.T) {
	doc, err := specval.Load(context.Background())
	require.NoError(t, err)
	want, err := generate(doc)
	require.NoError(t, err)
	got, err := os.ReadFile("../../gen/operations.gen.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run make generate")
}

func TestGoName(t *testing.T) {
	for id, want := range map[string]string{
		"findCustomer":                "FindCustomer",
		"getCustomerPortalUrl":        "GetCustomerPortalURL",
		"generateCustomerCheckoutURL": "GenerateCustomerCheckoutURL",
		"findByIdentity":              "FindByIdentity",
		"findById":                    "FindByID",
		"fetchJsonPublicKey":          "FetchJSONPublicKey",
		"findJsonish":                 "FindJsonish",
	} {
		assert.Equal(t, want, goName(id), id)
	}
}

// What the generator cannot read is an error, not a guess.
func TestRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		spec string
		want string
	}{
		"undeclared path parameter": {
			spec: op(`/things/{id}`, `get`, `operationId: getThing`, `{type: object, required: [thing], properties: {thing: {type: string}}}`),
			want: "path parameters",
		},
		"unknown extension": {
			spec: op(`/things`, `get`, "operationId: getThings\n      x-lago-retry: true", `{type: object, required: [thing], properties: {thing: {type: string}}}`),
			want: "unknown extension x-lago-retry",
		},
		"no required property": {
			spec: op(`/things`, `get`, `operationId: getThings`, `{type: object, properties: {thing: {type: string}}}`),
			want: "required properties",
		},
		"meta without items": {
			spec: op(`/things`, `get`, `operationId: getThings`, `{type: object, required: [meta], properties: {meta: {type: object}}}`),
			want: "[<items>, meta]",
		},
		"twin of nothing": {
			spec: op(`/things`, `get`, "operationId: getThings\n      x-lago-twin-of: listThings", `{type: object, required: [thing], properties: {thing: {type: string}}}`),
			want: "x-lago-twin-of names no operation",
		},
	} {
		t.Run(name, func(t *testing.T) {
			loader := openapi3.NewLoader()
			doc, err := loader.LoadFromData([]byte(tc.spec))
			require.NoError(t, err)
			_, err = generate(doc)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func op(path, method, lines, schema string) string {
	return `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  ` + path + `:
    ` + method + `:
      ` + lines + `
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ` + schema + `
`
}
