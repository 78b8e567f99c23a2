package lagotest

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
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/lagoclient/lago-go/gen"
)

// The signature algorithms a webhook endpoint can use, as
// AddWebhookEndpoint takes them and X-Lago-Signature-Algorithm names them.
const (
	WebhookJWT  = "jwt"
	WebhookHMAC = "hmac"
)

// maxWebhookEndpoints is Lago's limit per organization.
const maxWebhookEndpoints = 10

// webhookKey is lagotest's RSA key pair, Lago's one key per instance: made
// on first use, once per process, and shared by every server, as a 2048-bit
// key takes a good part of a second to make.
var webhookKey = sync.OnceValue(func() *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("lagotest: generate the webhook key: " + err.Error())
	}
	return key
})

// webhookPublicKey is the public half of webhookKey as
// /webhooks/json_public_key serves it: the base64 of a PEM block, with a
// line break every 60 characters and one at the end, as Ruby's
// Base64.encode64 writes it.
var webhookPublicKey = sync.OnceValue(func() string {
	der, err := x509.MarshalPKIXPublicKey(&webhookKey().PublicKey)
	if err != nil {
		panic("lagotest: encode the webhook key: " + err.Error())
	}
	b64 := base64.StdEncoding.EncodeToString(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	var out strings.Builder
	for len(b64) > 60 {
		out.WriteString(b64[:60] + "\n")
		b64 = b64[60:]
	}
	out.WriteString(b64 + "\n")
	return out.String()
})

// AddWebhookEndpoint registers an endpoint to which the server delivers
// the webhooks that follow from what it does, signed with algorithm,
// "jwt" or "hmac", as Lago signs them:
//
//   - hmac: X-Lago-Signature is the standard base64 of HMAC-SHA256 of the
//     body, keyed with WebhookHMACKey;
//   - jwt: X-Lago-Signature is an RS256 JWT whose claims are {"data": the
//     body, "iss": the server's URL}, signed with lagotest's key, which the
//     server serves at <URL>/webhooks/json_public_key as Lago does.
//
// Every event goes to every endpoint, in the order the server sent them,
// one at a time per endpoint, as a POST with the headers
// X-Lago-Signature, X-Lago-Signature-Algorithm and X-Lago-Unique-Key. Like
// Lago, the server tries three times, with the same unique key, and counts
// only 200, 201, 202 and 204 as delivered; it never follows a redirect.
// Its waits are Lago's shortened twentyfold (0.15 s, then 0.9 s), and each
// attempt may take 2 s. Call FlushWebhooks to wait for the deliveries.
//
// Like Lago, the server allows 10 endpoints; the URL must be an absolute
// http or https URL.
func (s *Server) AddWebhookEndpoint(endpoint, algorithm string) error {
	if algorithm != WebhookJWT && algorithm != WebhookHMAC {
		return fmt.Errorf("lagotest: webhook algorithm %q, want %q or %q", algorithm, WebhookJWT, WebhookHMAC)
	}
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("lagotest: webhook endpoint %q is not an absolute http or https URL", endpoint)
	}
	if algorithm == WebhookJWT {
		webhookKey() // made now rather than on the first event
	}
	return s.webhooks.add(endpoint, algorithm)
}

// WebhookHMACKey returns the key of the server's HMAC signatures, the
// organization's key that Lago shows in its UI: a random UUID, one per
// server. Pass it as webhook.Config.HMACKey.
func (s *Server) WebhookHMACKey() string {
	return s.webhooks.hmacKey()
}

// errTooManyEndpoints is Lago's limit of webhook endpoints.
var errTooManyEndpoints = errors.New("lagotest: an organization has at most 10 webhook endpoints")

// webhookPublicKeyResponse answers GET /webhooks/json_public_key.
func (s *Server) webhookPublicKeyResponse(*call) response {
	return okResponse(gen.WebhookPublicKeyEnvelope{Webhook: gen.WebhookPublicKey{PublicKey: webhookPublicKey()}})
}

// emit sends the event webhookType about object, under the key objectType,
// to every endpoint. The body is written now, under the server's lock, so
// that it shows the object as it is at this point. Lago builds nothing
// when the organization has no endpoint, and neither does emit.
func (s *Server) emit(webhookType, objectType string, object any) {
	if !s.webhooks.any() {
		return
	}
	obj, err := json.Marshal(object)
	if err != nil {
		panic("lagotest: encode a webhook object: " + err.Error())
	}
	// Lago's key order: the envelope, then the object.
	var b strings.Builder
	b.WriteString(`{"webhook_type":`)
	writeJSONString(&b, webhookType)
	b.WriteString(`,"object_type":`)
	writeJSONString(&b, objectType)
	b.WriteString(`,"organization_id":`)
	writeJSONString(&b, s.store.organizationID())
	b.WriteString(`,`)
	writeJSONString(&b, objectType)
	b.WriteString(`:`)
	b.Write(obj)
	b.WriteString(`}`)
	s.webhooks.enqueue([]byte(b.String()), s.URL)
}

func writeJSONString(b *strings.Builder, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

// organizationID is the organization's lago_id, made on first use.
func (st *store) organizationID() string {
	if st.walletData.orgID == "" {
		st.walletData.orgID = st.ids.new()
	}
	return st.walletData.orgID
}

// signHMAC is Lago's HMAC signature of body.
func signHMAC(key string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// signJWT is Lago's JWT signature of body: RS256, with the body as the
// data claim and the API URL as iss, and nothing else.
func signJWT(body []byte, issuer string) string {
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256"}`))
	claims, _ := json.Marshal(struct {
		Data string `json:"data"`
		Iss  string `json:"iss"`
	}{string(body), issuer})
	signed := header + "." + base64.RawURLEncoding.EncodeToString(claims)
	digest := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, webhookKey(), crypto.SHA256, digest[:])
	if err != nil {
		panic("lagotest: sign a webhook: " + err.Error())
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}
