package lago

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
)

func TestDecodeJSON(t *testing.T) {
	customer, err := os.ReadFile("../gen/testdata/customer.json")
	require.NoError(t, err)
	big := bytes.Repeat([]byte(" "), 512<<10) // larger than the pool keeps
	big = append(big, customer...)

	tests := []struct {
		name          string
		status        int
		contentType   string
		body          []byte
		contentLength int64 // -1: unknown, as with a chunked answer
		wantErr       string
	}{
		{name: "sized", status: 200, contentType: "application/json; charset=utf-8", body: customer, contentLength: int64(len(customer))},
		{name: "chunked", status: 200, contentType: "application/json", body: customer, contentLength: -1},
		{name: "larger than the pool keeps", status: 200, contentType: "application/json", body: big, contentLength: int64(len(big))},
		{name: "not json", status: 200, contentType: "text/html", body: customer, contentLength: -1, wantErr: `status 200 with Content-Type "text/html", want 200 application/json`},
		{name: "a 2xx that is not 200", status: 201, contentType: "application/json", body: customer, contentLength: -1, wantErr: `status 201 with Content-Type "application/json", want 200 application/json`},
		{name: "truncated", status: 200, contentType: "application/json", body: customer[:100], contentLength: -1, wantErr: "unexpected end of JSON input"},
		{name: "wrong type", status: 200, contentType: "application/json", body: []byte(`{"customer":{"sequential_id":"one"}}`), contentLength: -1, wantErr: "cannot unmarshal string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rsp := &http.Response{
				StatusCode:    tt.status,
				Header:        http.Header{"Content-Type": {tt.contentType}},
				Body:          io.NopCloser(bytes.NewReader(tt.body)),
				ContentLength: tt.contentLength,
			}
			got, err := decodeJSON[gen.CustomerEnvelope](opGetCustomer, rsp)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			var want gen.CustomerEnvelope
			require.NoError(t, json.Unmarshal(tt.body, &want))
			assert.Equal(t, want, *got)
		})
	}
}

// A decoded value shares no memory with the pooled buffer it was read
// into: decoding another body into the same buffer leaves it as it was.
func TestDecodeJSONOwnsItsStrings(t *testing.T) {
	body := func(id string) *http.Response {
		return &http.Response{
			StatusCode: 200,
			Header:     http.Header{"Content-Type": {"application/json"}},
			Body:       io.NopCloser(bytes.NewReader([]byte(`{"customer":{"external_id":"` + id + `","metadata":[{"key":"` + id + `"}]}}`))),
		}
	}
	first, err := decodeJSON[gen.CustomerEnvelope](opGetCustomer, body("aaaa"))
	require.NoError(t, err)
	for range 10 {
		_, err := decodeJSON[gen.CustomerEnvelope](opGetCustomer, body("bbbb"))
		require.NoError(t, err)
	}
	assert.Equal(t, "aaaa", first.Customer.ExternalID)
	assert.Equal(t, "aaaa", first.Customer.Metadata[0].Key)
}

func TestDecodeJSONReadError(t *testing.T) {
	rsp := &http.Response{
		StatusCode:    200,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(iotest.ErrReader(io.ErrUnexpectedEOF)),
		ContentLength: 10,
	}
	_, err := decodeJSON[gen.CustomerEnvelope](opGetCustomer, rsp)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

// Every operation's decoder refuses a 200 that lacks its envelope.
func TestDecodeJSONRefusesMissingEnvelope(t *testing.T) {
	for _, body := range []string{`{}`, `{"customer":null}`, `{"status":404,"error":"Not Found","code":"customer_not_found"}`, `{"customer_usage":{}}`} {
		t.Run(body, func(t *testing.T) {
			rsp := &http.Response{
				StatusCode: 200,
				Header:     http.Header{"Content-Type": {"application/json"}},
				Body:       io.NopCloser(strings.NewReader(body)),
			}
			_, err := decodeJSON[gen.CustomerEnvelope](opGetCustomer, rsp)
			require.EqualError(t, err, `the response has no "customer"`)
		})
	}
}

func TestDecodeCustomerPageRefusesNonJSON(t *testing.T) {
	rsp := jsonResponse(strings.NewReader(`{"customers":[]}`))
	rsp.Header.Set("Content-Type", "text/html")
	_, err := new(pageStream[Customer]).decode(customersList.op, rsp)
	require.EqualError(t, err, `status 200 with Content-Type "text/html", want 200 application/json`)
}

// panicky panics in its UnmarshalJSON with a secret, as a decoder with a
// bug could.
type panicky struct{}

const panicSecret = "sk_live_in_the_panic"

func (*panicky) UnmarshalJSON([]byte) error { panic(panicSecret) }

type panickyEnvelope struct {
	Customer panicky `json:"customer"`
}

// No decoder panic reaches the caller: it becomes an *Error matching
// ErrBadResponse, without the panic's value.
func TestDecoderPanicIsBadResponse(t *testing.T) {
	body := []byte(`{"customer":{},"customers":[{}],"meta":{}}`)
	c, err := NewClient("key", WithHTTPClient(&http.Client{Transport: cannedTransport(body)}), WithRetry(NoRetry))
	require.NoError(t, err)
	send := func(ctx context.Context, g *gen.Client) (*http.Response, error) { return g.FindCustomer(ctx, "acme") }

	_, err = call[panickyEnvelope](t.Context(), c, opGetCustomer, send, "acme")
	require.ErrorIs(t, err, ErrBadResponse)
	assert.NotContains(t, err.Error(), panicSecret)
	assert.Contains(t, err.Error(), "panicked")

	var page *int64
	pageOf := func(p **int64) **int64 { return p }
	sendPage := func(ctx context.Context, g *gen.Client, _ **int64) (*http.Response, error) { return send(ctx, g) }
	errs := 0
	for _, err := range walk[panicky](t.Context(), c, customersList.op, nil, &page, pageOf, sendPage) {
		require.ErrorIs(t, err, ErrBadResponse)
		assert.NotContains(t, err.Error(), panicSecret)
		errs++
	}
	assert.Equal(t, 1, errs)
}

type cannedTransport []byte

func (b cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(b)), ContentLength: int64(len(b)), Request: r,
	}, nil
}

func jsonResponse(body io.Reader) *http.Response {
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(body),
		ContentLength: -1,
	}
}
