package codec_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/internal/codec"
)

func TestDecodeCustomerPage(t *testing.T) {
	list, empty := fixture(t, "customer-list.json"), fixture(t, "customer-list-empty.json")

	tests := []struct {
		name    string
		body    string
		wantErr string
	}{
		{name: "full page", body: string(list)},
		{name: "empty page", body: string(empty)},
		{name: "meta first, unknown keys", body: `{"meta":{"current_page":1,"next_page":null,"prev_page":null,"total_pages":1,"total_count":1},"extra":[1,{"a":2}],"customers":[{"external_id":"a"}]}`},
		{name: "keys in another case", body: `{"Customers":[{"external_id":"a"}],"META":{"total_count":1}}`},
		{name: "customers null", body: `{"customers":null,"meta":{"current_page":0,"next_page":null,"prev_page":null,"total_pages":0,"total_count":0}}`, wantErr: `the response has no "customers"`},
		{name: "no customers", body: `{"meta":{"current_page":0}}`, wantErr: `the response has no "customers"`},
		{name: "no meta", body: `{"customers":[]}`, wantErr: `the response has no "meta"`},
		{name: "meta null", body: `{"customers":[],"meta":null}`, wantErr: `the response has no "meta"`},
		{name: "empty object", body: `{}`, wantErr: `the response has no "customers"`},
		{name: "another list", body: `{"applied_coupons":[],"meta":{}}`, wantErr: `the response has no "customers"`},
		{name: "truncated", body: string(list[:len(list)/2]), wantErr: "unexpected EOF"},
		{name: "customers not a list", body: `{"customers":{"a":1}}`, wantErr: "found { where a list was expected"},
		{name: "customers a string", body: `{"customers":"sk_live_secret"}`, wantErr: "found a string where a list was expected"},
		{name: "not an object", body: `[1]`, wantErr: "the response is not a JSON object"},
		{name: "null", body: `null`, wantErr: "the response is not a JSON object"},
		{name: "trailing data", body: `{"customers":[],"meta":{}} {}`, wantErr: "unexpected data after the page"},
		{name: "wrong field type", body: `{"customers":[{"sequential_id":"one"}]}`, wantErr: "cannot unmarshal string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, meta, err := decodePage[gen.Customer](codec.NewStream(gen.Codec.Fast), "customers", strings.NewReader(tt.body))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			var want gen.CustomerPage
			require.NoError(t, json.Unmarshal([]byte(tt.body), &want))
			assert.Equal(t, want.Meta, meta)
			assert.Equal(t, want.Customers, items)
		})
	}
}

// The stream holds a window a few items long, not the page: reading a
// page of 300 customers (about 800 KB) leaves it at its first size, and an
// item larger than the window grows it to that item's size.
func TestPageStreamWindowStaysSmall(t *testing.T) {
	customer := fixture(t, "customer.json")
	var env struct{ Customer json.RawMessage }
	require.NoError(t, json.Unmarshal(customer, &env))
	list := bytes.Repeat(append(bytes.Clone(env.Customer), ','), 300)
	body := []byte(`{"customers":[` + string(list[:len(list)-1]) + `],"meta":{"total_count":300}}`)

	s := codec.NewStream(gen.Codec.Fast)
	items, _, err := decodePage[gen.Customer](s, "customers", bytes.NewReader(body))
	require.NoError(t, err)
	require.Len(t, items, 300)
	assert.Equal(t, codec.WindowSize, codec.WindowCap(s), "the window did not grow")

	big := []byte(`{"customers":[{"name":"` + strings.Repeat("x", 3*codec.WindowSize) + `"}],"meta":{}}`)
	items, _, err = decodePage[gen.Customer](s, "customers", bytes.NewReader(big))
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.Less(t, codec.WindowCap(s), 8*codec.WindowSize, "the window grew to about the item")
}
