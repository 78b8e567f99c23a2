package lago

import (
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects one attempt follows, as net/http's
// default policy.
const maxRedirects = 10

// withRedirectPolicy returns a copy of hc whose CheckRedirect follows only
// 307 and 308 responses to the origin of the first request, and leaves every
// other redirect to the caller as the response itself (which exchange turns
// into an error matching ErrRedirected).
//
// Package net/http would follow a 301, 302 or 303 to a POST or DELETE with a
// bodiless GET, so an upsert or a delete behind a redirecting load balancer
// would report success with nothing changed. A 307 or 308 keeps the method
// and body; keeping it to one origin keeps the API key there too, and
// never lets it go from https to http.
func withRedirectPolicy(hc *http.Client) *http.Client {
	out := *hc
	next := hc.CheckRedirect
	out.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !followable(req, via) {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &out
}

func followable(req *http.Request, via []*http.Request) bool {
	if len(via) == 0 || len(via) >= maxRedirects || req.Response == nil {
		return false
	}
	switch req.Response.StatusCode {
	case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return sameOrigin(req.URL, via[0].URL)
	}
	return false
}

// sameOrigin compares scheme, host and port, as browsers do.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// redirectOrigin is where a redirect response points, as scheme://host[:port]
// only: the path and query of a Location may name a customer.
func redirectOrigin(rsp *http.Response) string {
	loc := rsp.Header.Get("Location")
	if loc == "" {
		return ""
	}
	if rsp.Request == nil {
		return ""
	}
	u, err := rsp.Request.URL.Parse(loc)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
