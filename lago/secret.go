package lago

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
)

const redacted = "[REDACTED]"

// minLeak is the shortest run of the API key treated as a leak: a proxy
// that echoes part of the key, or a body cut in the middle of it, must not
// hand the rest of it to an error or a log.
const minLeak = 8

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

// redact removes the key, and every run of minLeak or more of its
// characters, from text the server or the network produced before it
// reaches an error, a log line or a panic. It runs on error paths only.
func (s *secret) redact(text string) string {
	if s == nil || s.value == "" {
		return text
	}
	text = strings.ReplaceAll(text, s.value, redacted)
	if len(s.value) <= minLeak {
		return text
	}
	// Any run of minLeak or more key characters contains one of these
	// windows; replacing each leaves pieces shorter than minLeak.
	for i := 0; i+minLeak <= len(s.value); i++ {
		if w := s.value[i : i+minLeak]; strings.Contains(text, w) {
			text = strings.ReplaceAll(text, w, redacted)
		}
	}
	return text
}

// String keeps the key out of anything that formats a secret directly.
func (s *secret) String() string { return redacted }

// minScrubbed is the shortest id or filter value scrubbed from error
// texts: shorter ones ("1", "EUR") would mangle the text and say little.
const minScrubbed = 4

// scrubber removes the key and the values one call sent (its path
// parameters and query values, often emails or other customer data) from
// the texts of that call's errors and log records: both go through text,
// so that a log never holds what an error would not.
type scrubber struct {
	key    *secret
	values []string
}

// scrubber takes the values of one call: its path parameters and, when a
// response came (rsp not nil), the query of the request it answers.
func (c *Client) scrubber(pathArgs []string, rsp *http.Response) scrubber {
	return newScrubber(c.key, pathArgs, rawQuery(rsp))
}

// newScrubber takes the values of one call: its path parameters and the
// values of each raw query given (the request as sent, as answered, or as
// net/http's error names it; "" adds nothing).
func newScrubber(key *secret, pathArgs []string, queries ...string) scrubber {
	sc := scrubber{key: key}
	add := func(v string) {
		if len(v) >= minScrubbed {
			// As sent (the generated client escapes dots in a path
			// segment too), and as a server may show it.
			path := url.PathEscape(v)
			sc.values = append(sc.values, v, path, strings.ReplaceAll(path, ".", "%2E"), url.QueryEscape(v), strings.ReplaceAll(url.QueryEscape(v), "+", "%20"))
		}
	}
	for _, v := range pathArgs {
		add(v)
	}
	for _, raw := range queries {
		// ParseQuery keeps what it could read of a query it also
		// complains about.
		q, _ := url.ParseQuery(raw)
		for _, vs := range q {
			for _, v := range vs {
				add(v)
			}
		}
	}
	return sc
}

// sentQuery is the raw query of the request a net/http failure names, ""
// for any other error.
func sentQuery(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return ""
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return ""
	}
	return u.RawQuery
}

func (sc scrubber) text(t string) string {
	t = sc.key.redact(t)
	for _, v := range sc.values {
		t = strings.ReplaceAll(t, v, redacted)
	}
	return t
}

func (sc scrubber) bytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return []byte(sc.text(string(b)))
}
