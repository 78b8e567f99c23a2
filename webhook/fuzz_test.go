package webhook

import (
	"errors"
	"net/http"
	"testing"
)

// FuzzParse: any body gives an event with a type, or ErrNotEvent; never a
// panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{testBody, ``, `null`, `{}`, `{"webhook_type":"x","object_type":"x","x":1}`,
		`{"webhook_type":"x","object_type":"webhook_type"}`, `{"webhook_type":"\ud800"}`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := parseEvent(body)
		if err != nil {
			if !errors.Is(err, ErrNotEvent) || ev != nil {
				t.Fatalf("parseEvent: %v, %v", ev, err)
			}
			return
		}
		if ev.Type == "" {
			t.Fatal("an event without a type")
		}
	})
}

// FuzzVerify: whatever the body, signature and algorithm, Verify refuses
// with ErrInvalidSignature or returns an event (the fuzzer cannot forge
// either signature, so that only happens when it signs); and a body signed
// as Lago signs it always verifies, as an event or as ErrNotEvent.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(testBody), lagoJWT(testBody), "jwt")
	f.Add([]byte(testBody), signHMAC(testHMACKey, testBody), "hmac")
	f.Add([]byte(""), "e30.e30.e30", "")
	f.Add([]byte("{}"), "eyJhbGciOiJub25lIn0.eyJkYXRhIjoie30ifQ.", "jwt")
	cfg := Config{HMACKey: testHMACKey, PublicKey: pkixPEM(lagoKey()), Issuer: testIssuer}
	v, err := NewVerifier(cfg)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, sig, alg string) {
		ev, err := v.Verify(body, http.Header{
			HeaderSignature: {sig}, HeaderSignatureAlgorithm: {alg}, HeaderUniqueKey: {"k"},
		})
		switch {
		case err == nil:
			if ev == nil || ev.Type == "" {
				t.Fatal("an accepted body without an event")
			}
		case errors.Is(err, ErrInvalidSignature), errors.Is(err, ErrNotEvent):
			if ev != nil {
				t.Fatal("an event with an error")
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}

		for _, h := range []http.Header{
			lagoHeader("hmac", signHMAC(testHMACKey, string(body))),
			lagoHeader("jwt", lagoJWT(string(body))),
		} {
			ev, err := v.Verify(body, h)
			if err != nil && !errors.Is(err, ErrNotEvent) {
				if len(body) > 0 && !validUTF8(body) && errors.Is(err, ErrInvalidSignature) {
					// A JSON string cannot carry invalid UTF-8, so no data
					// claim equals such a body; Lago never sends one.
					continue
				}
				t.Fatalf("a signed body refused: %v", err)
			}
			if err == nil && (ev.Type == "" || ev.UniqueKey != testUnique) {
				t.Fatalf("event %+v", ev)
			}
		}
	})
}
