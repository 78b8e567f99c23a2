// Command benchtable runs the benchmarks of package bench and prints, as
// Markdown, each operation's median time, allocations and bytes for
// package lago and for the hand-written baseline, with their ratios, then
// the benchmarks' own metrics (connections, heap peaks) and issue #6's
// targets, met or missed. `make bench` runs it.
//
// usage: go run ./internal/benchtable [-count N] [-benchtime D] [-bench RE] [-o FILE]
//
//	go run ./internal/benchtable -in FILE
//
// It builds the test binary of ./internal/bench/ (go test -c) and runs it N times,
// each time as `go test -run '^$' -bench RE -benchmem -count 1` would.
// Running rounds rather than go test -count N keeps each pair back to back
// in time: -count N runs all N counts of <op>/lago before the first of
// <op>/baseline, so a change in the machine's load between the two would
// show as a difference between the clients. Every other round runs the
// baseline of each pair first (-bench.baseline-first), so neither side
// always has the first or the second slot. It streams the benchmarks'
// output to stderr as it comes and prints the tables on stdout when the
// last round ends. With -in it reads a saved `go test -bench` output
// instead of running anything.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the flag package has printed the usage
		}
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

type options struct {
	count     int
	benchtime string
	bench     string
	pkg       string
	timeout   string
	in        string
	out       string
	strict    bool
	alternate bool
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.count, "count", 6, "run `N` rounds of the benchmarks; the tables show medians")
	fs.StringVar(&o.benchtime, "benchtime", "", "passed to each round as -test.benchtime (e.g. 2s or 100x); go test's default of 1s when empty")
	fs.StringVar(&o.bench, "bench", ".", "passed to each round as -test.bench: the `regexp` of benchmarks to run")
	fs.StringVar(&o.pkg, "pkg", "./internal/bench/", "the `package` whose benchmarks to run, relative to the module root")
	fs.StringVar(&o.timeout, "timeout", "30m", "passed to each round as -test.timeout")
	fs.StringVar(&o.in, "in", "", "read go test -bench output from `file` (- for stdin) instead of running the benchmarks")
	fs.StringVar(&o.out, "o", "", "also save go test's raw output to `file`, for -in or benchstat")
	fs.BoolVar(&o.strict, "strict", false, "exit with status 1 when a target is missed")
	fs.BoolVar(&o.alternate, "alternate", true, "pass -bench.baseline-first every other round, so the sides of each pair take turns running first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.count < 1 {
		return errors.New("-count must be at least 1")
	}

	loadBefore := loadAverage()
	raw, goVersion, err := benchOutput(o, stderr)
	if err != nil {
		return err
	}
	loadAfter := loadAverage()
	if o.out != "" {
		if err = os.WriteFile(o.out, raw, 0o644); err != nil {
			return err
		}
	}
	parsed, err := parse(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	if len(parsed.runs) == 0 {
		return errors.New("no benchmark results in go test's output")
	}

	ps := pairs(summarize(parsed.runs))
	// The report is put together in memory, where writes cannot fail, and
	// written out in one go: a failed write to stdout is then one error to
	// return, not one per line.
	var report bytes.Buffer
	writeHeader(&report, o, parsed, goVersion)
	if o.in == "" && loadBefore != "" && loadAfter != "" {
		// Other processes on the machine skew the figures; say how busy it
		// was.
		fmt.Fprintf(&report, "\nLoad average (1, 5, 15 min): %s before, %s after\n", loadBefore, loadAfter)
	}
	report.WriteString("\n")
	writeMainTable(&report, ps)
	report.WriteString("\n")
	writeMetricsTable(&report, ps)
	report.WriteString("\nTargets:\n\n")
	missed := writeTargets(&report, ps)
	if _, err = stdout.Write(report.Bytes()); err != nil {
		return err
	}
	if missed > 0 && o.strict {
		return fmt.Errorf("%d targets missed", missed)
	}
	return nil
}

// benchOutput returns go test's output, from -in or from running the
// benchmarks, and the version of the go command that ran them when known.
func benchOutput(o options, stderr io.Writer) (raw []byte, goVersion string, err error) {
	switch o.in {
	case "":
	case "-":
		raw, err = io.ReadAll(os.Stdin)
		return raw, "", err
	default:
		raw, err = os.ReadFile(o.in)
		return raw, "", err
	}

	goCmd, err := exec.LookPath("go")
	if err != nil {
		return nil, "", err
	}
	root, err := moduleRoot(goCmd)
	if err != nil {
		return nil, "", err
	}
	// The version is optional: without it the header just leaves it out.
	if v, versionErr := exec.Command(goCmd, "version").Output(); versionErr == nil {
		goVersion = strings.TrimSpace(string(v))
	}

	// Build the test binary once, then run it once per round.
	tmp, err := os.MkdirTemp("", "benchtable")
	if err != nil {
		return nil, "", err
	}
	// Best effort: a temporary directory left behind is harmless, and a
	// failure to remove it must not hide the benchmarks' results.
	defer func() { _ = os.RemoveAll(tmp) }()
	bin := filepath.Join(tmp, "bench.test")
	build := exec.Command(goCmd, "test", "-c", "-o", bin, o.pkg)
	build.Dir = root
	build.Stdout, build.Stderr = stderr, stderr
	if err = build.Run(); err != nil {
		return nil, "", fmt.Errorf("go test -c %s: %w", o.pkg, err)
	}
	// The benchmarks read their fixtures relative to their package's
	// directory, as under go test.
	dir, err := exec.Command(goCmd, "list", "-f", "{{.Dir}}", o.pkg).Output()
	if err != nil {
		return nil, "", fmt.Errorf("go list %s: %w", o.pkg, err)
	}

	args := []string{"-test.run", "^$", "-test.bench", o.bench, "-test.benchmem",
		"-test.count", "1", "-test.timeout", o.timeout}
	if o.benchtime != "" {
		args = append(args, "-test.benchtime", o.benchtime)
	}
	var buf bytes.Buffer
	for round := 1; round <= o.count; round++ {
		roundArgs := args
		if o.alternate && round%2 == 0 {
			roundArgs = append(slices.Clip(args), "-bench.baseline-first")
		}
		// The round's own output goes to stderr too, so a stderr that
		// cannot be written to would fail the round anyway.
		if _, err = fmt.Fprintf(stderr, "benchtable: round %d of %d: %s %s\n", round, o.count, o.pkg, strings.Join(roundArgs, " ")); err != nil {
			return nil, "", err
		}
		cmd := exec.Command(bin, roundArgs...)
		cmd.Dir = strings.TrimSpace(string(dir))
		// The output goes to stderr as it comes, so a long run shows
		// progress, and stdout keeps only the tables.
		cmd.Stdout = io.MultiWriter(&buf, stderr)
		cmd.Stderr = stderr
		if err := cmd.Run(); err != nil {
			return nil, "", fmt.Errorf("round %d: %w", round, err)
		}
	}
	return buf.Bytes(), goVersion, nil
}

// moduleRoot is the directory of the main module's go.mod, so benchtable
// finds ./internal/bench/ from wherever it is started.
func moduleRoot(goCmd string) (string, error) {
	out, err := exec.Command(goCmd, "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside a Go module")
	}
	return filepath.Dir(gomod), nil
}

// loadAverage is the first three fields of /proc/loadavg, or "" where
// there is none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// writeHeader says what ran where: the command to reproduce the figures
// and the machine they come from.
func writeHeader(w *bytes.Buffer, o options, out *output, goVersion string) {
	if o.in == "" {
		cmd := fmt.Sprintf("go run ./internal/benchtable -count %d", o.count)
		if o.benchtime != "" {
			cmd += " -benchtime " + o.benchtime
		}
		if o.bench != "." {
			cmd += " -bench '" + o.bench + "'"
		}
		fmt.Fprintf(w, "Command: `%s` (medians of %d rounds)\n\n", cmd, o.count)
	}
	var machine []string
	if goVersion != "" {
		machine = append(machine, goVersion)
	}
	for _, key := range []string{"goos", "goarch", "cpu", "pkg"} {
		if v := out.config[key]; v != "" {
			machine = append(machine, key+": "+v)
		}
	}
	// go test leaves the -N suffix off when GOMAXPROCS is 1.
	machine = append(machine, fmt.Sprintf("GOMAXPROCS: %d", max(out.runs[0].procs, 1)))
	if o.in == "" {
		machine = append(machine, fmt.Sprintf("NumCPU: %d", runtime.NumCPU()))
	}
	fmt.Fprintf(w, "Machine: %s\n", strings.Join(machine, ", "))
}
