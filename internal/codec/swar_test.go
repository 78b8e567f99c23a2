package codec

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// firstStop is what the eight-byte scan must find: the first byte from i
// on whose class in table is not byteOn, or where fewer than eight bytes
// remain when that comes first.
func firstStop(data []byte, i int, table *[256]uint8) int {
	for ; i < len(data); i++ {
		if table[data[i]] != byteOn {
			return i
		}
	}
	return len(data)
}

// scanned runs plain, then the byte-by-byte tail, as the decoder does.
func scanned(data []byte, i int, plain func([]byte, int) int, table *[256]uint8) int {
	return firstStop(data, plain(data, i), table)
}

func TestEightByteScanStopsWhereTheTableDoes(t *testing.T) {
	scans := []struct {
		name  string
		plain func([]byte, int) int
		table *[256]uint8
	}{
		{"string", plainString, &stringBytes},
	}
	for _, sc := range scans {
		t.Run(sc.name, func(t *testing.T) {
			// Every byte at every position of a word, after every byte.
			for c := range 256 {
				for before := range 256 {
					for pos := range 12 {
						data := []byte("abcdefghijklmnopqrstuvwx")
						if pos > 0 {
							data[pos-1] = byte(before)
						}
						data[pos] = byte(c)
						want := firstStop(data, 0, sc.table)
						if got := scanned(data, 0, sc.plain, sc.table); got != want {
							assert.Equal(t, want, got, "byte %#x after %#x at %d", c, before, pos)
							return
						}
					}
				}
			}
			// Random data, mostly plain bytes with a few of every kind.
			rng := rand.New(rand.NewPCG(1, 2))
			for range 20000 {
				data := make([]byte, rng.IntN(40))
				for k := range data {
					if rng.IntN(6) == 0 {
						data[k] = byte(rng.IntN(256))
					} else {
						data[k] = byte('a' + rng.IntN(26))
					}
				}
				start := 0
				if len(data) > 0 {
					start = rng.IntN(len(data))
				}
				if got, want := scanned(data, start, sc.plain, sc.table), firstStop(data, start, sc.table); got != want {
					assert.Equal(t, want, got, "%q from %d", data, start)
					return
				}
			}
		})
	}
}

func TestNextQuoteIsIndexByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		data := make([]byte, rng.IntN(40))
		for k := range data {
			data[k] = byte(rng.IntN(256))
			if rng.IntN(8) == 0 {
				data[k] = '"'
			}
		}
		start := 0
		if len(data) > 0 {
			start = rng.IntN(len(data))
		}
		want := bytes.IndexByte(data[start:], '"')
		if want >= 0 {
			want += start
		}
		if got := nextQuote(data, start); got != want {
			assert.Equal(t, want, got, "%q from %d", data, start)
			return
		}
	}
}

func TestStringStopIsTheFirstStop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		data := make([]byte, rng.IntN(40))
		for k := range data {
			if rng.IntN(6) == 0 {
				data[k] = byte(rng.IntN(256))
			} else {
				data[k] = byte('a' + rng.IntN(26))
			}
		}
		start := 0
		if len(data) > 0 {
			start = rng.IntN(len(data))
		}
		if got, want := StringStop(data, start), firstStop(data, start, &stringBytes); got != want {
			assert.Equal(t, want, got, "%q from %d", data, start)
			return
		}
	}
}
