package lago_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lagoclient/lago-go/lago"
)

func TestDeref(t *testing.T) {
	tests := []struct {
		name     string
		p        *string
		want     string
		fallback string
		wantOr   string
	}{
		{name: "nil", p: nil, want: "", fallback: "none", wantOr: "none"},
		{name: "set", p: lago.Ptr("Acme Inc."), want: "Acme Inc.", fallback: "none", wantOr: "Acme Inc."},
		{name: "set to the zero value", p: lago.Ptr(""), want: "", fallback: "none", wantOr: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, lago.Deref(tt.p))
			assert.Equal(t, tt.wantOr, lago.DerefOr(tt.p, tt.fallback))
		})
	}
}

func TestDerefOtherTypes(t *testing.T) {
	assert.Equal(t, int64(0), lago.Deref[int64](nil))
	assert.Equal(t, int64(1050), lago.Deref(lago.Ptr[int64](1050)))
	assert.Equal(t, int64(-1), lago.DerefOr(nil, int64(-1)))
	assert.False(t, lago.Deref[bool](nil))
	assert.True(t, lago.DerefOr(nil, true))
	assert.False(t, lago.DerefOr(lago.Ptr(false), true))
	assert.Equal(t, lago.CustomerTypeCompany, lago.DerefOr(nil, lago.CustomerTypeCompany))
}
