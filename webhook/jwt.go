package webhook

// RS256 tokens are checked here with the standard library alone. A JWT
// library would add a module to the go.sum of every program that imports
// this package, and most of its code (other algorithms, key discovery,
// expiry policies) is what a webhook receiver must refuse anyway; what Lago
// sends needs about a hundred lines, all of them below.

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strings"
	"time"
)

// maxTokenOverhead is what a token may hold besides the body in its data
// claim: the header, the other claims and the signature, all in base64.
// Lago's own overhead is under 1 KiB.
const maxTokenOverhead = 16 << 10

// maxHeaderPart and maxSignaturePart bound the first and last parts of a
// token; a signature of an 8192-bit key is 1366 characters.
const (
	maxHeaderPart    = 4 << 10
	maxSignaturePart = 2 << 10
)

// maxTokenSize is the longest token accepted for a body of n bytes. The
// data claim repeats the body as a JSON string: at most six bytes per body
// byte (\u00XX), four thirds of that in base64, so eight per byte with
// room to spare, plus the fixed overhead. A fixed cap would refuse Lago's
// larger events (an invoice with many fees).
func maxTokenSize(n int) int {
	if n > (math.MaxInt-maxTokenOverhead)/8 {
		return math.MaxInt
	}
	return maxTokenOverhead + 8*n
}

// token is a JWT whose structure and header have been checked, but not yet
// its signature or its claims.
type token struct {
	signed  []byte // the first two parts with their dot: what the signature covers
	sig     []byte
	payload []byte // the decoded claims, a JSON object not yet read
}

var b64url = base64.RawURLEncoding.Strict()

// parseToken checks the form of a compact JWT and its header: three
// base64url parts without padding, a header that is one JSON object with
// no repeated field, alg exactly RS256, typ JWT if present, and no crit
// (no extension is understood here, so none may be required).
func parseToken(s string, bodyLen int) (*token, error) {
	if s == "" {
		return nil, refuse("empty token")
	}
	if len(s) > maxTokenSize(bodyLen) {
		return nil, refuse("token too long for the body")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			// The decoder would skip newlines; nothing but the alphabet
			// and the two dots is let through.
			return nil, refuse("token has a character outside base64url")
		}
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, refuse("token does not have three parts")
	}
	if len(parts[0]) > maxHeaderPart || len(parts[2]) > maxSignaturePart {
		return nil, refuse("token part too long")
	}
	header, err := b64url.DecodeString(parts[0])
	if err != nil {
		return nil, refuse("token header is not base64url")
	}
	payload, err := b64url.DecodeString(parts[1])
	if err != nil {
		return nil, refuse("token claims are not base64url")
	}
	sig, err := b64url.DecodeString(parts[2])
	if err != nil || len(sig) == 0 {
		return nil, refuse("token signature is not base64url")
	}
	fields, err := readObject(header)
	if err != nil {
		return nil, refuse("token header is not one JSON object with distinct fields")
	}
	if alg, ok := fields["alg"]; !ok || string(alg) != `"RS256"` {
		// Compared as raw JSON: "RS256" spelled with escapes is refused
		// too. This refuses none, HS256 keyed with the public key, and
		// every algorithm but the one Lago uses.
		return nil, refuse("token algorithm is not RS256")
	}
	if _, ok := fields["crit"]; ok {
		return nil, refuse("token header has crit")
	}
	if typ, ok := fields["typ"]; ok {
		var s string
		if json.Unmarshal(typ, &s) != nil || !strings.EqualFold(s, "JWT") {
			return nil, refuse("token type is not JWT")
		}
	}
	return &token{
		signed:  []byte(parts[0] + "." + parts[1]),
		sig:     sig,
		payload: payload,
	}, nil
}

// verifiedBy reports whether key signed the token with RSASSA-PKCS1-v1_5
// over SHA-256.
func (t *token) verifiedBy(key *rsa.PublicKey) bool {
	sum := sha256.Sum256(t.signed)
	return rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], t.sig) == nil
}

// checkClaims checks a signed token's claims against the body: data must be
// a string equal to the body byte for byte, iss must equal issuer when one
// is set, and exp and nbf, which Lago does not send, are honoured if
// present.
func (t *token) checkClaims(body []byte, issuer string, now time.Time) error {
	claims, err := readObject(t.payload)
	if err != nil {
		return refuse("token claims are not one JSON object with distinct fields")
	}
	var data string
	if raw, ok := claims["data"]; !ok || json.Unmarshal(raw, &data) != nil {
		return refuse("token has no data string")
	}
	if data != string(body) {
		return refuse("token was signed for another body")
	}
	if issuer != "" {
		var iss string
		if raw, ok := claims["iss"]; !ok || json.Unmarshal(raw, &iss) != nil || iss != issuer {
			return refuse("token issuer is not the configured one")
		}
	}
	if raw, ok := claims["exp"]; ok {
		exp, ok := numericDate(raw)
		if !ok || !now.Before(time.Unix(exp, 0)) {
			return refuse("token expired")
		}
	}
	if raw, ok := claims["nbf"]; ok {
		nbf, ok := numericDate(raw)
		if !ok || now.Before(time.Unix(nbf, 0)) {
			return refuse("token not valid yet")
		}
	}
	return nil
}

// numericDate reads a JWT NumericDate, seconds since the epoch, whole or
// not (a fraction is dropped).
func numericDate(raw json.RawMessage) (int64, bool) {
	var f float64
	if json.Unmarshal(raw, &f) != nil || f > math.MaxInt32*1000 || f < 0 {
		return 0, false
	}
	return int64(f), true
}

var errNotObject = errors.New("not one JSON object with distinct fields")

// readObject splits a JSON object into its fields, refusing a repeated
// field name (a parser keeping the first and one keeping the last would
// read two different tokens) and anything after the object. Unmarshalling
// into a struct would take the last of two fields, and would match "Data"
// to a field tagged "data"; names here are compared exactly.
func readObject(b []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errNotObject
	}
	fields := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, errNotObject
		}
		name, ok := tok.(string)
		if !ok {
			return nil, errNotObject
		}
		if _, dup := fields[name]; dup {
			return nil, errNotObject
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, errNotObject
		}
		fields[name] = value
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, errNotObject
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errNotObject
	}
	return fields, nil
}
