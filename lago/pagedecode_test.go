package lago

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pageResponse(body []byte) *http.Response {
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
}

func TestDecodeCustomerPage(t *testing.T) {
	list, err := os.ReadFile("../gen/testdata/customer-list.json")
	require.NoError(t, err)
	empty, err := os.ReadFile("../gen/testdata/customer-list-empty.json")
	require.NoError(t, err)

	tests := []struct {
		name    string
		body    string
		wantErr string
	}{
		{name: "full page", body: string(list)},
		{name: "empty page", body: string(empty)},
		{name: "meta first, unknown keys", body: `{"meta":{"current_page":1,"next_page":null,"prev_page":null,"total_pages":1,"total_count":1},"extra":[1,{"a":2}],"customers":[{"external_id":"a"}]}`},
		{name: "keys in another case", body: `{"Customers":[{"external_id":"a"}],"META":{"total_count":1}}`},
		{name: "customers null", body: `{"customers":null,"meta":{"current_page":0,"next_page":null,"prev_page":null,"total_pages":0,"total_count":0}}`, wantErr: `the answer has no "customers"`},
		{name: "no customers", body: `{"meta":{"current_page":0}}`, wantErr: `the answer has no "customers"`},
		{name: "no meta", body: `{"customers":[]}`, wantErr: `the answer has no "meta"`},
		{name: "meta null", body: `{"customers":[],"meta":null}`, wantErr: `the answer has no "meta"`},
		{name: "empty object", body: `{}`, wantErr: `the answer has no "customers"`},
		{name: "another list", body: `{"applied_coupons":[],"meta":{}}`, wantErr: `the answer has no "customers"`},
		{name: "truncated", body: string(list[:len(list)/2]), wantErr: "unexpected EOF"},
		{name: "customers not a list", body: `{"customers":{"a":1}}`, wantErr: "found { where a list was expected"},
		{name: "customers a string", body: `{"customers":"sk_live_secret"}`, wantErr: "found a string where a list was expected"},
		{name: "not an object", body: `[1]`, wantErr: "the answer is not a JSON object"},
		{name: "null", body: `null`, wantErr: "the answer is not a JSON object"},
		{name: "trailing data", body: `{"customers":[],"meta":{}} {}`, wantErr: "unexpected data after the page"},
		{name: "wrong field type", body: `{"customers":[{"sequential_id":"one"}]}`, wantErr: "cannot unmarshal string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := new(pageStream[Customer]).decode(customersList.op, pageResponse([]byte(tt.body)))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			var want CustomerPage
			require.NoError(t, json.Unmarshal([]byte(tt.body), &want))
			assert.Equal(t, want.Meta, got.meta)
			assert.Equal(t, want.Customers, got.items)
		})
	}
}

func TestDecodeCustomerPageRefusesNonJSON(t *testing.T) {
	rsp := pageResponse([]byte(`{"customers":[]}`))
	rsp.Header.Set("Content-Type", "text/html")
	_, err := new(pageStream[Customer]).decode(customersList.op, rsp)
	require.EqualError(t, err, `status 200 with Content-Type "text/html", want 200 application/json`)
}

// The stream holds a window a few items long, not the page: reading a
// page of 300 customers (about 800 KB) leaves it at its first size, and an
// item larger than the window grows it to that item's size.
func TestPageStreamWindowStaysSmall(t *testing.T) {
	customer, err := os.ReadFile("../gen/testdata/customer.json")
	require.NoError(t, err)
	var env struct{ Customer json.RawMessage }
	require.NoError(t, json.Unmarshal(customer, &env))
	items := bytes.Repeat(append(bytes.Clone(env.Customer), ','), 300)
	body := []byte(`{"customers":[` + string(items[:len(items)-1]) + `],"meta":{"total_count":300}}`)

	s := new(pageStream[Customer])
	page, err := s.decode(customersList.op, pageResponse(body))
	require.NoError(t, err)
	require.Len(t, page.items, 300)
	assert.Equal(t, windowSize, cap(s.win.buf), "the window did not grow")

	big := []byte(`{"customers":[{"name":"` + strings.Repeat("x", 3*windowSize) + `"}],"meta":{}}`)
	page, err = s.decode(customersList.op, pageResponse(big))
	require.NoError(t, err)
	require.Len(t, page.items, 1)
	assert.Less(t, cap(s.win.buf), 8*windowSize, "the window grew to about the item")
}
