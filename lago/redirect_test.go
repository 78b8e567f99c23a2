package lago_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// seen is what one server saw of the requests it got.
type seen struct {
	mu   sync.Mutex
	reqs []fakelago.Request
}

func (s *seen) add(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, fakelago.Request{Method: r.Method, Path: r.URL.Path, Body: string(body), Header: r.Header.Clone()})
}

func (s *seen) all() []fakelago.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]fakelago.Request(nil), s.reqs...)
}

// Every redirect status × method × target: only a 307 or 308 to the same
// origin is followed, with the same method and body; everything else is an
// ErrRedirected naming the target's origin, and no other origin ever sees
// a request, so never the key.
func TestRedirects(t *testing.T) {
	methods := []struct {
		name   string
		method string
		body   string
		call   func(ctx context.Context, c *lago.Client) (*lago.Customer, error)
	}{
		{"GetCustomer", http.MethodGet, "", func(ctx context.Context, c *lago.Client) (*lago.Customer, error) {
			return c.GetCustomer(ctx, "jane@example.com")
		}},
		{"CreateCustomer", http.MethodPost, `{"customer":{"external_id":"jane@example.com"}}`, func(ctx context.Context, c *lago.Client) (*lago.Customer, error) {
			return c.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "jane@example.com"})
		}},
		{"DeleteCustomer", http.MethodDelete, "", func(ctx context.Context, c *lago.Client) (*lago.Customer, error) {
			return c.DeleteCustomer(ctx, "jane@example.com")
		}},
	}
	statuses := []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

	other := &seen{}
	otherSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		other.add(r)
		customerAnswer(t)(w, r)
	}))
	defer otherSrv.Close()

	for _, target := range []string{"same origin", "other origin"} {
		for _, status := range statuses {
			for _, m := range methods {
				t.Run(target+"/"+strconv.Itoa(status)+"/"+m.name, func(t *testing.T) {
					origin := &seen{}
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						origin.add(r)
						if strings.HasPrefix(r.URL.Path, "/moved/") {
							customerAnswer(t)(w, r)
							return
						}
						to := "/moved" + r.URL.Path
						if target == "other origin" {
							to = otherSrv.URL + to
						}
						w.Header().Set("Location", to)
						w.WriteHeader(status)
						_, _ = io.WriteString(w, "moved to "+to)
					}))
					defer srv.Close()
					before := len(other.all())

					c, err := lago.NewClient(apiKey, lago.WithBaseURL(srv.URL+"/api/v1"), lago.WithRetry(lago.NoRetry))
					require.NoError(t, err)
					got, err := m.call(t.Context(), c)

					follow := target == "same origin" && (status == 307 || status == 308)
					reqs := origin.all()
					if follow {
						require.NoError(t, err)
						assert.NotEmpty(t, got.LagoID)
						require.Len(t, reqs, 2)
						for _, r := range reqs {
							assert.Equal(t, m.method, r.Method, "the method is kept")
							assert.JSONEq(t, orEmptyObject(m.body), orEmptyObject(r.Body), "the body is kept")
							assert.Equal(t, "Bearer "+apiKey, r.Header.Get("Authorization"))
						}
						assert.True(t, strings.HasPrefix(reqs[1].Path, "/moved/"))
						return
					}
					require.ErrorIs(t, err, lago.ErrRedirected)
					assert.Nil(t, got)
					var lerr *lago.Error
					require.ErrorAs(t, err, &lerr)
					assert.Equal(t, status, lerr.StatusCode)
					wantOrigin := srv.URL
					if target == "other origin" {
						wantOrigin = otherSrv.URL
					}
					assert.Equal(t, wantOrigin, lerr.Location)
					assert.Empty(t, lerr.Body, "a redirect's body repeats its path")
					assert.Equal(t, "lago: "+lerr.Operation+": "+strconv.Itoa(status)+" redirect to "+wantOrigin+" not followed", err.Error())
					assert.NotContains(t, err.Error(), "jane")
					require.Len(t, reqs, 1, "nothing is sent again, to any path, as any method")
					assert.Equal(t, m.method, reqs[0].Method)
					assert.Len(t, other.all(), before, "the other origin never sees a request")
				})
			}
		}
	}
}

func orEmptyObject(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}

// From https to http is another origin even on the same host and port, and
// is not followed; a caller's own CheckRedirect is consulted only for the
// redirects the Client would follow.
func TestRedirectToPlainHTTPAndCallerPolicy(t *testing.T) {
	plain := &seen{}
	plainSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		plain.add(r)
		customerAnswer(t)(w, r)
	}))
	defer plainSrv.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/customers/a" {
			w.Header().Set("Location", "/api/v1/customers/b")
		} else {
			w.Header().Set("Location", plainSrv.URL+r.URL.Path)
		}
		w.WriteHeader(http.StatusTemporaryRedirect)
	}))
	defer tlsSrv.Close()

	var consulted []string
	hc := tlsSrv.Client()
	hc.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		consulted = append(consulted, req.URL.Path)
		return nil
	}
	c, err := lago.NewClient(apiKey, lago.WithBaseURL(tlsSrv.URL+"/api/v1"), lago.WithHTTPClient(hc), lago.WithRetry(lago.NoRetry))
	require.NoError(t, err)

	_, err = c.GetCustomer(t.Context(), "a")
	require.ErrorIs(t, err, lago.ErrRedirected)
	var lerr *lago.Error
	require.ErrorAs(t, err, &lerr)
	assert.Equal(t, plainSrv.URL, lerr.Location)
	assert.Empty(t, plain.all(), "the key never goes over http")
	assert.Equal(t, []string{"/api/v1/customers/b"}, consulted, "the caller's policy saw only the same-origin redirect")
	assert.NotNil(t, hc.CheckRedirect, "the caller's http.Client is left as it was")
}
