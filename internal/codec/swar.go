package codec

import (
	"encoding/binary"
	"math/bits"
)

// Finding the end of a string eight bytes at a time. Most of the bytes of
// a response are inside strings, and most of those need nothing done:
// looking each up in stringBytes costs a load and a branch a byte. The
// mask below marks, in one word of eight bytes, every byte that lookup
// would stop at; the lowest marked byte is exact, and the caller then
// classifies it with the table as before. A mark above the lowest may be
// false (a borrow from the byte below), which is why only the lowest is
// used.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// zeroBytes marks the bytes of x that are 0; exact for the lowest.
func zeroBytes(x uint64) uint64 {
	return (x - ones) &^ x & highs
}

// stringStops marks the bytes of x a string's scan stops at: the quote,
// the backslash, control characters and bytes above 0x7F.
func stringStops(x uint64) uint64 {
	return zeroBytes(x^(ones*'"')) |
		zeroBytes(x^(ones*'\\')) |
		(x-ones*0x20)&^x&highs | // below 0x20
		x&highs // above 0x7F
}

// plainString returns the first index from i on of a byte stringStops
// marks in data, or the index from which fewer than eight bytes remain.
func plainString(data []byte, i int) int {
	for i+8 <= len(data) {
		if m := stringStops(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	return i
}

// nextQuote returns the index of the first quote in data from i on, or -1
// when there is none; a key's end, which most often lies within two
// words.
func nextQuote(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		if m := zeroBytes(binary.LittleEndian.Uint64(data[i:]) ^ (ones * '"')); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(data); i++ {
		if data[i] == '"' {
			return i
		}
	}
	return -1
}

// StringStop returns the index of the first byte from i on that reading a
// JSON string must look at (the quote, the backslash, a control character
// or a byte above 0x7F), or len(data) when there is none. Package
// specval's fast check skips the plain bytes of strings with it.
func StringStop(data []byte, i int) int {
	for i = plainString(data, i); i < len(data) && stringBytes[data[i]] == byteOn; i++ {
	}
	return i
}
