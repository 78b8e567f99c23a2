package webhook

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
)

// maxPublicKeySize bounds the key material accepted from the
// configuration or from Lago: a 4096-bit key in base64 of a PEM is under
// 1 KiB.
const maxPublicKeySize = 16 << 10

// minRSABits is the smallest modulus accepted. Lago's key is 2048 bits,
// and a shorter one is breakable.
const minRSABits = 2048

var errBadPublicKey = errors.New("webhook: public key")

// parsePublicKey reads Lago's RSA public key given as a PEM block
// ("PUBLIC KEY", as Lago's server writes it, or "RSA PUBLIC KEY") or as the
// base64 of such a PEM, which is how /webhooks/json_public_key serves it
// (Ruby's Base64.encode64, with a newline every 60 characters; the standard
// decoder skips them).
func parsePublicKey(raw []byte) (*rsa.PublicKey, error) {
	if len(raw) > maxPublicKeySize {
		return nil, fmt.Errorf("%w: longer than %d bytes", errBadPublicKey, maxPublicKeySize)
	}
	raw = bytes.TrimSpace(raw)
	if !bytes.HasPrefix(raw, []byte("-----BEGIN")) {
		decoded := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
		n, err := base64.StdEncoding.Decode(decoded, raw)
		if err != nil {
			return nil, fmt.Errorf("%w: neither a PEM block nor base64", errBadPublicKey)
		}
		raw = bytes.TrimSpace(decoded[:n])
	}
	block, rest := pem.Decode(raw)
	if block == nil {
		return nil, fmt.Errorf("%w: no PEM block", errBadPublicKey)
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, fmt.Errorf("%w: text after the PEM block", errBadPublicKey)
	}
	var key *rsa.PublicKey
	switch block.Type {
	case "PUBLIC KEY":
		parsed, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBadPublicKey, err)
		}
		rsaKey, ok := parsed.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%w: %T, not an RSA key", errBadPublicKey, parsed)
		}
		key = rsaKey
	case "RSA PUBLIC KEY":
		parsed, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBadPublicKey, err)
		}
		key = parsed
	default:
		return nil, fmt.Errorf("%w: PEM block %q, want PUBLIC KEY or RSA PUBLIC KEY", errBadPublicKey, block.Type)
	}
	if key.N.BitLen() < minRSABits {
		return nil, fmt.Errorf("%w: %d-bit RSA key, want at least %d", errBadPublicKey, key.N.BitLen(), minRSABits)
	}
	return key, nil
}
