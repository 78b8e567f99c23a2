package codec

import (
	"bytes"
	"errors"
	"fmt"
)

// Envelope is what the outermost object of a 200 response must carry. Lago
// wraps every response in an object keyed by the resource ("customer",
// "customers" and "meta", ...); a response without that key decodes into
// zero values without complaint (a proxy's `{}`, Lago's error body served
// with 200, another operation's response), and a caller must not mistake it
// for an empty customer or an empty list.
type Envelope struct {
	// Keys must each be there, not null, matched as encoding/json matches
	// struct fields (ignoring case).
	Keys []string
	// NullOK lets the keys hold null, for the responses that are null when
	// there is nothing (wallet metadata).
	NullOK bool
}

// errNotAnObject is the envelope check's error for a response that is not
// a JSON object.
var errNotAnObject = errors.New("the response is not a JSON object")

// envelopeCheck is the one envelope check: whoever walks the outermost
// object (a fast decoder, Envelope.Check's scan, the page decoder) notes
// each key there, and err says what is missing.
type envelopeCheck struct {
	env   *Envelope
	found uint64 // bit i: env.Keys[i] seen
}

// note records key, of the outermost object, whose value is null or not.
func (c *envelopeCheck) note(key []byte, notNull bool) {
	if !notNull && !c.env.NullOK {
		return
	}
	for i, want := range c.env.Keys {
		if string(key) == want || bytes.EqualFold(key, []byte(want)) {
			c.found |= 1 << i
		}
	}
}

// err reports the first key that was not seen.
func (c *envelopeCheck) err() error {
	for i, want := range c.env.Keys {
		if c.found&(1<<i) == 0 {
			return fmt.Errorf("the response has no %q", want)
		}
	}
	return nil
}

// errIn is err for data, whose keys a fast decoder noted in c as it took
// the whole of it.
func (c *envelopeCheck) errIn(data []byte) error {
	if d := (Decoder{data: data}); d.peek() != '{' && len(c.env.Keys) > 0 {
		return errNotAnObject
	}
	return c.err()
}

// Check reports the first of e's keys that the JSON object in data lacks,
// or holds as null. The data has already been decoded by encoding/json,
// so it is valid JSON; the scan only walks the top level.
func (e *Envelope) Check(data []byte) error {
	if len(e.Keys) == 0 {
		return nil
	}
	c := envelopeCheck{env: e}
	d := Decoder{data: data, maxDepth: maxJSONDepth}
	if !d.ObjectStart() {
		return errNotAnObject
	}
	for first := true; ; first = false {
		key, more, ok := d.MapKey(first)
		if !more || !ok {
			break
		}
		null := d.peek() == 'n'
		if !d.Skip() {
			break
		}
		c.note([]byte(key), !null)
	}
	return c.err()
}
