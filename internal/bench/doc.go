// Package bench measures the cost of package lago against a hand-written
// baseline that makes the same calls with plain net/http and encoding/json.
//
// Everything lives in the test files: each Benchmark<Operation> starts one
// loopback httptest server and runs two sub-benchmarks against it,
// <Operation>/lago (the client users call, with its default http.Client)
// and <Operation>/baseline (hand-written, with a tuned http.Client), so the
// pair sorts together and shares the server, the payload bytes and the run.
//
//	go test -run '^$' -bench . -benchmem ./internal/bench/
//
// `make bench` (go run ./internal/benchtable) runs them several times and
// prints the medians side by side with their ratios. No benchmark reaches
// beyond the loopback interface.
package bench
