package lago

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lagoclient/lago-go/gen"
)

// API roots of Lago Cloud. A self-hosted Lago serves the same API under
// https://<your host>/api/v1.
const (
	BaseURLUS = "https://api.getlago.com/api/v1"
	BaseURLEU = "https://api.eu.getlago.com/api/v1"
)

// Version is the version of this library, sent in the User-Agent header.
const Version = "0.1.0"

// DefaultTimeout bounds each HTTP attempt, reading the body included, when
// the caller does not bring its own http.Client.
const DefaultTimeout = 60 * time.Second

// Client calls the Lago customer API. Create one with NewClient and share it:
// it is safe for concurrent use and keeps connections open between calls.
type Client struct {
	// gen is the generated client Generated returns; this package's own
	// calls build theirs per call (see exchange).
	gen       *gen.ClientWithResponses
	key       *secret
	userAgent []string // the User-Agent header's value
	// basePath is the escaped path of the API root, without a trailing
	// slash, e.g. "/api/v1".
	basePath string
	baseURL  string
	// server is the API root with a trailing slash, as the generated
	// client wants it.
	server  string
	maxBody int64
	// hc sends every attempt, following redirects on the Client's terms
	// (see withRedirectPolicy).
	hc    *http.Client
	retry RetryPolicy
	log   *slog.Logger // nil: no logging
	// rate is the rate-limit state of the last response that had one. A
	// pointer, so that the Client can be printed by value as %+v does.
	rate *atomic.Pointer[RateLimit]
	// replayable lets net/http itself resend a request that a stale
	// keep-alive connection lost, when retries are on and the operation is
	// safe to repeat.
	replayable bool

	// Seams for tests; real time and randomness otherwise.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	random func() float64
}

// Option configures a Client; see NewClient.
type Option func(*config) error

type config struct {
	baseURL    string
	httpClient *http.Client
	userAgent  string
	retry      RetryPolicy
	logger     *slog.Logger
	maxBody    int64
	maxConns   int
}

// DefaultMaxResponseBytes caps a successful response's body unless
// WithMaxResponseBytes says otherwise: far above any real Lago response, far
// below what would hurt a service.
const DefaultMaxResponseBytes = 32 << 20

// WithBaseURL sets the API root, for example BaseURLEU or a self-hosted
// "https://lago.example.com/api/v1". A trailing slash is optional. NewClient
// rejects a URL that is not absolute http(s), or that carries credentials, a
// query or a fragment.
func WithBaseURL(rawURL string) Option {
	return func(c *config) error {
		c.baseURL = rawURL
		return nil
	}
}

// WithHTTPClient makes the Client send its requests through hc, for its
// transport, proxy or timeout settings. Without it the Client uses its own
// http.Client with DefaultTimeout and a pool of at most
// DefaultMaxConnsPerHost connections to Lago.
//
// The Client follows redirects on its own terms whatever hc.CheckRedirect
// says (see NewClient); hc.CheckRedirect, when set, is consulted only for
// the redirects the Client would follow, and may refuse them; hc itself is
// not modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// DefaultMaxConnsPerHost bounds the connections the Client's own transport
// opens to one host, in use and idle together, unless WithMaxConnsPerHost
// says otherwise. Calls beyond it wait for a connection to come free.
const DefaultMaxConnsPerHost = 64

// WithMaxConnsPerHost sets how many connections the Client's own transport
// opens to one host at most; calls beyond it wait for one to come free (or
// for their context to end). It has no effect with WithHTTPClient, whose
// transport decides.
func WithMaxConnsPerHost(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxConnsPerHost: %d is not a positive number", n)
		}
		c.maxConns = n
		return nil
	}
}

// WithUserAgent names your application in the User-Agent header. The value,
// for example "billing-service/1.4", goes before lago-go's own product token,
// which is always sent.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		ua = strings.TrimSpace(ua)
		if ua == "" || strings.ContainsFunc(ua, isControl) {
			return errors.New("WithUserAgent: the value is empty or contains control characters")
		}
		c.userAgent = ua
		return nil
	}
}

// WithLogger logs every HTTP attempt to l: the operation, method, path
// template, status, duration and attempt number, and whether and when it
// will be retried. Levels: warn for attempts that got no response (refused,
// reset, timed out), for 5xx and 429 responses and for redirects that are not
// followed; info for other 4xx responses, which are often expected (a lookup
// of a customer that does not exist is a 404); debug for successes.
// Request headers appear at debug level with Authorization redacted.
// Records never hold a URL, an id or the key. Without it nothing is
// logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("WithLogger: nil *slog.Logger")
		}
		c.logger = l
		return nil
	}
}

// WithMaxResponseBytes caps the body of a successful response; a larger one
// is an error matching ErrBadResponse. The default is
// DefaultMaxResponseBytes. Error bodies are read only up to 64 KiB.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxResponseBytes: %d is not a positive size", n)
		}
		c.maxBody = n
		return nil
	}
}

// NewClient returns a Client that authenticates with apiKey, the API key of
// a Lago organization. It calls Lago Cloud's US region unless WithBaseURL
// says otherwise.
//
// Redirects: the Client follows a 307 or 308 response to the same origin
// (scheme, host and port) as the request, which keeps the method and the
// body, up to 10 times. Any other redirect (301, 302, 303, or one to
// another origin, https to http included) is not followed: the call fails
// with an *Error matching ErrRedirected whose Location names the origin
// it pointed to. So a write is never replayed as a GET, and the API key
// never goes to another origin.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if apiKey == "" {
		return nil, fmt.Errorf("lago: NewClient: %w: the API key is empty", ErrInvalidArgument)
	}
	if strings.ContainsFunc(apiKey, isSpaceOrControl) {
		return nil, fmt.Errorf("lago: NewClient: %w: the API key contains spaces or control characters", ErrInvalidArgument)
	}
	cfg := config{baseURL: BaseURLUS, retry: DefaultRetryPolicy(), maxBody: DefaultMaxResponseBytes, maxConns: DefaultMaxConnsPerHost}
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("lago: NewClient: %w: %w", ErrInvalidArgument, err)
		}
	}
	root, err := parseBaseURL(cfg.baseURL)
	if err != nil {
		return nil, fmt.Errorf("lago: NewClient: %w: %w", ErrInvalidArgument, err)
	}
	hc := cfg.httpClient
	if hc == nil {
		hc = defaultHTTPClient(cfg.maxConns)
	}

	retry := cfg.retry.withDefaults()
	c := &Client{
		key:        newSecret(apiKey),
		userAgent:  []string{userAgent(cfg.userAgent)},
		basePath:   root.EscapedPath(),
		baseURL:    root.String(),
		server:     root.String() + "/",
		maxBody:    cfg.maxBody,
		hc:         withRedirectPolicy(hc),
		retry:      retry,
		log:        cfg.logger,
		rate:       new(atomic.Pointer[RateLimit]),
		replayable: retry.MaxAttempts > 1,
		now:        time.Now,
		sleep:      sleepContext,
		random:     defaultRandom,
	}
	c.gen, err = gen.NewClientWithResponses(c.server,
		gen.WithHTTPClient(generatedDoer{c}),
		gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
			c.authorize(req, nil)
			return nil
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("lago: NewClient: %w", err)
	}
	return c, nil
}

// Generated returns the generated client that c wraps, configured with the
// same base URL, API key, User-Agent, retries, redirect policy, logging
// and http.Client (so its requests share the connection bound). It is the
// escape hatch for what package lago does not cover; responses from it are
// not turned into *Error, their envelopes are not checked, and its path
// parameters are escaped as single segments but not checked ("", "." and
// ".." go out as given). Close the bodies of the responses it returns: an
// open one keeps its connection.
func (c *Client) Generated() *gen.ClientWithResponses {
	return c.gen
}

// generatedDoer sends the requests of Client.Generated through do, which
// retries and logs them as it does this package's own, without an
// operation.
type generatedDoer struct{ c *Client }

// Do sends req as do does, with no operation.
func (d generatedDoer) Do(req *http.Request) (*http.Response, error) {
	return d.c.do(req, nil, nil)
}

// CloseIdleConnections closes the connections the Client keeps open for
// reuse, as http.Client.CloseIdleConnections does. The Client stays usable.
func (c *Client) CloseIdleConnections() {
	c.hc.CloseIdleConnections()
}

// String describes the Client without its API key.
func (c *Client) String() string {
	return "lago.Client(" + c.baseURL + ")"
}

// GoString is String, so that %#v shows no key either.
func (c *Client) GoString() string { return c.String() }

func userAgent(app string) string {
	own := "lago-go/" + Version + " (" + runtime.Version() + "; +https://github.com/lagoclient/lago-go)"
	if app == "" {
		return own
	}
	return app + " " + own
}

// parseBaseURL checks an API root and returns it without a trailing
// slash. Its errors never quote the URL: a mistaken one may hold the key
// (as user name, in the query or the fragment).
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("the base URL does not parse")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New("the base URL's scheme must be http or https")
	case u.Host == "" || u.Opaque != "":
		return nil, errors.New("the base URL has no host")
	case u.User != nil:
		return nil, errors.New("the base URL must not hold credentials: the API key goes to NewClient")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, errors.New("the base URL must not have a query or fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

func isSpaceOrControl(r rune) bool {
	return r <= ' ' || r == 0x7f
}

func isControl(r rune) bool {
	return (r < ' ' && r != '\t') || r == 0x7f
}

// defaultHTTPClient has a timeout and its own transport, built here rather
// than cloned from http.DefaultTransport, which a test or tracing library
// may have replaced. It keeps as many idle connections as it may open
// (net/http's default of two idle ones per host would close and reopen
// connections under load), and opens at most maxConns to one host.
func defaultHTTPClient(maxConns int) *http.Client {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          max(maxConns, 100),
		MaxIdleConnsPerHost:   maxConns,
		MaxConnsPerHost:       maxConns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Timeout: DefaultTimeout, Transport: t}
}
