package lagotest

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readBody reads what io.ReadAll of the limited body reads, whether the
// request states its length or not.
func TestReadBodyMatchesReadAll(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		length  int64
		wantErr bool
	}{
		{name: "stated length", body: `{"customer":{"external_id":"x"}}`, length: -2},
		{name: "unknown length", body: `{"customer":{}}`, length: -1},
		{name: "no body", body: "", length: 0},
		{name: "stated length over the limit", body: strings.Repeat("x", maxBodyBytes+1), length: -2, wantErr: true},
		{name: "unknown length over the limit", body: strings.Repeat("x", maxBodyBytes+1), length: -1, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(strings.NewReader(tt.body)))
			r.ContentLength = tt.length
			if tt.length == -2 {
				r.ContentLength = int64(len(tt.body))
			}
			got, err := readBody(httptest.NewRecorder(), r)
			if tt.wantErr {
				var maxErr *http.MaxBytesError
				require.ErrorAs(t, err, &maxErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.body, string(got))
		})
	}
}

// errAfter is a body that fails after its bytes.
type errAfter struct{ r io.Reader }

var errBroken = errors.New("broken body")

func (e errAfter) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, errBroken
	}
	return n, err
}

// readBody reads what io.ReadAll reads, and fails as it does, whatever
// length the request states.
func TestReadBodyMatchesIOReadAllWhateverTheLength(t *testing.T) {
	body := `{"customer":{"external_id":"acme"}}`
	for _, length := range []int64{int64(len(body)), 0, -1, 3, int64(len(body)) + 100, maxBodyBytes + 1} {
		for _, broken := range []bool{false, true} {
			newReader := func() io.Reader {
				if broken {
					return errAfter{strings.NewReader(body)}
				}
				return strings.NewReader(body)
			}
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			r.Body, r.ContentLength = io.NopCloser(newReader()), length
			got, err := readBody(httptest.NewRecorder(), r)
			want, wantErr := io.ReadAll(newReader())
			assert.Equal(t, string(want), string(got), "length %d", length)
			if wantErr != nil {
				require.ErrorIs(t, err, errBroken)
			} else {
				require.NoError(t, err)
			}
		}
	}
}
