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

// Body buffers are pooled by size class: class k holds buffers with room
// for at least minPooledBuffer<<k bytes, from 4 KiB to 4 MiB, so a response
// of any size up to 4 MiB finds a buffer of its size in the pool once one
// such response has been read, and a large buffer is never handed to a small
// answer. One pool with a cap had a cliff: every response above the cap
// allocated a fresh buffer on every call.
//
// What the pools keep is bounded: no buffer with room for more than
// maxPooledBuffer (8 MiB, what reading a 4 MiB response may grow a buffer
// to) is kept, and sync.Pool lets the garbage collector take whatever was
// not reused between two collections, so a burst of large responses leaves
// nothing behind once it is over. In a steady state each class holds about
// one buffer per goroutine reading responses of that size at once.
const (
	minPooledBuffer = 4 << 10
	bufferClasses   = 11 // the largest class is 4 KiB<<10, 4 MiB
	maxPooledBuffer = 2 * minPooledBuffer << (bufferClasses - 1)
)

// maxPresized is the most room made for a body before its bytes arrive
// when the pool has no buffer of its size: a larger announced size grows
// the buffer as bytes actually arrive, so a server announcing more than it
// sends cannot make the client allocate it.
const maxPresized = 256 << 10

var bodyBuffers [bufferClasses]sync.Pool

// needClass is the smallest class whose buffers hold n bytes, or
// bufferClasses when none does.
func needClass(n int) int {
	k := 0
	for k < bufferClasses && minPooledBuffer<<k < n {
		k++
	}
	return k
}

// haveClass is the largest class whose size a buffer of capacity c
// reaches, or -1 when it reaches none.
func haveClass(c int) int {
	k := -1
	for k+1 < bufferClasses && minPooledBuffer<<(k+1) <= c {
		k++
	}
	return k
}

// getBodyBuffer returns an empty buffer with room for a body of size bytes
// (unknown when negative) and the final read that reports its end, so that
// reading it whole does not grow the buffer again: a pooled one of its
// class when there is one, else a new one with room for its whole class,
// or maxPresized when that is less.
func getBodyBuffer(size int64) *bytes.Buffer {
	need := bytes.MinRead
	if size > 0 {
		need = int(min(size, maxPooledBuffer)) + bytes.MinRead
	}
	k := needClass(need)
	if k < bufferClasses {
		if buf, ok := bodyBuffers[k].Get().(*bytes.Buffer); ok {
			return buf
		}
		// Room for the whole class, so that the buffer goes back to it.
		need = minPooledBuffer << k
	}
	buf := new(bytes.Buffer)
	buf.Grow(min(need, maxPresized))
	return buf
}

// putBodyBuffer pools buf in the class its capacity reaches, unless it is
// above maxPooledBuffer or below the smallest class.
func putBodyBuffer(buf *bytes.Buffer) {
	k := haveClass(buf.Cap())
	if k < 0 || buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	bodyBuffers[k].Put(buf)
}

// Unmarshal decodes data into v, a zero T, with the fast decoder of T when
// types has one: exactly json.Unmarshal's value, or its error. It checks
// no envelope; package webhook decodes each event's object with it.
func Unmarshal[T any](data []byte, v *T, types Types) error {
	return unmarshal(data, v, types.Fast, nil)
}
