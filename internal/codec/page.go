package codec

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Stream decodes pages of a list from a body one item at a time, through
// a window of the body a few items long. Reading the whole body first and
// then decoding it would, for a moment, hold the raw JSON (larger than the
// decoded items) beside the decoded page; walking many pages, an iterator
// keeps only the decoded page and the window. One Stream serves the pages
// of one walk in turn, each read by DecodePage.
//
// The items slice is sized by what the previous page held, so a walk
// allocates for what arrives, never for what per_page announces.
type Stream struct {
	sizeHint int
	win      window
	fast     Fast
	// dec decodes items; a Decoder handed to fast would otherwise be
	// allocated for each item.
	dec Decoder
}

// NewStream returns a Stream whose items go through fast first.
func NewStream(fast Fast) *Stream {
	return &Stream{fast: fast}
}

// Reset makes s read the next page from body.
func (s *Stream) Reset(body io.Reader) {
	s.reset(body, s.fast)
}

func (s *Stream) reset(body io.Reader, fast Fast) {
	s.win.reset(body)
	s.fast = fast
	s.dec = Decoder{}
}

// maxJSONDepth is encoding/json's limit on nesting.
const maxJSONDepth = 10000

var errSyntax = errors.New("the response is not valid JSON")

// DecodePage decodes the page s reads, an object holding its items under
// key and its position under "meta", into items and meta; both must be
// there, not null (the page's envelope). It reads the body to its end.
//
// Each item goes through the same decoders as a whole response (the
// generated one, else encoding/json), and the page gives what
// json.Unmarshal gives for the page type, down to a key repeated or in
// another case, or an error where it fails.
func DecodePage[T, M any](s *Stream, key string, items *[]T, meta *M) error {
	w := &s.win
	defer func() { s.dec = Decoder{} }()

	env := Envelope{Keys: []string{key, "meta"}}
	seen := envelopeCheck{env: &env}
	var metaDecoded bool
	dirty := false // *items holds items of an earlier list of the page
	c, err := w.peek()
	if err != nil {
		return err
	}
	if c != '{' {
		return errNotAnObject
	}
	w.pos++
	for first := true; ; first = false {
		if c, err = w.peek(); err != nil {
			return err
		}
		if c == '}' {
			w.pos++
			break
		}
		if !first {
			if c != ',' {
				return errSyntax
			}
			w.pos++
		}
		k, err := w.key()
		if err != nil {
			return err
		}
		// Keys match as encoding/json matches struct fields: ignoring
		// case, the last occurrence winning.
		switch {
		case strings.EqualFold(k, key):
			var isList bool
			if *items, isList, dirty, err = decodeItems(s, *items, dirty); err != nil {
				return err
			}
			seen.note([]byte(k), isList)
		case strings.EqualFold(k, "meta"):
			raw, err := w.value(1)
			if err != nil {
				return err
			}
			if metaDecoded {
				// encoding/json decodes a second meta into the first.
				err = safeUnmarshal(raw, meta)
			} else {
				err = unmarshal(raw, meta, s.fast, nil)
			}
			if err != nil {
				return err
			}
			metaDecoded = true
			seen.note([]byte(k), raw[0] != 'n')
		default:
			if _, err := w.value(1); err != nil {
				return err
			}
		}
	}
	switch _, err := w.peek(); {
	case err == nil:
		return errors.New("unexpected data after the page")
	case !errors.Is(err, io.ErrUnexpectedEOF):
		return err
	}
	if err := seen.err(); err != nil {
		return err
	}
	s.sizeHint = len(*items)
	return nil
}

// decodeItems reads the list of items that comes next into items, as
// encoding/json decodes a list into a slice field: null sets it to nil;
// a list of a page that had one before decodes its items into the ones
// already there (dirty says there are some) and keeps the slice's memory.
// The isList result is false for null; dirty is whether items now holds
// decoded items.
func decodeItems[T any](s *Stream, items []T, dirty bool) (_ []T, isList, _ bool, err error) {
	w := &s.win
	c, err := w.peek()
	if err != nil {
		return nil, false, false, err
	}
	switch c {
	case 'n':
		if _, err = w.value(1); err != nil {
			return nil, false, false, err
		}
		return nil, false, false, nil
	case '[':
		w.pos++
	default:
		return nil, false, false, fmt.Errorf("found %s where a list was expected", valueKind(c))
	}
	if !dirty {
		items = make([]T, 0, s.sizeHint)
	}
	i := 0
	for first := true; ; first = false {
		if c, err = w.peek(); err != nil {
			return nil, false, false, err
		}
		if c == ']' {
			w.pos++
			break
		}
		if !first {
			if c != ',' {
				return nil, false, false, errSyntax
			}
			w.pos++
		}
		if dirty {
			if i >= len(items) {
				if i >= cap(items) {
					items = slices.Grow(items, 1)
				}
				items = items[:i+1]
			}
			raw, err := w.value(2)
			if err != nil {
				return nil, false, false, err
			}
			if err := safeUnmarshal(raw, &items[i]); err != nil {
				return nil, false, false, err
			}
		} else {
			var zero T
			items = append(items, zero)
			if err := decodeItem(s, &items[i]); err != nil {
				return nil, false, false, err
			}
		}
		i++
	}
	if i < len(items) {
		items = items[:i]
	}
	if i == 0 {
		return []T{}, true, false, nil
	}
	return items, true, true, nil
}

// decodeItem decodes the next value into v, a zero T: with the fast
// Decoder straight from the window when the whole item is there, else
// with unmarshal once its bytes are known.
func decodeItem[T any](s *Stream, v *T) error {
	w := &s.win
	for {
		if len(w.buf)-w.pos < w.want && !w.eof {
			w.more()
		}
		// The arena goes on from item to item: the items of a page share
		// its blocks.
		s.dec = Decoder{data: w.buf[w.pos:], depth: 2, maxDepth: maxFastDepth, mem: s.dec.mem}
		d := &s.dec
		d.useArena(textBlock)
		ok := fastItem(d, v, s.fast)
		if ok && (d.i < len(d.data) || w.eof) {
			w.pos += d.i
			w.want = max(w.want, d.i+d.i/2)
			return nil
		}
		var zero T
		*v = zero
		if !(ok || d.short) || !w.more() {
			break
		}
	}
	raw, err := w.value(2)
	if err != nil {
		return err
	}
	w.want = max(w.want, len(raw)+len(raw)/2)
	return unmarshal(raw, v, s.fast, nil)
}

// fastItem runs the fast decoder on d, taking a panic as a no.
func fastItem(d *Decoder, v any, fast Fast) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return fast(d, v)
}

// valueKind names what a value is by its first byte, without quoting it:
// a value the server sent may echo the API key or a customer's data.
func valueKind(c byte) string {
	switch c {
	case '{':
		return "{"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	default:
		return "a number"
	}
}

// window holds the part of a body being decoded: buf[pos:] is read and not
// yet decoded.
type window struct {
	r   io.Reader
	buf []byte
	pos int
	eof bool
	err error
	// want is how much to have read before decoding an item: half as
	// much again as the largest item so far, so that an item rarely
	// straddles the window's end.
	want int
}

// windowSize is the window's first size; it grows to hold the largest
// item when one is larger. Each time the window runs dry, reading reads
// until it is full again: at 16 KiB a page of 100 customers (218 KB) took
// 22 read calls, at 64 KiB 9 (the hand-written client's json.Decoder,
// whose buffer grows to the whole body, 11), which cut the CPU time of
// ListCustomers by about a tenth. A pooled Stream keeps its window:
// 64 KiB, a third of that page.
const windowSize = 64 << 10

func (w *window) reset(r io.Reader) {
	w.r, w.pos, w.eof, w.err = r, 0, false, nil
	w.buf = w.buf[:0]
	if r == nil {
		return
	}
	if cap(w.buf) == 0 {
		w.buf = make([]byte, 0, windowSize)
		w.want = 4 << 10
	}
}

// more reads what fits in the window, dropping the bytes before pos and
// growing the window when it is full of undecoded bytes. It reports
// whether it read anything.
func (w *window) more() bool {
	if w.eof || w.err != nil {
		return false
	}
	if w.pos > 0 {
		n := copy(w.buf, w.buf[w.pos:])
		w.buf, w.pos = w.buf[:n], 0
	}
	if len(w.buf) == cap(w.buf) {
		w.buf = slices.Grow(w.buf, max(cap(w.buf), windowSize))
	}
	start := len(w.buf)
	for len(w.buf) < cap(w.buf) {
		n, err := w.r.Read(w.buf[len(w.buf):cap(w.buf)])
		w.buf = w.buf[:len(w.buf)+n]
		if errors.Is(err, io.EOF) {
			w.eof = true
			break
		}
		if err != nil {
			w.err = err
			break
		}
	}
	return len(w.buf) > start
}

// end is the error for a body that stopped: the read error, or
// io.ErrUnexpectedEOF.
func (w *window) end() error {
	if w.err != nil {
		return w.err
	}
	return io.ErrUnexpectedEOF
}

// peek returns the next byte after white space.
func (w *window) peek() (byte, error) {
	for {
		for ; w.pos < len(w.buf); w.pos++ {
			switch c := w.buf[w.pos]; c {
			case ' ', '\t', '\n', '\r':
			default:
				return c, nil
			}
		}
		if !w.more() {
			return 0, w.end()
		}
	}
}

// key reads an object's key, unquoted as encoding/json does, and the
// colon after it.
func (w *window) key() (string, error) {
	for {
		c, err := w.peek()
		if err != nil {
			return "", err
		}
		if c != '"' {
			return "", errSyntax
		}
		d := Decoder{data: w.buf[w.pos:]}
		key, ok := d.stringValue()
		if ok && d.colon() {
			w.pos += d.i
			return key, nil
		}
		if !d.short {
			return "", errSyntax
		}
		if !w.more() {
			return "", w.end()
		}
	}
}

// value returns the bytes of the next value, its syntax checked as
// encoding/json checks it; depth is how deep in the body it is. They stay
// valid until the window next reads.
func (w *window) value(depth int) ([]byte, error) {
	for {
		if _, err := w.peek(); err != nil {
			return nil, err
		}
		d := Decoder{data: w.buf[w.pos:], depth: depth, maxDepth: maxJSONDepth}
		ok := d.Skip()
		if ok && (d.i < len(d.data) || w.eof) {
			w.pos += d.i
			return d.data[:d.i], nil
		}
		if !ok && !d.short {
			return nil, errSyntax
		}
		if !w.more() {
			if w.err == nil && ok {
				continue // at the end of the body, the value is whole
			}
			return nil, w.end()
		}
	}
}
