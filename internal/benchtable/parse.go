package main

import (
	"bufio"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// result is one result line of `go test -bench`: one count of one benchmark.
type result struct {
	// name is the full benchmark name without the -GOMAXPROCS suffix,
	// e.g. "BenchmarkGetCustomer/lago".
	name string
	// procs is the GOMAXPROCS suffix, 0 when the line had none (which is
	// how go test prints GOMAXPROCS=1).
	procs int
	iters int64
	// metrics maps a unit ("ns/op", "allocs/op", "conns") to its value.
	metrics map[string]float64
}

// output is everything benchtable reads from one `go test -bench` run.
type output struct {
	// config holds the "key: value" header lines: goos, goarch, pkg, cpu.
	config map[string]string
	runs   []result
}

var procsSuffix = regexp.MustCompile(`-(\d+)$`)

// parse reads `go test -bench` output. It keeps result lines and the
// "key: value" configuration lines, and skips the rest (PASS, ok, logs).
// A result line is a name, an iteration count, then value/unit pairs. When
// a benchmark logs, go test may print its name on a line of its own and
// the figures on a later one; parse joins the two.
func parse(r io.Reader) (*output, error) {
	out := &output{config: map[string]string{}}
	var pending string // a benchmark name still waiting for its figures
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if strings.HasPrefix(fields[0], "Benchmark") {
			if len(fields) == 1 {
				pending = fields[0]
				continue
			}
			if r, ok := parseResult(fields[0], fields[1:]); ok {
				out.runs = append(out.runs, r)
				pending = ""
			}
			continue
		}
		if pending != "" {
			if r, ok := parseResult(pending, fields); ok {
				out.runs = append(out.runs, r)
				pending = ""
				continue
			}
		}
		if key, value, ok := strings.Cut(line, ": "); ok && isConfigKey(key) {
			out.config[key] = strings.TrimSpace(value)
		}
	}
	return out, sc.Err()
}

// isConfigKey reports whether key can start a configuration line: a
// lower-case word such as goos or cpu, not indented log output.
func isConfigKey(key string) bool {
	if key == "" || strings.ContainsAny(key, " \t") {
		return false
	}
	for _, c := range key {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// parseResult reads the fields after a benchmark's name: an iteration
// count, then value/unit pairs. It refuses anything else.
func parseResult(name string, fields []string) (result, bool) {
	if len(fields) < 3 || len(fields)%2 != 1 {
		return result{}, false
	}
	iters, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || iters <= 0 {
		return result{}, false
	}
	r := result{name: name, iters: iters, metrics: map[string]float64{}}
	if m := procsSuffix.FindStringSubmatch(name); m != nil {
		r.procs, _ = strconv.Atoi(m[1])
		r.name = strings.TrimSuffix(name, m[0])
	}
	for i := 1; i < len(fields); i += 2 {
		v, err := strconv.ParseFloat(fields[i], 64)
		if err != nil {
			return result{}, false
		}
		r.metrics[fields[i+1]] = v
	}
	return r, true
}

// summary is the median of every metric of one benchmark over its counts.
type summary struct {
	name   string
	counts int
	median map[string]float64
	max    map[string]float64
	// values holds each unit's values in the order of the runs, so the
	// k-th value is from the k-th round.
	values  map[string][]float64
	spread  map[string]float64 // largest distance from the median, relative to it
	ordinal int                // position of its first run in the output
}

// summarize groups runs by name, in the order they first appear.
func summarize(runs []result) []*summary {
	byName := map[string]*summary{}
	values := map[string]map[string][]float64{}
	var order []*summary
	for _, r := range runs {
		s := byName[r.name]
		if s == nil {
			s = &summary{name: r.name, ordinal: len(order)}
			byName[r.name] = s
			values[r.name] = map[string][]float64{}
			order = append(order, s)
		}
		s.counts++
		for unit, v := range r.metrics {
			values[r.name][unit] = append(values[r.name][unit], v)
		}
	}
	for _, s := range order {
		s.values = values[s.name]
		s.median = map[string]float64{}
		s.max = map[string]float64{}
		s.spread = map[string]float64{}
		for unit, vs := range values[s.name] {
			m := median(vs)
			s.median[unit] = m
			s.max[unit] = slices.Max(vs)
			if m != 0 {
				var d float64
				for _, v := range vs {
					d = max(d, abs(v-m)/abs(m))
				}
				s.spread[unit] = d
			}
		}
	}
	return order
}

func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
