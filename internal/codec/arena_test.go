package codec

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestArenaStringsStayValid decodes many strings through one arena, as a
// page's items are, and checks that every string handed out keeps its
// value while later ones are cut from the same and from new blocks.
func TestArenaStringsStayValid(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	var want []string
	for i := range 2000 {
		if i > 0 {
			b.WriteString(",")
		}
		s := fmt.Sprintf("value-%d-%s", i, strings.Repeat("x", i%50))
		if i%97 == 0 {
			s = strings.Repeat("long", maxArenaString/4+1) // its own allocation
		}
		if i%31 == 0 {
			s += "é\n" // unquoted by slowString
		}
		fmt.Fprintf(&b, "%q", s)
		want = append(want, s)
	}
	b.WriteString("]")

	d := &Decoder{data: []byte(b.String()), maxDepth: maxFastDepth}
	d.useArena(textBlock)
	require.True(t, d.ArrayStart())
	var got []string
	for first := true; ; first = false {
		more, ok := d.Next(first, ']')
		require.True(t, ok)
		if !more {
			break
		}
		var s string
		require.True(t, d.Str(&s))
		got = append(got, s)
	}
	assert.Equal(t, want, got)
}

func TestArenaValues(t *testing.T) {
	var d Decoder
	d.useArena(100)
	var ptrs []*string
	for i := range 3 * strBlock {
		p := d.NewString()
		assert.Empty(t, *p)
		*p = fmt.Sprint(i)
		ptrs = append(ptrs, p)
	}
	for i, p := range ptrs {
		assert.Equal(t, fmt.Sprint(i), *p, "each pointer has a value of its own")
	}
	tm, bl := d.NewTime(), d.NewBool()
	assert.True(t, tm.IsZero())
	assert.False(t, *bl)
	var ints []*int64
	for i := range 3 * intBlock {
		p := d.NewInt64()
		assert.Zero(t, *p)
		*p = int64(i)
		ints = append(ints, p)
	}
	for i, p := range ints {
		assert.Equal(t, int64(i), *p, "each pointer has a value of its own")
	}

	list := d.NewStrings(3)
	assert.Len(t, list, 3)
	assert.Equal(t, 3, cap(list), "appending moves the list off the block")
	next := d.NewStrings(2)
	list = append(list, "appended")
	next[0] = "next"
	assert.Equal(t, []string{"", "", "", "appended"}, list)
	assert.NotNil(t, d.NewStrings(0), "an empty list, not null")

	var zero Decoder
	assert.NotSame(t, zero.NewString(), zero.NewString())
	assert.NotSame(t, zero.NewInt64(), zero.NewInt64())
	assert.NotNil(t, zero.NewStrings(0))
}
