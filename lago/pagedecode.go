package lago

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// streamedPage is one page of a list as the All* iterators read it: its
// items and its position.
type streamedPage[T any] struct {
	items []T
	meta  PaginationMeta
}

// pageStream decodes pages of a list from the body one item at a time,
// through a window of the body a few items long. Reading the whole body
// first and then decoding it would, for a moment, hold the raw JSON
// (larger than the decoded items) beside the decoded page; walking many
// pages, an iterator keeps only the decoded page and the window.
//
// Each item goes through the same decoders as a whole answer (unmarshal:
// the generated one, else encoding/json), and the page gives what
// json.Unmarshal gives for the page type, down to a key repeated or in
// another case, or an error where it fails.
//
// The items slice is sized by what the previous page held, so a walk
// allocates for what arrives, never for what per_page announces.
type pageStream[T any] struct {
	sizeHint int
	win      window
	// fast is decodeGen but in tests.
	fast func(*decoder, any) bool
	// dec decodes items; a decoder handed to fast would otherwise be
	// allocated for each item.
	dec decoder
}

// maxJSONDepth is encoding/json's limit on nesting.
const maxJSONDepth = 10000

var errSyntax = errors.New("the answer is not valid JSON")

func (s *pageStream[T]) decode(op *operation, rsp *http.Response) (*streamedPage[T], error) {
	if err := checkJSON200(rsp); err != nil {
		return nil, err
	}
	if s.fast == nil {
		s.fast = decodeGen
	}
	w := &s.win
	w.reset(rsp.Body)
	defer func() {
		w.reset(nil)
		s.dec = decoder{}
	}()

	page := &streamedPage[T]{}
	var sawItems, sawMeta, metaDecoded bool
	dirty := false // page.items holds items of an earlier list of the page
	c, err := w.peek()
	if err != nil {
		return nil, err
	}
	if c != '{' {
		return nil, errNotAnObject
	}
	w.pos++
	for first := true; ; first = false {
		if c, err = w.peek(); err != nil {
			return nil, err
		}
		if c == '}' {
			w.pos++
			break
		}
		if !first {
			if c != ',' {
				return nil, errSyntax
			}
			w.pos++
		}
		key, err := w.key()
		if err != nil {
			return nil, err
		}
		// Keys match as encoding/json matches struct fields: ignoring
		// case, the last occurrence winning.
		switch {
		case strings.EqualFold(key, op.items):
			var isList bool
			if page.items, isList, dirty, err = s.decodeItems(page.items, dirty); err != nil {
				return nil, err
			}
			sawItems = sawItems || isList
		case strings.EqualFold(key, "meta"):
			raw, err := w.value(1)
			if err != nil {
				return nil, err
			}
			if metaDecoded {
				// encoding/json decodes a second meta into the first.
				err = safeUnmarshal(raw, &page.meta)
			} else {
				_, err = unmarshal(raw, &page.meta, s.fast)
			}
			if err != nil {
				return nil, err
			}
			metaDecoded = true
			sawMeta = sawMeta || raw[0] != 'n'
		default:
			if _, err := w.value(1); err != nil {
				return nil, err
			}
		}
	}
	switch _, err := w.peek(); {
	case err == nil:
		return nil, errors.New("unexpected data after the page")
	case !errors.Is(err, io.ErrUnexpectedEOF):
		return nil, err
	}
	switch {
	case !sawItems:
		return nil, fmt.Errorf("the answer has no %q", op.items)
	case !sawMeta:
		return nil, errors.New(`the answer has no "meta"`)
	}
	s.sizeHint = len(page.items)
	return page, nil
}

// decodeItems reads the list of items that comes next into items, as
// encoding/json decodes a list into a slice field: null sets it to nil;
// a list of a page that had one before decodes its items into the ones
// already there (dirty says there are some) and keeps the slice's memory.
// The isList result is false for null; dirty is whether items now holds
// decoded items.
func (s *pageStream[T]) decodeItems(items []T, dirty bool) (_ []T, isList, _ bool, err error) {
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
			if err := s.decodeItem(&items[i]); err != nil {
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
// decoder straight from the window when the whole item is there, else
// with unmarshal once its bytes are known.
func (s *pageStream[T]) decodeItem(v *T) error {
	w := &s.win
	for {
		if len(w.buf)-w.pos < w.want && !w.eof {
			w.more()
		}
		s.dec = decoder{data: w.buf[w.pos:], depth: 2, maxDepth: maxFastDepth}
		d := &s.dec
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
	_, err = unmarshal(raw, v, s.fast)
	return err
}

// fastItem runs the fast decoder on d, taking a panic as a no.
func fastItem(d *decoder, v any, fast func(*decoder, any) bool) (ok bool) {
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
// item when one is larger.
const windowSize = 16 << 10

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
		d := decoder{data: w.buf[w.pos:]}
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
		d := decoder{data: w.buf[w.pos:], depth: depth, maxDepth: maxJSONDepth}
		ok := d.skip()
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
