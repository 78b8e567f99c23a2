package lago

import "net/http"

// transport is the HTTP layer under the generated client: every request of
// every operation passes through its Do.
type transport struct {
	client *http.Client
}

// Do sends one request.
func (t *transport) Do(req *http.Request) (*http.Response, error) {
	return t.client.Do(req)
}
