package lagotest

import (
	"context"
	"net/http"
	"strings"

	"github.com/lagoclient/lago-go/internal/specval"
)

// NewHandler returns a server that does not listen: it is an http.Handler
// to mount on a server of your own, as cmd/lagotest does to serve the fake
// on a fixed address. Requests must arrive under the base path
// (DefaultBasePath unless WithBasePath says otherwise). URL is empty, so
// Client cannot be used; point a client at your own listener instead.
// Close ends injected latencies but leaves the serving to its owner.
//
// Unlike NewServer it reports an invalid option as an error, since a
// command builds its options from user input.
func NewHandler(opts ...Option) (*Server, error) {
	return newServer(opts)
}

// ServeHTTP answers one request as the server started by NewServer does.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.serveHTTP(w, r)
}

// newServer builds a server from its options, without listening.
func newServer(opts []Option) (*Server, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.apiKey == "" {
		cfg.apiKey = randomUUID()
	}
	cfg.basePath = strings.TrimSuffix(cfg.basePath, "/")
	validator, err := specval.New(context.Background(), cfg.basePath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		APIKey:    cfg.apiKey,
		cfg:       cfg,
		validator: validator,
		done:      make(chan struct{}),
	}
	s.requests.max = cfg.requestLog
	s.store = newStore(&s.cfg, s.now())
	return s, nil
}
