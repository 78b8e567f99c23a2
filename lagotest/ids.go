package lagotest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"time"
)

// ids hands out the lago_id of everything the server creates. Lago breaks
// ties between records created in the same second by lago_id, so ids ascend
// in creation order here: the first 48 bits count up from the moment the
// server started, like a UUIDv7 whose clock ticks once per id, and the rest
// is random so that two servers never share an id.
type ids struct {
	next uint64
}

func newIDs(now time.Time) *ids {
	return &ids{next: uint64(now.UnixMilli())}
}

// new returns the next id. The caller holds the server's lock.
func (g *ids) new() string {
	var b [16]byte
	_, _ = rand.Read(b[6:])
	n := g.next
	g.next++
	for i := 5; i >= 0; i-- {
		b[i] = byte(n)
		n >>= 8
	}
	b[6] = 0x70 | b[6]&0x0f // version 7
	b[8] = 0x80 | b[8]&0x3f // RFC 9562 variant
	return formatUUID(b)
}

// randomUUID returns a random version 4 UUID, the shape of Lago's API keys.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = 0x40 | b[6]&0x0f
	b[8] = 0x80 | b[8]&0x3f
	return formatUUID(b)
}

func formatUUID(b [16]byte) string {
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], b[10:16])
	return string(out[:])
}

// token returns an unguessable URL-safe string, standing in for the signed
// and provider-issued tokens of portal and checkout links.
func token(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// orNew fills an empty id.
func (st *store) orNew(id *string) {
	if *id == "" {
		*id = st.ids.new()
	}
}

// uuidPattern matches a UUID of any version, as Lago's id filters take it.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
