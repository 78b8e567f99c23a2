package codec

// The tests in package codec_test decode the types of package gen, which
// imports this package; these give them the runtime's inner parts.

// FastUnmarshal runs the fast decoder alone on data, as Decode does before
// falling back to encoding/json: ok is whether it took the whole of data,
// and envErr, with env, the envelope check from what it saw.
func FastUnmarshal(data []byte, v any, fast Fast, env *Envelope) (ok bool, envErr error) {
	ok, top := fastUnmarshal(data, v, fast, env)
	if ok && env != nil {
		envErr = top.errIn(data)
	}
	return ok, envErr
}

// NewStreamWindow returns a Stream whose window starts size bytes long.
func NewStreamWindow(fast Fast, size int) *Stream {
	s := NewStream(fast)
	s.win.buf = make([]byte, 0, size)
	return s
}

// WindowCap is the size of s's window.
func WindowCap(s *Stream) int { return cap(s.win.buf) }

const WindowSize = windowSize
