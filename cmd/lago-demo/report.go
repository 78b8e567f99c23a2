package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lagoclient/lago-go/lago"
)

// report numbers and prints the steps of a run and remembers failures.
type report struct {
	out      io.Writer
	werr     error // the first error writing to out
	steps    int
	failed   []string
	skipped  int
	exercise map[string]bool // methods called, to tell whether all were
}

// printf writes to out. After a write fails it writes nothing more and
// keeps the error for run to report: the steps still run, so that a
// broken output does not leave a throw-away customer behind.
func (r *report) printf(format string, args ...any) {
	if r.werr != nil {
		return
	}
	_, r.werr = fmt.Fprintf(r.out, format, args...)
}

// step runs one call and prints two lines about it: the method and the
// endpoint, then, indented under the method, what came back or the error.
// Endpoints differ too much in length to share a column with the result.
func (r *report) step(method, endpoint string, call func() (string, error)) {
	r.steps++
	if r.exercise == nil {
		r.exercise = map[string]bool{}
	}
	r.exercise[method] = true
	result, err := call()
	status := "ok  "
	if err != nil {
		status = "FAIL"
		result = err.Error()
		r.failed = append(r.failed, method)
	}
	r.printf("%2d. %s %-*s %s\n%s%s\n", r.steps, status, methodWidth, method, endpoint, resultIndent, result)
}

// resultIndent puts a step's result under its method name.
const resultIndent = "         "

// expectError runs a call that must fail with want (called wantName in the
// output), such as a lookup of a deleted customer, and counts it as a
// success when it does; why says, for the reader, why it must fail.
func (r *report) expectError(method, endpoint string, want error, wantName, why string, call func() error) {
	r.step(method, endpoint, func() (string, error) {
		err := call()
		var lerr *lago.Error
		switch {
		case err == nil:
			return "", fmt.Errorf("succeeded, want an error matching %s", wantName)
		case !errors.Is(err, want):
			return "", err
		case errors.As(err, &lerr):
			return fmt.Sprintf("refused as expected (%s): %d %s, errors.Is(err, %s)", why, lerr.StatusCode, reason(lerr), wantName), nil
		}
		return fmt.Sprintf("refused as expected (%s): %v", why, err), nil
	})
}

func reason(e *lago.Error) string {
	if e.Code != "" {
		return e.Code
	}
	return e.Message
}

// skip notes a step that cannot run, without failing the run.
func (r *report) skip(method, why string) {
	r.skipped++
	r.printf("    skip %-*s %s\n", methodWidth, method, why)
}

func (r *report) note(format string, args ...any) {
	r.printf(format+"\n", args...)
}

// allMethods are the client methods for the customer operations, one per
// operation.
var allMethods = slices.Concat([]string{
	"CreateCustomer", "ListCustomers", "GetCustomer", "DeleteCustomer", "ListAppliedCoupons",
	"DeleteAppliedCoupon", "GenerateCheckoutURL", "GetCurrentUsage", "ListPastUsage",
	"GetProjectedUsage", "GetPortalURL",
}, documentMethods, walletMethods)

// methodWidth is the width of the method column: the longest method name
// a step shows.
const methodWidth = len("UpdateWalletKeepingRestrictions")

// summary prints the outcome and returns the exit status.
func (r *report) summary() int {
	var missing []string
	for _, m := range allMethods {
		if !r.exercise[m] {
			missing = append(missing, m)
		}
	}
	r.printf("\n")
	if len(r.failed) > 0 {
		r.printf("%d of %s failed: %s\n", len(r.failed), plural(r.steps, "step", "steps"), strings.Join(r.failed, ", "))
		return 1
	}
	if len(missing) == 0 {
		r.printf("All %d steps passed; all %d customer operations were called.\n", r.steps, len(allMethods))
	} else {
		r.printf("All %d steps passed (%d skipped); not called: %s.\n", r.steps, r.skipped, strings.Join(missing, ", "))
	}
	return 0
}

// codeNote points the reader at the file whose calls a run makes: the demo
// is example code as much as a program.
func (r *report) codeNote(file string) {
	r.note("Example code: %s makes each call below, in this order, with package lago.", file)
}
