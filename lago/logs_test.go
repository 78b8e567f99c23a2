package lago_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// The values the scrubbing tests send: a key long enough for its 8-character
// runs to count, a customer id that is an email, a wallet code with a dot,
// and a search term with spaces.
const (
	scrubKey        = "lago_scrub_test_key_0123456789abcdef"
	scrubCustomerID = "jane.doe@example.com"
	scrubWalletCode = "prime.credits-eu"
	scrubSearch     = "Jane Doe Holdings"
)

// forbidden lists every form of the values above a text may not hold: raw,
// and escaped as a path segment or a query value would be.
func forbidden() []string {
	var out []string
	for _, v := range []string{scrubCustomerID, scrubWalletCode, scrubSearch} {
		path := url.PathEscape(v)
		out = append(out, v, path, strings.ReplaceAll(path, ".", "%2E"), url.QueryEscape(v), strings.ReplaceAll(url.QueryEscape(v), "+", "%20"))
	}
	for i := 0; i+8 <= len(scrubKey); i++ {
		out = append(out, scrubKey[i:i+8])
	}
	return out
}

func assertScrubbed(t *testing.T, what, text string) {
	t.Helper()
	for _, v := range forbidden() {
		if strings.Contains(text, v) {
			t.Errorf("%s holds %q: %s", what, v, text)
			return
		}
	}
}

// records is a slog.Handler that keeps every record, at every level.
type records struct {
	mu  sync.Mutex
	all []slog.Record
}

func (h *records) Enabled(context.Context, slog.Level) bool { return true }

func (h *records) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.all = append(h.all, r.Clone())
	return nil
}

func (h *records) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *records) WithGroup(string) slog.Handler      { return h }

// texts renders each record, message and every attribute (groups and
// values of any kind included), as one line.
func (h *records) texts() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, r := range h.all {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
		var walk func(prefix string, a slog.Attr)
		walk = func(prefix string, a slog.Attr) {
			v := a.Value.Resolve()
			if v.Kind() == slog.KindGroup {
				for _, sub := range v.Group() {
					walk(prefix+a.Key+".", sub)
				}
				return
			}
			fmt.Fprintf(&b, " %s%s=%v", prefix, a.Key, v.Any())
		}
		r.Attrs(func(a slog.Attr) bool {
			walk("", a)
			return true
		})
		out = append(out, b.String())
	}
	return out
}

// rawServer answers every connection with what answer writes for its
// request line, then hangs up: net/http's server would refuse to send
// most of what these tests need.
func rawServer(t *testing.T, answer func(requestLine string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				// The fake server's side: a failed close changes nothing the
				// test looks at.
				defer func() { _ = conn.Close() }()
				line, err := bufio.NewReader(conn).ReadString('\n')
				if err != nil {
					return
				}
				_, _ = conn.Write([]byte(answer(strings.TrimRight(line, "\r\n"))))
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	return "http://" + ln.Addr().String()
}

// requestTarget is the path and query of an HTTP/1.1 request line.
func requestTarget(line string) string {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return ""
	}
	return fields[1]
}

// scrubCalls carry the customer id and wallet code in their path, or the
// search term in their query.
var scrubCalls = []struct {
	name string
	call func(ctx context.Context, c *lago.Client) error
}{
	{"GetWallet", func(ctx context.Context, c *lago.Client) error {
		_, err := c.GetWallet(ctx, scrubCustomerID, scrubWalletCode)
		return err
	}},
	{"CreateWalletAlert", func(ctx context.Context, c *lago.Client) error {
		_, err := c.CreateWalletAlert(ctx, scrubCustomerID, scrubWalletCode, lago.WalletAlertInput{
			AlertType: lago.WalletAlertTypeWalletCreditsBalance, Code: "low", Thresholds: []lago.WalletAlertThresholdInput{{Value: "10"}},
		})
		return err
	}},
	{"ListCustomers", func(ctx context.Context, c *lago.Client) error {
		_, err := c.ListCustomers(ctx, &lago.ListCustomersOptions{SearchTerm: scrubSearch})
		return err
	}},
}

// Log records are scrubbed as errors are: a transport error that quotes
// the request's path and query is logged without the ids, the query values
// or the key, at every level and in every attribute.
func TestLogsHoldNoIDQueryOrKey(t *testing.T) {
	badLocation := func(status int) func(t *testing.T) string {
		return func(t *testing.T) string {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				// "%zz" makes the Location unparsable, and net/http's
				// error quotes it, path and query included.
				w.Header().Set("Location", r.URL.EscapedPath()+"/%zz?"+r.URL.RawQuery+"&auth="+url.QueryEscape(r.Header.Get("Authorization")))
				w.WriteHeader(status)
			}))
			t.Cleanup(srv.Close)
			return srv.URL
		}
	}
	tests := []struct {
		name      string
		server    func(t *testing.T) string
		wantError string // what net/http says, scrubbed
	}{
		{"307 with an unparsable Location", badLocation(http.StatusTemporaryRedirect), "failed to parse Location header"},
		{"308 with an unparsable Location", badLocation(http.StatusPermanentRedirect), "failed to parse Location header"},
		{"malformed status line", func(t *testing.T) string {
			return rawServer(t, func(line string) string {
				return "HTTP/1.1_" + requestTarget(line) + "\r\n\r\n"
			})
		}, "malformed HTTP response"},
	}
	for _, tt := range tests {
		for _, sc := range scrubCalls {
			t.Run(tt.name+"/"+sc.name, func(t *testing.T) {
				logs := &records{}
				c, err := lago.NewClient(scrubKey, lago.WithBaseURL(tt.server(t)+"/api/v1"), lago.WithLogger(slog.New(logs)), lago.WithRetry(lago.NoRetry))
				require.NoError(t, err)

				err = sc.call(t.Context(), c)
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantError)
				assert.Contains(t, err.Error(), "[REDACTED]", "the error quoted the request")
				assertScrubbed(t, "error", err.Error())

				lines := logs.texts()
				require.Len(t, lines, 1)
				assert.Contains(t, lines[0], tt.wantError)
				assert.Contains(t, lines[0], "[REDACTED]", "the record quoted the request")
				for _, line := range lines {
					assertScrubbed(t, "log record", line)
				}
			})
		}
	}
}

func TestLoggerRedactsTransportErrors(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// A base URL path that contains the key would be a user's mistake; the
	// log must still not repeat it.
	c, err := lago.NewClient(apiKey, lago.WithBaseURL("http://127.0.0.1:1/"+apiKey), lago.WithLogger(logger), lago.WithRetry(lago.NoRetry))
	require.NoError(t, err)
	_, err = c.GetCustomer(t.Context(), "acme")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), apiKey)
	assert.NotContains(t, err.Error(), "acme")
	assert.Contains(t, err.Error(), "connect: connection refused")
	scanner := bufio.NewScanner(&logs)
	require.True(t, scanner.Scan())
	line := scanner.Text()
	assert.Contains(t, line, "level=WARN")
	assert.Contains(t, line, "error=")
	assert.NotContains(t, line, apiKey)
}

// Each outcome is logged at the level its doc gives.
func TestLogLevels(t *testing.T) {
	tests := []struct {
		name   string
		status int // 0: the connection is refused
		level  string
	}{
		{"success", http.StatusOK, "DEBUG"},
		{"not found", http.StatusNotFound, "INFO"},
		{"validation", http.StatusUnprocessableEntity, "INFO"},
		{"unauthorized", http.StatusUnauthorized, "INFO"},
		{"rate limited", http.StatusTooManyRequests, "WARN"},
		{"server error", http.StatusInternalServerError, "WARN"},
		{"redirect", http.StatusMovedPermanently, "WARN"},
		{"no answer", 0, "WARN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := "http://127.0.0.1:1"
			if tt.status != 0 {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if tt.status == http.StatusOK {
						customerAnswer(t)(w, r)
						return
					}
					w.Header().Set("Location", "https://elsewhere.example/")
					w.WriteHeader(tt.status)
				}))
				defer srv.Close()
				base = srv.URL
			}
			logger, logs := debugLogger()
			c, err := lago.NewClient(apiKey, lago.WithBaseURL(base), lago.WithLogger(logger), lago.WithRetry(lago.NoRetry))
			require.NoError(t, err)
			_, _ = c.GetCustomer(context.Background(), "acme")
			assert.Contains(t, logs.String(), "level="+tt.level+" msg=\"lago request\"")
			assert.Equal(t, 1, strings.Count(logs.String(), "\n"))
		})
	}
}
