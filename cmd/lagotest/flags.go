package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// DefaultAPIKey is the key the server accepts when neither -api-key nor
// LAGOTEST_API_KEY gives one. It is printed at start: the fake guards
// nothing secret, the key only lets clients check they send one.
const DefaultAPIKey = "lagotest"

// settings are the command line and environment of one run.
type settings struct {
	addr            string
	apiKey          string
	keySource       string
	seedFile        string
	logFormat       string
	shutdownTimeout time.Duration
	opts            []lagotest.Option
}

// parseFlags reads the command line; flag prints the problem and the usage
// to stderr.
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (settings, error) {
	fs := flag.NewFlagSet("lagotest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		set            settings
		clock          string
		freeze         bool
		entities       string
		frontURL       string
		projected      bool
		revenueShare   bool
		taxes          []lago.Tax
		sections       []lago.InvoiceCustomSection
		allowedFormats = map[string]bool{"text": true, "json": true}
	)
	fs.StringVar(&set.addr, "addr", "127.0.0.1:3000", "`host:port` to listen on; anything beyond loopback is reachable from other machines")
	fs.StringVar(&set.apiKey, "api-key", "", "the API key clients must send as \"Authorization: Bearer KEY\" (default $LAGOTEST_API_KEY, else "+strconv.Quote(DefaultAPIKey)+")")
	fs.StringVar(&set.seedFile, "seed", "", "load records from this JSON or YAML (.yaml, .yml) `file` before serving")
	fs.StringVar(&set.logFormat, "log-format", "text", "request log format: text or json")
	fs.DurationVar(&set.shutdownTimeout, "shutdown-timeout", 10*time.Second, "on SIGINT or SIGTERM, how long requests in flight may take to finish")
	fs.StringVar(&clock, "clock", "", "start the server's clock at this RFC 3339 `time` instead of now; it then runs at real speed")
	fs.BoolVar(&freeze, "freeze-clock", false, "stop the server's clock at -clock (or at the start)")
	fs.StringVar(&entities, "billing-entities", lagotest.DefaultBillingEntityCode, "comma-separated `codes` of the organization's billing entities; the first is the default")
	fs.StringVar(&frontURL, "front-url", lagotest.DefaultFrontURL, "root `URL` of the customer portal links")
	fs.BoolVar(&projected, "projected-usage", true, "enable the projected usage feature (off: 403 projected_usage_not_enabled)")
	fs.BoolVar(&revenueShare, "revenue-share", true, "enable revenue sharing (off: account_type is ignored)")
	fs.Func("tax", "define a tax customers' tax_codes may name, as `code:rate[:name]`, e.g. vat_fr:20 (repeatable)", func(v string) error {
		t, err := parseTax(v)
		taxes = append(taxes, t)
		return err
	})
	fs.Func("invoice-section", "define an invoice custom section as `code[:name]` (repeatable)", func(v string) error {
		code, name, _ := strings.Cut(v, ":")
		if name == "" {
			name = code
		}
		sections = append(sections, lago.InvoiceCustomSection{Code: code, Name: name})
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return settings{}, err
	}
	if fs.NArg() > 0 {
		return settings{}, fail(fs, "unexpected arguments: %q", fs.Args())
	}
	if !allowedFormats[set.logFormat] {
		return settings{}, fail(fs, "-log-format %q: want text or json", set.logFormat)
	}
	set.keySource = "-api-key"
	if set.apiKey == "" {
		set.apiKey, set.keySource = getenv("LAGOTEST_API_KEY"), "LAGOTEST_API_KEY"
	}
	if set.apiKey == "" {
		set.apiKey, set.keySource = DefaultAPIKey, "default"
	}
	now, err := clockFunc(clock, freeze)
	if err != nil {
		return settings{}, fail(fs, "-clock %q: %v", clock, err)
	}
	set.opts = []lagotest.Option{
		lagotest.WithAPIKey(set.apiKey),
		lagotest.WithClock(now),
		lagotest.WithBillingEntities(strings.Split(entities, ",")...),
		lagotest.WithFrontURL(frontURL),
		lagotest.WithProjectedUsage(projected),
		lagotest.WithRevenueShare(revenueShare),
		lagotest.WithTaxes(taxes...),
		lagotest.WithInvoiceCustomSections(sections...),
	}
	return set, nil
}

// fail reports a bad flag the way package flag does: the problem, then
// the usage.
func fail(fs *flag.FlagSet, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	_, _ = fmt.Fprintln(fs.Output(), err)
	fs.Usage()
	return err
}

func parseTax(v string) (lago.Tax, error) {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) < 2 || parts[0] == "" {
		return lago.Tax{}, errors.New("want code:rate[:name], e.g. vat_fr:20")
	}
	rate, err := strconv.ParseFloat(parts[1], 64)
	if err != nil || rate < 0 {
		return lago.Tax{}, fmt.Errorf("rate %q is not a non-negative number", parts[1])
	}
	t := lago.Tax{Code: parts[0], Name: parts[0], Rate: rate}
	if len(parts) == 3 && parts[2] != "" {
		t.Name = parts[2]
	}
	return t, nil
}

// clockFunc is the server's clock: now, or from start at real speed, or
// stopped.
func clockFunc(start string, freeze bool) (func() time.Time, error) {
	if start == "" && !freeze {
		return time.Now, nil
	}
	origin, begun := time.Now(), time.Now()
	if start != "" {
		t, err := time.Parse(time.RFC3339, start)
		if err != nil {
			return nil, errors.New("want an RFC 3339 time such as 2025-01-31T12:00:00Z")
		}
		origin = t
	}
	if freeze {
		return func() time.Time { return origin }, nil
	}
	return func() time.Time { return origin.Add(time.Since(begun)) }, nil
}
