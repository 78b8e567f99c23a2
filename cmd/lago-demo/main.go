// Command lago-demo drives every customer operation of the Lago API
// through package lago and prints what each call sent and got back.
//
// Without LAGO_API_KEY it starts an in-memory Lago (package lagotest) in
// the process, so it needs no account and no network:
//
//	go run ./cmd/lago-demo
//
// With LAGO_API_KEY it calls that organization instead, at LAGO_API_URL
// (default: Lago Cloud US). It then only reads, unless -write is given, in
// which case it creates a throw-away customer and deletes it again:
//
//	LAGO_API_KEY=... go run ./cmd/lago-demo -customer acme -subscription sub_1
//	LAGO_API_KEY=... go run ./cmd/lago-demo -write
//
// It exits with status 1 if any step fails.
//
// It is also example code, meant to be read: embedded.go makes each call
// the way an application would, in the order the output numbers them, and
// sets up with package lagotest what the API cannot create; remote.go makes
// the read-only calls against a real organization.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the command line and environment of one run.
type options struct {
	apiKey       string
	apiURL       string
	write        bool
	customer     string
	subscription string
	timeout      time.Duration
}

// run is the whole program, with its inputs and outputs passed in so that
// tests can run it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lago-demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := options{apiKey: getenv("LAGO_API_KEY"), apiURL: getenv("LAGO_API_URL")}
	fs.BoolVar(&opts.write, "write", false, "with LAGO_API_KEY: also create and delete a throw-away customer")
	fs.StringVar(&opts.customer, "customer", "", "with LAGO_API_KEY: external id of the customer to read (default: the newest)")
	fs.StringVar(&opts.subscription, "subscription", "", "with LAGO_API_KEY: external id of a subscription of that customer, for the usage calls")
	fs.DurationVar(&opts.timeout, "timeout", 2*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, opts.timeout)
	defer cancel()

	r := &report{out: stdout}
	var err error
	if opts.apiKey == "" {
		err = runEmbedded(ctx, r)
	} else {
		err = runRemote(ctx, r, opts)
	}
	if err != nil {
		failed(stderr, err)
		return 1
	}
	code := r.summary()
	if r.werr != nil {
		failed(stderr, fmt.Errorf("writing the report: %w", r.werr))
		return 1
	}
	return code
}

// failed reports why the run failed on stderr. An error writing that is
// dropped: stderr is the last place to report to, and the exit status
// says the run failed either way.
func failed(stderr io.Writer, err error) {
	_, _ = fmt.Fprintf(stderr, "lago-demo: %v\n", err)
}
