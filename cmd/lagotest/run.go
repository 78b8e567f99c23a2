package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/lagoclient/lago-go/lagotest"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// run is the whole program, with its inputs and outputs passed in. It
// serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	set, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	log := newLogger(set.logFormat, stderr)

	seed, err := readSeedFile(set.seedFile)
	if err != nil {
		log.Error("bad seed file", "err", err)
		return exitFailure
	}
	stopping, stop := context.WithCancel(context.Background())
	defer stop()
	f := &fake{opts: set.opts, seed: seed, stopping: stopping}
	srv, err := f.fresh()
	if err != nil {
		var se *lagotest.SeedError
		if errors.As(err, &se) {
			log.Error("bad seed file", "file", set.seedFile, "err", err)
			return exitFailure
		}
		log.Error("bad flags", "err", err)
		return exitUsage
	}

	ln, err := net.Listen("tcp", set.addr)
	if err != nil {
		log.Error("cannot listen", "addr", set.addr, "err", err)
		return exitFailure
	}
	warnIfExposed(log, ln.Addr())
	base := "http://" + ln.Addr().String()
	f.apiURL = base + lagotest.DefaultBasePath
	srv.URL = f.apiURL
	f.current.Store(srv)
	key := set.apiKey
	if set.keySource != "default" {
		key = "(from " + set.keySource + ")"
	}
	log.Info("lagotest serving",
		"api_url", base+lagotest.DefaultBasePath, "api_key", key,
		"control", base+controlPrefix, "health", base+"/health")

	hs := &http.Server{
		Handler:           logRequests(log, f.routes(set.apiKey)),
		ReadHeaderTimeout: 10 * time.Second,
	}
	hs.RegisterOnShutdown(stop)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		log.Error("serving stopped", "err", err)
		return exitFailure
	case <-ctx.Done():
	}
	log.Info("shutting down: letting requests in flight finish", "timeout", set.shutdownTimeout)
	shutdown, cancel := context.WithTimeout(context.Background(), set.shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		log.Error("shutdown cut requests short", "err", err)
		return exitFailure
	}
	f.current.Load().Close()
	log.Info("stopped")
	return exitOK
}

// fake holds the lagotest server that answers, which reset replaces by a
// fresh one seeded from the file.
type fake struct {
	opts []lagotest.Option
	seed lagotest.Seed
	// apiURL is the API root on the address served, which Lago puts in
	// its JWT signatures as iss.
	apiURL  string
	current atomic.Pointer[lagotest.Server]
	// stopping ends when a graceful shutdown begins, cutting webhook
	// flushes short.
	stopping context.Context
}

// fresh builds a server in the state the command started in.
func (f *fake) fresh() (*lagotest.Server, error) {
	srv, err := lagotest.NewHandler(f.opts...)
	if err != nil {
		return nil, fmt.Errorf("lagotest options: %w", err)
	}
	srv.URL = f.apiURL
	if err := srv.Seed(f.seed); err != nil {
		return nil, err
	}
	return srv, nil
}

// routes puts the health check, the control API and Lago's API side by
// side.
func (f *fake) routes(apiKey string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.Handle(controlPrefix+"/", f.control(apiKey))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.current.Load().ServeHTTP(w, r)
	})
	return mux
}

// warnIfExposed says loudly when the fake is reachable beyond this
// machine: it accepts a published key and holds whatever is sent to it.
func warnIfExposed(log *slog.Logger, addr net.Addr) {
	tcp, ok := addr.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() {
		return
	}
	log.Warn("LISTENING BEYOND LOOPBACK: any machine that can reach " + addr.String() +
		" can use this fake Lago and read what it holds; use -addr 127.0.0.1:PORT unless you mean it")
}
