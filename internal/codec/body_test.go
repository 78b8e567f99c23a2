package codec

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBodyBufferPool(t *testing.T) {
	buf := getBodyBuffer(1000)
	assert.Zero(t, buf.Len())
	assert.GreaterOrEqual(t, buf.Cap(), 1000+bytes.MinRead, "room for the body and the read that finds its end")
	putBodyBuffer(buf)

	announced := getBodyBuffer(1 << 40)
	assert.LessOrEqual(t, announced.Cap(), maxPooledBuffer, "an announced size is not allocated up front")
	putBodyBuffer(announced)

	huge := getBodyBuffer(-1)
	huge.Grow(maxPooledBuffer + 1)
	putBodyBuffer(huge)
	for range 100 {
		assert.LessOrEqual(t, getBodyBuffer(-1).Cap(), maxPooledBuffer, "a buffer above the cap is not pooled")
	}
}
