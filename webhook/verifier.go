package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/lago"
)

// The headers Lago sends with every delivery. Their names are matched
// without regard to case.
const (
	HeaderSignature          = "X-Lago-Signature"
	HeaderSignatureAlgorithm = "X-Lago-Signature-Algorithm"
	HeaderUniqueKey          = "X-Lago-Unique-Key"
)

// The values of [HeaderSignatureAlgorithm]; Lago chooses one per webhook
// endpoint.
const (
	AlgorithmJWT  = "jwt"
	AlgorithmHMAC = "hmac"
)

// maxUniqueKey bounds X-Lago-Unique-Key, a UUID in Lago's deliveries, so
// that nothing unbounded reaches a Deduplicator.
const maxUniqueKey = 256

// Config says which signatures a [Verifier] accepts. Setting HMACKey
// enables HMAC; setting PublicKey or Client enables JWT; at least one must
// be enabled. A request signed with an algorithm you did not enable is
// refused, whatever its header says.
type Config struct {
	// HMACKey is the organization's HMAC key, as Lago's UI shows it under
	// Developers. Lago has no API that returns it.
	HMACKey string
	// PublicKey is Lago's RSA public key for JWT signatures: a PEM block
	// (PUBLIC KEY or RSA PUBLIC KEY), or its base64 as
	// /webhooks/json_public_key serves it. When it is set, the key is never
	// fetched.
	PublicKey []byte
	// Client fetches the public key from Lago when PublicKey is empty.
	Client *lago.Client
	// Issuer, when set, must equal a JWT's iss claim exactly: Lago puts its
	// API URL there (https://api.getlago.com in Lago Cloud's US region).
	Issuer string
	// KeyRefreshInterval is how often, at most, a JWT that fails against
	// the fetched public key makes the verifier fetch the key again, in
	// case Lago changed it. Zero means DefaultKeyRefreshInterval. It only
	// applies to a key fetched with Client.
	KeyRefreshInterval time.Duration
}

// Verifier checks that Lago signed a webhook's body. It is safe for
// concurrent use; create one and share it.
type Verifier struct {
	hmacKey []byte         // nil: HMAC not enabled
	key     *rsa.PublicKey // the configured key; nil when fetched or JWT not enabled
	keys    *keyCache      // the fetched key; nil when configured or JWT not enabled
	issuer  string
	now     func() time.Time
}

// NewVerifier returns a verifier for cfg, or an error when cfg enables no
// algorithm or its public key cannot be read.
func NewVerifier(cfg Config) (*Verifier, error) {
	var src keySource
	if len(cfg.PublicKey) == 0 && cfg.Client != nil {
		src = cfg.Client.WebhookPublicKey
	}
	return newVerifier(cfg, src, time.Now)
}

// newVerifier is NewVerifier with the key source and the clock given.
func newVerifier(cfg Config, src keySource, now func() time.Time) (*Verifier, error) {
	if cfg.KeyRefreshInterval < 0 {
		return nil, errors.New("webhook: negative KeyRefreshInterval")
	}
	v := &Verifier{issuer: cfg.Issuer, now: now}
	if cfg.HMACKey != "" {
		v.hmacKey = []byte(cfg.HMACKey)
	}
	switch {
	case len(cfg.PublicKey) > 0:
		key, err := parsePublicKey(cfg.PublicKey)
		if err != nil {
			return nil, err
		}
		v.key = key
	case src != nil:
		interval := cfg.KeyRefreshInterval
		if interval == 0 {
			interval = DefaultKeyRefreshInterval
		}
		v.keys = &keyCache{fetch: src, interval: interval, now: now}
	}
	if v.hmacKey == nil && v.key == nil && v.keys == nil {
		return nil, errors.New("webhook: Config enables no algorithm: set HMACKey, PublicKey or Client")
	}
	return v, nil
}

// Verify checks that Lago signed exactly body, with an algorithm the
// verifier enables, and returns the event it holds. A refused signature
// gives an error matching [ErrInvalidSignature]; a signed body that is not
// an event gives one matching [ErrNotEvent]; a public key that could not
// be fetched gives one matching [ErrKeyUnavailable].
//
// The algorithm is the one X-Lago-Signature-Algorithm names. Lago always
// sends that header; when it is missing, JWT is assumed, as it is Lago's
// default for a new endpoint.
//
// Verify may wait for the public key to be fetched; [Handler] passes the
// request's context to that wait.
func (v *Verifier) Verify(body []byte, header http.Header) (*Event, error) {
	return v.verify(context.Background(), body, header)
}

func (v *Verifier) verify(ctx context.Context, body []byte, header http.Header) (*Event, error) {
	alg, err := single(header, HeaderSignatureAlgorithm, 16)
	if err != nil {
		return nil, err
	}
	sig, err := single(header, HeaderSignature, maxTokenSize(len(body)))
	if err != nil {
		return nil, err
	}
	uniqueKey, err := single(header, HeaderUniqueKey, maxUniqueKey)
	if err != nil {
		return nil, err
	}
	if sig == "" {
		return nil, refuse("no signature")
	}
	switch alg {
	case AlgorithmHMAC:
		err = v.checkHMAC(body, sig)
	case AlgorithmJWT, "":
		err = v.checkJWT(ctx, body, sig)
	default:
		err = refuse("unknown signature algorithm")
	}
	if err != nil {
		return nil, err
	}
	ev, err := parseEvent(body)
	if err != nil {
		return nil, err
	}
	ev.UniqueKey = uniqueKey
	return ev, nil
}

// checkHMAC compares, in constant time, the standard padded base64 of
// HMAC-SHA256 of the body with the signature. Comparing the encoded text
// rather than the decoded bytes refuses every other spelling of the same
// bytes.
func (v *Verifier) checkHMAC(body []byte, sig string) error {
	if v.hmacKey == nil {
		return refuse("HMAC signatures are not enabled")
	}
	mac := hmac.New(sha256.New, v.hmacKey)
	mac.Write(body)
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return refuse("HMAC does not match the body")
	}
	return nil
}

// checkJWT checks an RS256 token: its form, its signature (fetching the
// key if needed, and once more if the key may have changed), then that it
// was signed for this body.
func (v *Verifier) checkJWT(ctx context.Context, body []byte, sig string) error {
	if v.key == nil && v.keys == nil {
		return refuse("JWT signatures are not enabled")
	}
	tok, err := parseToken(sig, len(body))
	if err != nil {
		return err
	}
	ok, err := v.signed(ctx, tok)
	if err != nil {
		return err
	}
	if !ok {
		return refuse("JWT signature does not verify")
	}
	return tok.checkClaims(body, v.issuer, v.now())
}

// signed reports whether the configured or the fetched key signed tok. A
// fetched key that fails is fetched again, at most once per interval, in
// case Lago's key changed.
func (v *Verifier) signed(ctx context.Context, tok *token) (bool, error) {
	if v.key != nil {
		return tok.verifiedBy(v.key), nil
	}
	key, err := v.keys.get(ctx)
	if err != nil {
		return false, err
	}
	if tok.verifiedBy(key) {
		return true, nil
	}
	fresh := v.keys.refresh(ctx, key)
	return fresh != nil && tok.verifiedBy(fresh), nil
}

// single returns the one value of the header name, matched without regard
// to case across the whole map (http.Header from a server is canonical,
// but one built by hand or by a serverless runtime may not be). Two
// values, or one longer than limit bytes, are refused: a proxy and this
// code could pick different ones.
func single(header http.Header, name string, limit int) (string, error) {
	var values []string
	for k, vs := range header {
		if strings.EqualFold(k, name) {
			values = append(values, vs...)
		}
	}
	switch {
	case len(values) == 0:
		return "", nil
	case len(values) > 1:
		return "", refuse(fmt.Sprintf("more than one %s header", name))
	case len(values[0]) > limit:
		return "", refuse(fmt.Sprintf("%s header too long", name))
	}
	return values[0], nil
}
