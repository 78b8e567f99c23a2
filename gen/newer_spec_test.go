package gen_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/gen"
)

// Values the 1.53 published description added: a subscription may be
// canceled manually, and a value still unknown decodes as it is.
func TestCancellationReasons(t *testing.T) {
	tests := []struct {
		raw   string
		want  *gen.CancellationReason
		valid bool
	}{
		{`"payment_failed"`, ptr(gen.CancellationReasonPaymentFailed), true},
		{`"timeout"`, ptr(gen.CancellationReasonTimeout), true},
		{`"manual"`, ptr(gen.CancellationReasonManual), true},
		{`"by_accident"`, ptr(gen.CancellationReason("by_accident")), false},
		{`null`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			var s gen.Subscription
			require.NoError(t, json.Unmarshal([]byte(`{"cancellation_reason":`+tt.raw+`}`), &s))
			assert.Equal(t, tt.want, s.CancellationReason)
			if tt.want != nil {
				assert.Equal(t, tt.valid, tt.want.Valid())
			}
		})
	}
}
