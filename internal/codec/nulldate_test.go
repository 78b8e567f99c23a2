package codec_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
	"github.com/lagoclient/lago-go/internal/scalar"
)

// nullDates sends the dates named by re, in every item of body, as null.
func nullDates(tb testing.TB, file, re string) []byte {
	tb.Helper()
	body := fixture(tb, file)
	out := regexp.MustCompile(`"(`+re+`)":\s*"[0-9-]+"`).ReplaceAll(body, []byte(`"${1}":null`))
	require.NotEqual(tb, body, out, "no %s in %s", re, file)
	return out
}

// A date Lago sends as null is decoded as encoding/json decodes null into
// a string: it is left zero, and the rest of the response decodes, by the
// fast decoders and the streamed pages as by encoding/json.
func TestNullDateLeavesZero(t *testing.T) {
	dueNov20 := scalar.Date{Time: time.Date(2026, time.November, 20, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"invoice payment_due_date", func(t *testing.T) {
			body := nullDates(t, "invoices.json", "payment_due_date")
			checkWholeDecode[gen.InvoicePage](t, paged("invoices"), body)
			checkStreamDecode(t, "invoices", body, func(p *gen.InvoicePage) []gen.Invoice { return p.Invoices }, func(p *gen.InvoicePage) gen.PaginationMeta { return p.Meta })
			page := decodeFast[gen.InvoicePage](t, body)
			require.Len(t, page.Invoices, 3)
			for _, inv := range page.Invoices {
				assert.Nil(t, inv.PaymentDueDate, "the spec says it may be null: a pointer")
			}
			assert.Equal(t, dueNov20, page.Invoices[0].IssuingDate, "the other dates decode")
			assert.Equal(t, "ACM-7F3A-042-DRAFT", page.Invoices[0].Number)
			items := decodeStream[gen.Invoice](t, "invoices", body)
			require.Len(t, items, 3)
			assert.Equal(t, page.Invoices, items)
		}},
		{"invoice issuing_date and payment_due_date", func(t *testing.T) {
			body := nullDates(t, "invoices.json", "issuing_date|payment_due_date")
			checkWholeDecode[gen.InvoicePage](t, paged("invoices"), body)
			checkStreamDecode(t, "invoices", body, func(p *gen.InvoicePage) []gen.Invoice { return p.Invoices }, func(p *gen.InvoicePage) gen.PaginationMeta { return p.Meta })
			page := decodeFast[gen.InvoicePage](t, body)
			assert.Equal(t, scalar.Date{}, page.Invoices[0].IssuingDate, "a date the spec never makes null is left zero")
			assert.Nil(t, page.Invoices[0].PaymentDueDate)
		}},
		{"credit note issuing_date", func(t *testing.T) {
			body := nullDates(t, "credit-notes.json", "issuing_date")
			checkWholeDecode[gen.CreditNotePage](t, paged("credit_notes"), body)
			checkStreamDecode(t, "credit_notes", body, func(p *gen.CreditNotePage) []gen.CreditNote { return p.CreditNotes }, func(p *gen.CreditNotePage) gen.PaginationMeta { return p.Meta })
			assert.Equal(t, scalar.Date{}, decodeFast[gen.CreditNotePage](t, body).CreditNotes[0].IssuingDate)
		}},
		{"usage issuing_date", func(t *testing.T) {
			body := nullDates(t, "current-usage.json", "issuing_date")
			checkWholeDecode[gen.CustomerUsageEnvelope](t, one("customer_usage"), body)
			assert.Equal(t, scalar.Date{}, decodeFast[gen.CustomerUsageEnvelope](t, body).CustomerUsage.IssuingDate)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

// decodeFast decodes body with the fast decoders, which must take it
// themselves, and checks that encoding/json gives the same value.
func decodeFast[P any](t *testing.T, body []byte) P {
	t.Helper()
	var fast, want P
	ok, _ := codec.FastUnmarshal(body, &fast, gen.Codec.Fast, nil)
	require.True(t, ok, "the fast decoder gave up")
	require.NoError(t, json.Unmarshal(body, &want))
	assert.Equal(t, want, fast)
	return fast
}

// decodeStream decodes body as a streamed page.
func decodeStream[T any](t *testing.T, key string, body []byte) []T {
	t.Helper()
	items, _, err := decodePage[T](codec.NewStream(gen.Codec.Fast), key, bytes.NewReader(body))
	require.NoError(t, err)
	return items
}
