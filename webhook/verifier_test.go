package webhook

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// configs are the configurations a user can have: one algorithm, the
// other, both, and both with the issuer checked.
func configs() (hmacCfg, jwtCfg, bothCfg, issuerCfg Config) {
	pub := pkixPEM(lagoKey())
	return Config{HMACKey: testHMACKey},
		Config{PublicKey: pub},
		Config{HMACKey: testHMACKey, PublicKey: pub},
		Config{HMACKey: testHMACKey, PublicKey: pub, Issuer: testIssuer}
}

func hs256(key []byte, header, claims string) string {
	signed := b64(header) + "." + b64(claims)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(signed))
	return signed + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func ps256(key *rsa.PrivateKey, header, claims string) string {
	signed := b64(header) + "." + b64(claims)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPSS(rand.Reader, key, crypto.SHA256, sum[:], nil)
	if err != nil {
		panic(err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestVerifyAcceptsWhatLagoSigns(t *testing.T) {
	hmacCfg, jwtCfg, bothCfg, issuerCfg := configs()
	jwt := lagoJWT(testBody)
	mac := signHMAC(testHMACKey, testBody)
	tests := []struct {
		name   string
		cfg    Config
		header http.Header
	}{
		{"hmac", hmacCfg, lagoHeader("hmac", mac)},
		{"hmac with both enabled", bothCfg, lagoHeader("hmac", mac)},
		{"jwt", jwtCfg, lagoHeader("jwt", jwt)},
		{"jwt with both enabled", bothCfg, lagoHeader("jwt", jwt)},
		{"jwt with the issuer checked", issuerCfg, lagoHeader("jwt", jwt)},
		{"jwt without an algorithm header: Lago's default", jwtCfg, http.Header{
			HeaderSignature: {jwt}, HeaderUniqueKey: {testUnique},
		}},
		{"header names in lower case", bothCfg, http.Header{
			"x-lago-signature-algorithm": {"hmac"}, "x-lago-signature": {mac}, "x-lago-unique-key": {testUnique},
		}},
		{"header names in upper case", bothCfg, http.Header{
			"X-LAGO-SIGNATURE-ALGORITHM": {"jwt"}, "X-LAGO-SIGNATURE": {jwt}, "X-LAGO-UNIQUE-KEY": {testUnique},
		}},
		{"jwt with typ", jwtCfg, lagoHeader("jwt",
			signRS256(lagoKey(), `{"typ":"JWT","alg":"RS256"}`, claimsFor(testBody, testIssuer)))},
		{"jwt with an exp to come", jwtCfg, lagoHeader("jwt", signRS256(lagoKey(), `{"alg":"RS256"}`,
			`{"data":`+quote(testBody)+`,"exp":`+itoa(time.Now().Add(time.Hour).Unix())+`}`))},
		{"public key as Lago serves it", Config{PublicKey: rubyBase64(pkixPEM(lagoKey()))}, lagoHeader("jwt", jwt)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := mustVerifier(t, tt.cfg)
			ev, err := v.Verify([]byte(testBody), tt.header)
			require.NoError(t, err)
			assert.Equal(t, &Event{
				Type:           TypeCustomerCreated,
				ObjectType:     "customer",
				OrganizationID: "1a901a90-1a90-1a90-1a90-1a901a901a90",
				UniqueKey:      testUnique,
				Object:         json.RawMessage(`{"lago_id":"99a6094e-199b-4101-896a-54e927ce7bd7","external_id":"acme","name":"Acme Inc."}`),
			}, ev)
		})
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestVerifyRefuses(t *testing.T) {
	hmacCfg, jwtCfg, bothCfg, issuerCfg := configs()
	body := testBody
	changed := strings.Replace(body, "Acme", "Acmf", 1)
	otherBody := strings.Replace(body, "customer.created", "customer.updated", 1)
	jwt := lagoJWT(body)
	mac := signHMAC(testHMACKey, body)
	rs := func(header, claims string) string { return signRS256(lagoKey(), header, claims) }
	lagoClaims := claimsFor(body, testIssuer)
	parts := strings.Split(jwt, ".")
	tests := []struct {
		name   string
		cfg    Config
		body   string
		header http.Header
		reason string
	}{
		// HMAC.
		{"hmac for another key", hmacCfg, body, lagoHeader("hmac", signHMAC("another-key", body)), "HMAC does not match the body"},
		{"hmac for another body", hmacCfg, body, lagoHeader("hmac", signHMAC(testHMACKey, otherBody)), "HMAC does not match the body"},
		{"hmac, one byte of the body changed", hmacCfg, changed, lagoHeader("hmac", mac), "HMAC does not match the body"},
		{"hmac, empty body", hmacCfg, "", lagoHeader("hmac", mac), "HMAC does not match the body"},
		{"hmac without padding", hmacCfg, body, lagoHeader("hmac", strings.TrimRight(mac, "=")), "HMAC does not match the body"},
		{"hmac with a newline", hmacCfg, body, lagoHeader("hmac", mac+"\n"), "HMAC does not match the body"},
		{"hmac in url encoding", hmacCfg, body, lagoHeader("hmac", base64URLOf(mac)), "HMAC does not match the body"},
		{"hmac in hex", hmacCfg, body, lagoHeader("hmac", hexOf(mac)), "HMAC does not match the body"},
		{"hmac when only jwt is enabled", jwtCfg, body, lagoHeader("hmac", mac), "HMAC signatures are not enabled"},
		{"hmac without an algorithm header", hmacCfg, body, http.Header{HeaderSignature: {mac}}, "JWT signatures are not enabled"},
		{"algorithm name in upper case", bothCfg, body, lagoHeader("HMAC", mac), "unknown signature algorithm"},
		{"unknown algorithm", bothCfg, body, lagoHeader("rs256", jwt), "unknown signature algorithm"},
		{"no signature", bothCfg, body, http.Header{HeaderSignatureAlgorithm: {"hmac"}}, "no signature"},
		{"empty signature", bothCfg, body, lagoHeader("hmac", ""), "no signature"},
		{"two signatures", bothCfg, body, http.Header{
			HeaderSignatureAlgorithm: {"hmac"}, HeaderSignature: {"forged", mac},
		}, "more than one X-Lago-Signature header"},
		{"two signatures under two spellings", bothCfg, body, http.Header{
			HeaderSignatureAlgorithm: {"hmac"}, HeaderSignature: {mac}, "x-lago-signature": {"forged"},
		}, "more than one X-Lago-Signature header"},
		{"two algorithms", bothCfg, body, http.Header{
			HeaderSignatureAlgorithm: {"jwt", "hmac"}, HeaderSignature: {mac},
		}, "more than one X-Lago-Signature-Algorithm header"},
		{"unique key too long", bothCfg, body, http.Header{
			HeaderSignatureAlgorithm: {"hmac"}, HeaderSignature: {mac}, HeaderUniqueKey: {strings.Repeat("k", 257)},
		}, "X-Lago-Unique-Key header too long"},
		// JWT.
		{"jwt when only hmac is enabled", hmacCfg, body, lagoHeader("jwt", jwt), "JWT signatures are not enabled"},
		{"jwt without an algorithm header, only hmac enabled", hmacCfg, body, http.Header{HeaderSignature: {jwt}}, "JWT signatures are not enabled"},
		{"jwt for another body", jwtCfg, body, lagoHeader("jwt", lagoJWT(otherBody)), "token was signed for another body"},
		{"jwt, one byte of the body changed", jwtCfg, changed, lagoHeader("jwt", jwt), "token was signed for another body"},
		{"jwt, empty body", jwtCfg, "", lagoHeader("jwt", jwt), "token was signed for another body"},
		{"jwt signed by another key", jwtCfg, body, lagoHeader("jwt",
			signRS256(otherKey(), `{"alg":"RS256"}`, lagoClaims)), "JWT signature does not verify"},
		{"jwt with a signature changed", jwtCfg, body, lagoHeader("jwt", parts[0]+"."+parts[1]+"."+flip(parts[2])), "JWT signature does not verify"},
		{"jwt with claims changed", jwtCfg, body, lagoHeader("jwt", parts[0]+"."+b64(claimsFor(otherBody, testIssuer))+"."+parts[2]), "JWT signature does not verify"},
		{"alg none", jwtCfg, body, lagoHeader("jwt", b64(`{"alg":"none"}`)+"."+parts[1]+"."), "token signature is not base64url"},
		{"alg none with a signature", jwtCfg, body, lagoHeader("jwt", b64(`{"alg":"none"}`)+"."+parts[1]+"."+parts[2]), "token algorithm is not RS256"},
		{"HS256 keyed with the public key", jwtCfg, body, lagoHeader("jwt",
			hs256(pkixPEM(lagoKey()), `{"alg":"HS256"}`, lagoClaims)), "token algorithm is not RS256"},
		{"PS256", jwtCfg, body, lagoHeader("jwt", ps256(lagoKey(), `{"alg":"PS256"}`, lagoClaims)), "token algorithm is not RS256"},
		{"RS384 named, RS256 signed", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS384"}`, lagoClaims)), "token algorithm is not RS256"},
		{"alg in lower case", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"rs256"}`, lagoClaims)), "token algorithm is not RS256"},
		{"alg spelled with an escape", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS\u0032\u00356"}`, lagoClaims)), "token algorithm is not RS256"},
		{"no alg", jwtCfg, body, lagoHeader("jwt", rs(`{"typ":"JWT"}`, lagoClaims)), "token algorithm is not RS256"},
		{"two algs", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"none","alg":"RS256"}`, lagoClaims)), "token header is not one JSON object with distinct fields"},
		{"crit", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256","crit":["exp"]}`, lagoClaims)), "token header has crit"},
		{"typ other than JWT", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256","typ":"at+jwt"}`, lagoClaims)), "token type is not JWT"},
		{"header not an object", jwtCfg, body, lagoHeader("jwt", rs(`["RS256"]`, lagoClaims)), "token header is not one JSON object with distinct fields"},
		{"header with trailing data", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}{}`, lagoClaims)), "token header is not one JSON object with distinct fields"},
		{"wrong iss", issuerCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, claimsFor(body, testIssuer+"/"))), "token issuer is not the configured one"},
		{"iss differing in case", issuerCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, claimsFor(body, strings.ToUpper(testIssuer)))), "token issuer is not the configured one"},
		{"no iss", issuerCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, `{"data":`+quote(body)+`}`)), "token issuer is not the configured one"},
		{"iss not a string", issuerCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, `{"data":`+quote(body)+`,"iss":["`+testIssuer+`"]}`)), "token issuer is not the configured one"},
		{"no data", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, `{"iss":"x"}`)), "token has no data string"},
		{"data not a string", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, `{"data":`+body+`}`)), "token has no data string"},
		{"data under another case", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, `{"Data":`+quote(body)+`}`)), "token has no data string"},
		{"two data claims, the body first", jwtCfg, body, lagoHeader("jwt",
			rs(`{"alg":"RS256"}`, `{"data":`+quote(body)+`,"data":`+quote(otherBody)+`}`)), "token claims are not one JSON object with distinct fields"},
		{"two data claims, the body last", jwtCfg, body, lagoHeader("jwt",
			rs(`{"alg":"RS256"}`, `{"data":`+quote(otherBody)+`,"data":`+quote(body)+`}`)), "token claims are not one JSON object with distinct fields"},
		{"claims with trailing data", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, lagoClaims+` {}`)), "token claims are not one JSON object with distinct fields"},
		{"expired", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`,
			`{"data":`+quote(body)+`,"exp":`+itoa(time.Now().Add(-time.Minute).Unix())+`}`)), "token expired"},
		{"not valid yet", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`,
			`{"data":`+quote(body)+`,"nbf":`+itoa(time.Now().Add(time.Hour).Unix())+`}`)), "token not valid yet"},
		{"exp not a number", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256"}`, `{"data":`+quote(body)+`,"exp":"never"}`)), "token expired"},
		{"two parts", jwtCfg, body, lagoHeader("jwt", parts[0]+"."+parts[1]), "token does not have three parts"},
		{"four parts", jwtCfg, body, lagoHeader("jwt", jwt+"."), "token does not have three parts"},
		{"padded parts", jwtCfg, body, lagoHeader("jwt", parts[0]+"=."+parts[1]+"."+parts[2]), "token has a character outside base64url"},
		{"standard base64", jwtCfg, body, lagoHeader("jwt", strings.NewReplacer("-", "+", "_", "/").Replace(jwt)+"+"), "token has a character outside base64url"},
		{"a newline in the token", jwtCfg, body, lagoHeader("jwt", parts[0]+"\n."+parts[1]+"."+parts[2]), "token has a character outside base64url"},
		{"a space around the token", jwtCfg, body, lagoHeader("jwt", " "+jwt), "token has a character outside base64url"},
		{"token too long for the body", jwtCfg, body, lagoHeader("jwt", jwt+strings.Repeat("A", maxTokenSize(len(body)))), "X-Lago-Signature header too long"},
		{"header part too long", jwtCfg, body, lagoHeader("jwt", rs(`{"alg":"RS256","x":"`+strings.Repeat("x", maxHeaderPart)+`"}`, lagoClaims)), "token part too long"},
		{"signature part too long", jwtCfg, body, lagoHeader("jwt", parts[0]+"."+parts[1]+"."+strings.Repeat("A", maxSignaturePart+1)), "token part too long"},
		{"empty signature part", jwtCfg, body, lagoHeader("jwt", parts[0]+"."+parts[1]+"."), "token signature is not base64url"},
		{"garbage", jwtCfg, body, lagoHeader("jwt", "not a token"), "token has a character outside base64url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := mustVerifier(t, tt.cfg)
			ev, err := v.Verify([]byte(tt.body), tt.header)
			require.ErrorIs(t, err, ErrInvalidSignature)
			assert.EqualError(t, err, "webhook: invalid signature: "+tt.reason)
			assert.Nil(t, ev)
			// The error says why in fixed words: nothing received is quoted.
			for _, vs := range tt.header {
				for _, s := range vs {
					if len(s) > 8 {
						assert.NotContains(t, err.Error(), s)
					}
				}
			}
			assert.NotContains(t, err.Error(), "Acme")
		})
	}
}

// flip changes the first character of a base64url string.
func flip(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

func base64URLOf(std string) string {
	b, _ := base64.StdEncoding.DecodeString(std)
	return base64.URLEncoding.EncodeToString(b)
}

func hexOf(std string) string {
	b, _ := base64.StdEncoding.DecodeString(std)
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func TestVerifySignedBodyThatIsNotAnEvent(t *testing.T) {
	_, _, bothCfg, _ := configs()
	v := mustVerifier(t, bothCfg)
	for _, body := range []string{"", "[]", `{"object_type":"customer"}`, "not json"} {
		for _, h := range []http.Header{lagoHeader("hmac", signHMAC(testHMACKey, body)), lagoHeader("jwt", lagoJWT(body))} {
			ev, err := v.Verify([]byte(body), h)
			require.ErrorIs(t, err, ErrNotEvent, "%q", body)
			assert.NotErrorIs(t, err, ErrInvalidSignature)
			assert.Nil(t, ev)
		}
	}
}

// A large event is accepted: the token cap grows with the body, since the
// token carries it.
func TestVerifyLargeEvent(t *testing.T) {
	_, jwtCfg, _, _ := configs()
	v := mustVerifier(t, jwtCfg)
	fees := strings.Repeat(`{"item":{"type":"charge","code":"\"quoted\" \\ api_calls"},"amount_cents":100},`, 5000)
	body := `{"webhook_type":"invoice.created","object_type":"invoice","invoice":{"fees":[` + strings.TrimSuffix(fees, ",") + `]}}`
	require.Greater(t, len(body), 256<<10)
	ev, err := v.Verify([]byte(body), lagoHeader("jwt", lagoJWT(body)))
	require.NoError(t, err)
	assert.Equal(t, TypeInvoiceCreated, ev.Type)
}

func TestNewVerifier(t *testing.T) {
	_, err := NewVerifier(Config{})
	require.EqualError(t, err, "webhook: Config enables no algorithm: set HMACKey, PublicKey or Client")

	_, err = NewVerifier(Config{PublicKey: []byte("not a key")})
	require.ErrorIs(t, err, errBadPublicKey)

	_, err = NewVerifier(Config{HMACKey: "k", KeyRefreshInterval: -time.Second})
	require.EqualError(t, err, "webhook: negative KeyRefreshInterval")

	v, err := NewVerifier(Config{HMACKey: "k"})
	require.NoError(t, err)
	assert.NotNil(t, v)
}
