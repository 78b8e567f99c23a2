// Command lagotest serves lagotest's in-memory Lago over HTTP, so that a
// test suite in any language, curl, or a service under docker compose has
// a Lago to talk to without Postgres, Redis or a worker:
//
//	go run github.com/lagoclient/lago-go/cmd/lagotest@latest
//
// Lago's customer operations answer under /api/v1, as a self-hosted Lago's
// do, so a client configured for http://127.0.0.1:3000 works unchanged.
// GET /health answers 200 once the server serves. A control API under
// /_lagotest (openapi/lagotest-control.yaml) does over HTTP what
// lagotest's Go helpers do: seed records, inject faults and latency,
// settle wallet top-ups, send webhooks to endpoints it registers, show
// the recorded requests, reset.
//
// Usage:
//
//	lagotest [-addr 127.0.0.1:3000] [-api-key KEY] [-seed FILE] [flags]
//
// The key comes from -api-key, else LAGOTEST_API_KEY, else the fixed
// default printed at start. SIGINT or SIGTERM shuts the server down,
// letting the requests in flight finish, with exit status 0. It exits
// with status 2 for bad flags and 1 for a bad seed file or an address it
// cannot listen on.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(code)
}
