package lago

import "strings"

const redacted = "[REDACTED]"

// secret holds the API key and the Authorization header value made of it.
// Clients and transports keep it behind a pointer: fmt prints a nested
// pointer as an address, so even %+v of a copied Client shows no key.
type secret struct {
	value  string
	header []string // "Bearer <key>", shared by every request
}

func newSecret(key string) *secret {
	return &secret{value: key, header: []string{"Bearer " + key}}
}

// redact removes the key from text the server or the network produced
// before it reaches an error, a log line or a panic.
func (s *secret) redact(text string) string {
	if s == nil || s.value == "" {
		return text
	}
	return strings.ReplaceAll(text, s.value, redacted)
}

// String keeps the key out of anything that formats a secret directly.
func (s *secret) String() string { return redacted }
