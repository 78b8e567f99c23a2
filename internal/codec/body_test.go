package codec

import (
	"bytes"
	"strconv"
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

// bodySizes straddle every class boundary up to the largest class, and the
// old pool's cap of 512 KiB.
var bodySizes = []int{100, 5 << 10, 200 << 10, 300 << 10, 511 << 10, 513 << 10, 700 << 10, 1500 << 10, 3 << 20, 4<<20 - 1024}

// TestBodyBufferServesItsSize checks that a buffer grown by reading a body
// of any size up to the largest class goes back to a class that serves a
// body of that size again, with room for it: no size pays a new buffer
// on every call.
func TestBodyBufferServesItsSize(t *testing.T) {
	for _, size := range bodySizes {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			body := bytes.Repeat([]byte{'x'}, size)
			for _, announced := range []int64{int64(size), -1} {
				buf := getBodyBuffer(announced)
				_, err := buf.ReadFrom(bytes.NewReader(body))
				assert.NoError(t, err)
				put := haveClass(buf.Cap())
				assert.LessOrEqual(t, buf.Cap(), maxPooledBuffer)
				assert.GreaterOrEqual(t, put, needClass(size+bytes.MinRead), "pooled where a body of its size looks")
				assert.GreaterOrEqual(t, minPooledBuffer<<needClass(size+bytes.MinRead), size+bytes.MinRead)
			}
		})
	}
}

// TestBodyBufferNoAllocAtAnySize reads bodies of each size through the
// pool and expects no allocation once the pool holds a buffer of that
// size. The race detector makes sync.Pool drop items at random, so it
// runs without it only.
func TestBodyBufferNoAllocAtAnySize(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	for _, size := range bodySizes {
		body := bytes.Repeat([]byte{'x'}, size)
		r := bytes.NewReader(body)
		read := func() {
			r.Reset(body)
			buf := getBodyBuffer(int64(size))
			if _, err := buf.ReadFrom(r); err != nil {
				t.Fatal(err)
			}
			putBodyBuffer(buf)
		}
		read()
		assert.Zero(t, testing.AllocsPerRun(20, read), "allocations for a body of %d bytes", size)
	}
}
