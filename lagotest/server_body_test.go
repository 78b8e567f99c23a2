package lagotest

import (
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
