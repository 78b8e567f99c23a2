package lago

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
)

// decodeJSON decodes a 200 JSON answer into a new T.
//
// It takes the place of the generated Parse<Operation>Response, which reads
// each body with io.ReadAll (growing its buffer step by step, about 2.6
// times the body in garbage for a 2.7 KB customer) and then keeps that
// buffer in the response it returns. Here the body is read into a pooled
// buffer, sized from Content-Length when there is one, and decoded into the
// same generated type; encoding/json copies every string it decodes, so
// the buffer can go back to the pool at once. Non-2xx answers never get
// here: exchange turns them into errors first.
//
// The answer must carry op's envelope keys: see checkEnvelope.
func decodeJSON[T any](op *operation, rsp *http.Response) (*T, error) {
	if err := checkJSON200(rsp); err != nil {
		return nil, err
	}
	buf := getBodyBuffer(rsp.ContentLength)
	defer putBodyBuffer(buf)
	if _, err := buf.ReadFrom(rsp.Body); err != nil {
		return nil, err
	}
	v := new(T)
	top, err := unmarshal(buf.Bytes(), v, decodeGen)
	if err != nil {
		return nil, err
	}
	if err := top.check(buf.Bytes(), op.envelope, op.nullEnvelope); err != nil {
		return nil, err
	}
	return v, nil
}

// unmarshal decodes data into v, a zero T, giving json.Unmarshal's answer:
// the same value, or an error where it fails. The generated decoder of T
// (fast, see fastdecode.go) goes first; when it gives up, or T has none,
// encoding/json decodes data again from a zero T, and its answer is final.
// The fast function is decodeGen but in tests. The topKeys returned are what
// the fast decoder saw of the outermost object, for the envelope check.
func unmarshal[T any](data []byte, v *T, fast func(*decoder, any) bool) (topKeys, error) {
	if ok, top := fastUnmarshal(data, v, fast); ok {
		return top, nil
	}
	var zero T
	*v = zero
	return topKeys{}, safeUnmarshal(data, v)
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
// answer's data.
var errDecoderPanic = errors.New("the JSON decoder panicked")

// maxPooledBuffer is the largest buffer kept for reuse. A page of 100 full
// customers is about 210 KB; a buffer grown for some rare larger answer is
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
