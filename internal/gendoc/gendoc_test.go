package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSentence(t *testing.T) {
	tests := []struct {
		line, name string
		isType     bool
		want       string
		changed    bool
	}{
		{"// Meta The position of a page.", "Meta", false, "// Meta is the position of a page.", true},
		{"// Address A postal address.", "Address", true, "// Address is a postal address.", true},
		{"// Frequency How long a coupon applies.", "Frequency", false, "// Frequency is how long a coupon applies.", true},
		{"// Country ISO 3166-1 alpha-2 country code.", "Country", false, "// ISO 3166-1 alpha-2 country code.", true},
		{"// Sync Create the provider customer now.", "Sync", false, "// Create the provider customer now.", true},
		{"// Widget Lago sends it on invoices.", "Widget", true, "// Widget is one of the Lago API's types, described below.\n//\n// Lago sends it on invoices.", true},
		// Already sentences, or not oapi-codegen's form: left alone.
		{"// CustomerEnvelope defines model for CustomerEnvelope.", "CustomerEnvelope", true, "", false},
		{"// Meta is the position of a page.", "Meta", false, "", false},
		{"// The position of a page.", "Meta", false, "", false},
		{"// Metadata The pairs.", "Meta", false, "", false},
	}
	for _, tt := range tests {
		got, changed := sentence(tt.line, tt.name, tt.isType)
		assert.Equal(t, tt.changed, changed, tt.line)
		assert.Equal(t, tt.want, got, tt.line)
	}
}

func TestRewriteIsStableAndTouchesOnlyComments(t *testing.T) {
	src := []byte(`package gen

// Page One page of things.
type Page struct {
	// Meta The position of a page.
	// With no record, current_page is 0.
	Meta int ` + "`json:\"meta\"`" + `

	// TotalCount Matching records on all pages.
	TotalCount int
}

// Other defines model for Other.
type Other = string
`)
	want := `package gen

// Page is one page of things.
type Page struct {
	// Meta is the position of a page.
	// With no record, current_page is 0.
	Meta int ` + "`json:\"meta\"`" + `

	// Matching records on all pages.
	TotalCount int
}

// Other defines model for Other.
type Other = string
`
	got, err := rewrite(src)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
	again, err := rewrite(got)
	require.NoError(t, err)
	assert.Equal(t, want, string(again))
}
