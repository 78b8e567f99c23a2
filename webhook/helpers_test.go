package webhook

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// Two 2048-bit keys, made once per test binary: Lago's, and a forger's.
var (
	lagoKey  = sync.OnceValue(func() *rsa.PrivateKey { return newKey(2048) })
	otherKey = sync.OnceValue(func() *rsa.PrivateKey { return newKey(2048) })
)

func newKey(bits int) *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic(err)
	}
	return key
}

const (
	testHMACKey = "5f4dcc3b-5aa7-4a5b-9e4d-2c6f7c2d1e0a"
	testIssuer  = "https://api.lago.test"
	testUnique  = "0f9a1e2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
)

// testBody is a delivery as Lago's server writes it.
const testBody = `{"webhook_type":"customer.created","object_type":"customer",` +
	`"organization_id":"1a901a90-1a90-1a90-1a90-1a901a901a90",` +
	`"customer":{"lago_id":"99a6094e-199b-4101-896a-54e927ce7bd7","external_id":"acme","name":"Acme Inc."}}`

// pkixPEM is key's public half as Lago's server writes it.
func pkixPEM(key *rsa.PrivateKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		panic(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// rubyBase64 is Ruby's Base64.encode64: a newline every 60 characters and
// one at the end, as /webhooks/json_public_key serves the key.
func rubyBase64(b []byte) []byte {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 60 {
		out.WriteString(s[:60] + "\n")
		s = s[60:]
	}
	out.WriteString(s + "\n")
	return []byte(out.String())
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// signRS256 makes a compact JWT from a header and claims given as raw JSON.
func signRS256(key *rsa.PrivateKey, header, claims string) string {
	signed := b64(header) + "." + b64(claims)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// claimsFor is Lago's claims for body.
func claimsFor(body, iss string) string {
	data, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return `{"data":` + string(data) + `,"iss":"` + iss + `"}`
}

// lagoJWT is the token Lago sends with body.
func lagoJWT(body string) string {
	return signRS256(lagoKey(), `{"alg":"RS256"}`, claimsFor(body, testIssuer))
}

func signHMAC(key, body string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(body))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// lagoHeader is the headers of a delivery, canonical as net/http makes
// them.
func lagoHeader(alg, sig string) map[string][]string {
	return map[string][]string{
		HeaderSignatureAlgorithm: {alg},
		HeaderSignature:          {sig},
		HeaderUniqueKey:          {testUnique},
	}
}

// clock is a settable time for the key cache.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// mustVerifier builds a verifier with a configured key and the real clock.
func mustVerifier(t testing.TB, cfg Config) *Verifier {
	t.Helper()
	v, err := newVerifier(cfg, nil, time.Now)
	require.NoError(t, err)
	return v
}

func validUTF8(b []byte) bool { return utf8.Valid(b) }
