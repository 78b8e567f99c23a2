package codec

import (
	"time"
	"unsafe"
)

// arena hands out the memory of decoded values in blocks, so that the
// strings and optional fields of an answer cost a few allocations rather
// than one each: a page of 100 customers held about 7,300 objects, 40 of
// them strings and 15 of them *string of each customer.
//
// A string is copied once, into the current text block, and points into
// it; a *string, *time.Time or *bool is an element of a block of such
// values. The arena never writes again to what it handed out, and never
// reuses a block: a decoded value stays valid, and the same, for as long
// as it is reachable, as what encoding/json returns does. The cost is retention: a
// value kept alive keeps its whole block alive (at most textBlock bytes of
// strings decoded before and after it, or a block of pointed-to values),
// where encoding/json would have kept its own bytes only.
//
// The zero arena allocates each value on its own, as new and string do.
type arena struct {
	// textSize is the size of a new text block, 0 for none.
	textSize int
	text     []byte
	strs     []string
	times    []time.Time
	bools    []bool
	ints     []int64
}

// The sizes of blocks. A text block holds at most textBlock bytes of
// strings. A string longer than maxArenaString gets an allocation of its
// own, so that it never leaves most of a block unused. The others count
// the values in one block of each pointed-to type.
const (
	textBlock      = 4 << 10
	maxArenaString = textBlock / 8
	strBlock       = 32
	timeBlock      = 16
	boolBlock      = 64
	intBlock       = 32
)

// useArena makes d cut strings and pointed-to values from blocks, text
// blocks of size bytes at most textBlock.
func (d *Decoder) useArena(size int) {
	d.mem.textSize = min(max(size, 64), textBlock)
}

// str returns b as a string, cut from the text block when d uses one.
func (d *Decoder) str(b []byte) string {
	m := &d.mem
	n := len(b)
	if m.textSize == 0 || n > maxArenaString || n == 0 {
		return string(b)
	}
	if cap(m.text)-len(m.text) < n {
		m.text = make([]byte, 0, max(m.textSize, n))
	}
	start := len(m.text)
	m.text = append(m.text, b...)
	return unsafe.String(&m.text[start], n)
}

// NewString returns a pointer to a new empty string, which the decoded
// value will own alone.
func (d *Decoder) NewString() *string {
	if d.mem.textSize == 0 {
		return new(string)
	}
	return cut(&d.mem.strs, strBlock)
}

// NewTime returns a pointer to a new zero time.Time, as NewString does.
func (d *Decoder) NewTime() *time.Time {
	if d.mem.textSize == 0 {
		return new(time.Time)
	}
	return cut(&d.mem.times, timeBlock)
}

// NewBool returns a pointer to a new false, as NewString does.
func (d *Decoder) NewBool() *bool {
	if d.mem.textSize == 0 {
		return new(bool)
	}
	return cut(&d.mem.bools, boolBlock)
}

// NewInt64 returns a pointer to a new 0, as NewString does.
func (d *Decoder) NewInt64() *int64 {
	if d.mem.textSize == 0 {
		return new(int64)
	}
	return cut(&d.mem.ints, intBlock)
}

// cut returns a pointer to the next zero value of block, starting a new
// block of size values when it is full: the old one stays with the values
// cut from it.
func cut[T any](block *[]T, size int) *T {
	if len(*block) == cap(*block) {
		*block = make([]T, 0, size)
	}
	*block = (*block)[:len(*block)+1]
	return &(*block)[len(*block)-1]
}

// NewStrings returns a new list of n empty strings, cut from the block of
// strings when d uses one and n is small. Its capacity is n: appending to
// it moves it rather than writing over the strings after it.
func (d *Decoder) NewStrings(n int) []string {
	m := &d.mem
	if m.textSize == 0 || n > strBlock/4 {
		return make([]string, n)
	}
	if n == 0 {
		return []string{}
	}
	if cap(m.strs)-len(m.strs) < n {
		m.strs = make([]string, 0, strBlock)
	}
	start := len(m.strs)
	m.strs = m.strs[:start+n]
	return m.strs[start : start+n : start+n]
}
