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
	gen       *gen.ClientWithResponses
	key       *secret
	userAgent []string // the User-Agent header's value
	// basePath is the escaped path of the API root, without a trailing
	// slash, e.g. "/api/v1".
	basePath string
	baseURL  string
	maxBody  int64
	doer     *transport
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
}

// DefaultMaxResponseBytes caps a successful answer's body unless
// WithMaxResponseBytes says otherwise: far above any real Lago answer, far
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
// http.Client with DefaultTimeout and a connection pool sized for concurrent
// callers.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithUserAgent names your application in the User-Agent header. The value,
// for example "billing-service/1.4", goes before lago-go's own product token,
// which is always sent.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		ua = strings.TrimSpace(ua)
		if ua == "" || strings.ContainsAny(ua, "\r\n") {
			return fmt.Errorf("WithUserAgent: %q is not a usable User-Agent", ua)
		}
		c.userAgent = ua
		return nil
	}
}

// WithLogger logs every HTTP attempt to l: the operation, method, path
// template, status, duration and attempt number, at debug level for
// successes and warn level for failures. Request headers appear at debug
// level with Authorization redacted. Without it nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("WithLogger: nil *slog.Logger")
		}
		c.logger = l
		return nil
	}
}

// WithMaxResponseBytes caps the body of a successful answer; a larger one
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
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if apiKey == "" {
		return nil, fmt.Errorf("lago: NewClient: %w: the API key is empty", ErrInvalidArgument)
	}
	if strings.ContainsFunc(apiKey, isSpaceOrControl) {
		return nil, fmt.Errorf("lago: NewClient: %w: the API key contains spaces or control characters", ErrInvalidArgument)
	}
	cfg := config{baseURL: BaseURLUS, retry: DefaultRetryPolicy(), maxBody: DefaultMaxResponseBytes}
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("lago: NewClient: %w: %w", ErrInvalidArgument, err)
		}
	}
	root, err := parseBaseURL(cfg.baseURL)
	if err != nil {
		return nil, fmt.Errorf("lago: NewClient: %w: %w", ErrInvalidArgument, err)
	}
	hc, gate := cfg.httpClient, (*dialGate)(nil)
	if hc == nil {
		hc, gate = defaultHTTPClient()
	}

	key := newSecret(apiKey)
	c := &Client{
		key:       key,
		userAgent: []string{userAgent(cfg.userAgent)},
		basePath:  root.EscapedPath(),
		baseURL:   root.String(),
		maxBody:   cfg.maxBody,
		doer:      newTransport(hc, cfg.retry, cfg.logger, key),
	}
	c.doer.gate = gate
	c.gen, err = gen.NewClientWithResponses(root.String()+"/",
		gen.WithHTTPClient(c.doer),
		gen.WithRequestEditorFn(c.authorize),
	)
	if err != nil {
		return nil, fmt.Errorf("lago: NewClient: %w", err)
	}
	return c, nil
}

// Generated returns the generated client that c wraps, configured with the
// same base URL, API key, User-Agent, retries, logging and http.Client. It is the
// escape hatch for what package lago does not cover; responses from it are
// not turned into *Error, its path parameters are escaped as single
// segments but not checked ("", "." and ".." go out as given), and the
// default transport's bound on connections does not count its requests.
func (c *Client) Generated() *gen.ClientWithResponses {
	return c.gen
}

// authorize is the request editor that adds the headers every call carries.
// The value slices are built once and shared by every request: net/http
// never writes to a request's header values, and Header.Set or Add on a
// request replaces a slice of length and capacity one rather than writing
// into it.
func (c *Client) authorize(_ context.Context, req *http.Request) error {
	req.Header["Authorization"] = c.key.header
	req.Header["User-Agent"] = c.userAgent
	req.Header["Accept"] = acceptJSON
	return nil
}

var acceptJSON = []string{"application/json"}

// CloseIdleConnections closes the connections the Client keeps open for
// reuse, as http.Client.CloseIdleConnections does. The Client stays usable.
func (c *Client) CloseIdleConnections() {
	c.doer.client.CloseIdleConnections()
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

// parseBaseURL checks an API root and returns it without a trailing slash.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", raw, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("base URL %q: scheme must be http or https", raw)
	case u.Host == "" || u.Opaque != "":
		return nil, fmt.Errorf("base URL %q: no host", raw)
	case u.User != nil:
		return nil, fmt.Errorf("base URL %q: credentials belong in the API key, not the URL", u.Redacted())
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("base URL %q: must not have a query or fragment", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

func isSpaceOrControl(r rune) bool {
	return r <= ' ' || r == 0x7f
}

// defaultHTTPClient has a timeout, keeps as many idle connections per host
// as a busy service has concurrent calls (net/http's default of two would
// close and reopen connections under load), and dials through a dialGate
// so that a burst of callers opens no more connections than there are
// callers.
func defaultHTTPClient() (*http.Client, *dialGate) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 256
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	gate := newDialGate(dialer.DialContext)
	t.DialContext = gate.DialContext
	return &http.Client{Timeout: DefaultTimeout, Transport: t}, gate
}
