package lago

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// streamedPage is one page of a list as the All* iterators read it: its
// items and its position.
type streamedPage[T any] struct {
	items []T
	meta  PaginationMeta
}

// pageStream decodes pages of a list from the body one item at a time,
// with a json.Decoder. Reading the whole body first and then decoding it
// would, for a moment, hold the raw JSON (larger than the decoded items)
// beside the decoded page; walking many pages, an iterator keeps only the
// decoded page.
//
// The items slice is sized by what the previous page held, so a walk
// allocates for what arrives, never for what per_page announces.
type pageStream[T any] struct {
	sizeHint int
}

func (s *pageStream[T]) decode(op *operation, rsp *http.Response) (*streamedPage[T], error) {
	if err := checkJSON200(rsp); err != nil {
		return nil, err
	}
	page := &streamedPage[T]{}
	var sawItems, sawMeta bool
	dec := json.NewDecoder(rsp.Body)
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errNotAnObject
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		// Keys match as encoding/json matches struct fields: ignoring
		// case, the last occurrence winning.
		name, _ := key.(string)
		switch {
		case strings.EqualFold(name, op.items):
			var ok bool
			if page.items, ok, err = decodeItems[T](dec, s.sizeHint); err != nil {
				return nil, err
			}
			sawItems = sawItems || ok
		case strings.EqualFold(name, "meta"):
			var meta *PaginationMeta
			if err := dec.Decode(&meta); err != nil {
				return nil, err
			}
			if meta != nil {
				page.meta, sawMeta = *meta, true
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the page")
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

// decodeItems reads a JSON list of T; ok is false when it was null.
func decodeItems[T any](dec *json.Decoder, sizeHint int) (items []T, ok bool, err error) {
	tok, err := dec.Token()
	switch {
	case err != nil:
		return nil, false, err
	case tok == nil:
		return nil, false, nil
	case tok != json.Delim('['):
		return nil, false, fmt.Errorf("found %s where a list was expected", tokenKind(tok))
	}
	items = make([]T, 0, sizeHint)
	for dec.More() {
		var zero T
		items = append(items, zero)
		if err := dec.Decode(&items[len(items)-1]); err != nil {
			return nil, false, err
		}
	}
	return items, true, expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	if tok != want {
		return fmt.Errorf("found %s where %v was expected", tokenKind(tok), want)
	}
	return nil
}

// tokenKind names what a token is without quoting it: a value the server
// sent may echo the API key or a customer's data.
func tokenKind(tok json.Token) string {
	switch tok := tok.(type) {
	case json.Delim:
		return tok.String()
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	default:
		return "a number"
	}
}
