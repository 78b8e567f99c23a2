package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sync"
)

// Types is what package gen generates for this runtime: the fast decoder
// of each type, and the page decoder of each page type.
type Types struct {
	Fast Fast
	// Page decodes the body s reads into v with DecodePage when v points
	// to a page type, and reports false, reading nothing, when it does
	// not.
	Page func(s *Stream, v any) (bool, error)
	// Append appends v, a pointer to a request body, as json.Marshal
	// writes it. It reports false for a type it has no encoder for and
	// for a value json.Marshal refuses; the caller then encodes v with
	// json.Marshal, for its error.
	Append func(b []byte, v any) ([]byte, bool)
}

// Decode decodes a 200 JSON body of size bytes (unknown when negative) into
// a new T, which must carry env.
//
// A page is decoded item by item as it arrives, by DecodePage, as walking
// a list does. Any other body is read into a pooled buffer, sized from
// size, and decoded from there: the generated Parse<Operation>Response
// reads each body with io.ReadAll (growing its buffer step by step, about
// 2.6 times the body in garbage for a 2.7 KB customer) and then keeps that
// buffer in the response it returns. The decoders copy every string they
// decode, as encoding/json does, so the buffer can go back to the pool at
// once.
func Decode[T any](body io.Reader, size int64, types Types, env Envelope) (*T, error) {
	v := new(T)
	s := streams.Get().(*Stream)
	s.reset(body, types.Fast)
	isPage, err := types.Page(s, v)
	s.reset(nil, nil)
	streams.Put(s)
	if isPage {
		if err != nil {
			return nil, err
		}
		return v, nil
	}
	buf := getBodyBuffer(size)
	defer putBodyBuffer(buf)
	if _, err := buf.ReadFrom(body); err != nil {
		return nil, err
	}
	if err := unmarshal(buf.Bytes(), v, types.Fast, &env); err != nil {
		return nil, err
	}
	return v, nil
}

// streams keeps the windows of pages listed one at a time.
var streams = sync.Pool{New: func() any { return new(Stream) }}

// unmarshal decodes data into v, a zero T, giving json.Unmarshal's result:
// the same value, or an error where it fails, or where data lacks env
// (when env is not nil). The generated decoder of T goes first, noting the
// envelope's keys as it goes; when it gives up, or T has none,
// encoding/json decodes data again from a zero T, its result is final, and
// env is checked by a scan.
func unmarshal[T any](data []byte, v *T, fast Fast, env *Envelope) error {
	if ok, top := fastUnmarshal(data, v, fast, env); ok {
		if env == nil {
			return nil
		}
		return top.errIn(data)
	}
	var zero T
	*v = zero
	if err := safeUnmarshal(data, v); err != nil {
		return err
	}
	if env == nil {
		return nil
	}
	return env.Check(data)
}

// safeUnmarshal is json.Unmarshal, with a panic (of an UnmarshalJSON
// method, say) returned as an error rather than left to crash the caller.
func safeUnmarshal(data []byte, v any) (err error) {
	defer func() {
		if recover() != nil {
			err = errDecoderPanic
		}
	}()
	return json.Unmarshal(data, v)
}

// errDecoderPanic does not quote the panic's value, which may hold the
// response's data.
var errDecoderPanic = errors.New("the JSON decoder panicked")

// maxPooledBuffer is the largest buffer kept for reuse. A page of 100 full
// customers is about 210 KB; a buffer grown for some rare larger response is
// left to the collector rather than held by the pool.
const maxPooledBuffer = 512 << 10

// maxPresized is the most room made for a body before its bytes arrive:
// enough for a full page, and a buffer that size stays poolable.
const maxPresized = maxPooledBuffer / 2

var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// getBodyBuffer returns an empty buffer with room for a body of size bytes
// (unknown when negative) and the final read that reports its end, so that
// reading it whole does not grow the buffer again. Room is made up front
// only up to maxPresized: a larger announced size grows the buffer as bytes
// actually arrive, so a server announcing more than it sends cannot make
// the client allocate it.
func getBodyBuffer(size int64) *bytes.Buffer {
	buf := bodyBuffers.Get().(*bytes.Buffer)
	if size > 0 {
		buf.Grow(int(min(size, maxPresized)) + bytes.MinRead)
	}
	return buf
}

func putBodyBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	bodyBuffers.Put(buf)
}

// Unmarshal decodes data into v, a zero T, with the fast decoder of T when
// types has one: exactly json.Unmarshal's value, or its error. It checks
// no envelope; package webhook decodes each event's object with it.
func Unmarshal[T any](data []byte, v *T, types Types) error {
	return unmarshal(data, v, types.Fast, nil)
}
