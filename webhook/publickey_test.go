package webhook

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePublicKey(t *testing.T) {
	key := lagoKey()
	pkix := pkixPEM(key)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&key.PublicKey)})
	for name, raw := range map[string][]byte{
		"PKIX PEM":                   pkix,
		"PKCS#1 PEM":                 pkcs1,
		"base64 as Lago serves it":   rubyBase64(pkix),
		"base64 on one line":         []byte(base64.StdEncoding.EncodeToString(pkix)),
		"base64 with CRLF":           []byte(base64.StdEncoding.EncodeToString(pkix)[:60] + "\r\n" + base64.StdEncoding.EncodeToString(pkix)[60:] + "\r\n"),
		"base64 of PKCS#1":           rubyBase64(pkcs1),
		"PEM with surrounding space": append(append([]byte("\n  "), pkix...), "\n\n"...),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := parsePublicKey(raw)
			require.NoError(t, err)
			assert.True(t, got.Equal(&key.PublicKey))
		})
	}
}

func TestParsePublicKeyRefuses(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ecDER, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	require.NoError(t, err)
	small := newKey(1024)
	smallDER, err := x509.MarshalPKIXPublicKey(&small.PublicKey)
	require.NoError(t, err)
	pkix := pkixPEM(lagoKey())
	tests := []struct {
		name, want string
		raw        []byte
	}{
		{"empty", "webhook: public key: no PEM block", nil},
		{"not base64", "webhook: public key: neither a PEM block nor base64", []byte("not a key!")},
		{"base64 of no PEM", "webhook: public key: no PEM block", []byte(base64.StdEncoding.EncodeToString([]byte("hello")))},
		{"EC key", "webhook: public key: *ecdsa.PublicKey, not an RSA key",
			pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecDER})},
		{"1024-bit key", "webhook: public key: 1024-bit RSA key, want at least 2048",
			pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: smallDER})},
		{"private key", `webhook: public key: PEM block "RSA PRIVATE KEY", want PUBLIC KEY or RSA PUBLIC KEY`,
			pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(lagoKey())})},
		{"two blocks", "webhook: public key: text after the PEM block", append(append([]byte{}, pkix...), pkix...)},
		{"too long", "webhook: public key: longer than 16384 bytes", make([]byte, maxPublicKeySize+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePublicKey(tt.raw)
			require.ErrorIs(t, err, errBadPublicKey)
			assert.EqualError(t, err, tt.want)
		})
	}
}
