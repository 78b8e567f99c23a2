package specval

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

// ReadAll reads what io.ReadAll reads, and fails as it does, whatever
// length the request states.
func TestReadAllMatchesIOReadAll(t *testing.T) {
	body := `{"customer":{"external_id":"acme"}}`
	for _, length := range []int64{int64(len(body)), 0, -1, 3, int64(len(body)) + 100, maxPresized + 1} {
		for _, broken := range []bool{false, true} {
			newReader := func() io.Reader {
				if broken {
					return errAfter{strings.NewReader(body)}
				}
				return strings.NewReader(body)
			}
			got, err := ReadAll(newReader(), length)
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
