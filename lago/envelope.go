package lago

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// checkEnvelope reports the first of keys that the JSON object in data
// lacks, or holds as null. Lago wraps every answer in an object keyed by
// the resource ("customer", "customers" and "meta", ...); an answer without
// that key decodes into zero values without complaint (a proxy's `{}`,
// Lago's error body served with 200, another operation's answer), and a
// caller must not mistake it for an empty customer or an empty list.
//
// data has already been decoded by encoding/json, so it is valid JSON; the
// scan only walks the top level, matching keys as encoding/json matches
// struct fields (ignoring case).
//
// With nullOK, a key holding null counts as there.
func checkEnvelope(data []byte, keys []string, nullOK bool) error {
	if len(keys) == 0 {
		return nil
	}
	found := make([]bool, len(keys))
	s := scanner{data: data}
	s.space()
	if !s.consume('{') {
		return errNotAnObject
	}
	for {
		s.space()
		if s.consume('}') {
			break
		}
		s.consume(',')
		s.space()
		key := s.str()
		s.space()
		s.consume(':')
		s.space()
		if null := s.value(); null && !nullOK {
			continue
		}
		for i, want := range keys {
			if strings.EqualFold(key, want) {
				found[i] = true
			}
		}
		if s.i >= len(s.data) {
			break
		}
	}
	for i, ok := range found {
		if !ok {
			return fmt.Errorf("the answer has no %q", keys[i])
		}
	}
	return nil
}

var errNotAnObject = errors.New("the answer is not a JSON object")

// scanner walks valid JSON without building values.
type scanner struct {
	data []byte
	i    int
}

func (s *scanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) consume(b byte) bool {
	if s.i < len(s.data) && s.data[s.i] == b {
		s.i++
		return true
	}
	return false
}

// str reads a string and returns its text; escaped keys, rare, are
// unescaped by encoding/json.
func (s *scanner) str() string {
	start := s.i
	s.skipString()
	raw := s.data[start:s.i]
	if len(raw) < 2 {
		return ""
	}
	if !strings.ContainsRune(string(raw), '\\') {
		return string(raw[1 : len(raw)-1])
	}
	var out string
	_ = json.Unmarshal(raw, &out)
	return out
}

func (s *scanner) skipString() {
	s.i++ // the opening quote
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case '\\':
			s.i += 2
		case '"':
			s.i++
			return
		default:
			s.i++
		}
	}
}

// value skips one value and reports whether it was null.
func (s *scanner) value() (null bool) {
	if s.i >= len(s.data) {
		return true
	}
	switch s.data[s.i] {
	case '"':
		s.skipString()
	case '{', '[':
		depth := 0
		for s.i < len(s.data) {
			switch s.data[s.i] {
			case '"':
				s.skipString()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			s.i++
			if depth == 0 {
				return false
			}
		}
	case 'n':
		s.i += len("null")
		return true
	default: // a number, true or false
		for s.i < len(s.data) {
			switch s.data[s.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return false
			}
			s.i++
		}
	}
	return false
}
