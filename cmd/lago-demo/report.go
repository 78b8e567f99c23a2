package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lagoclient/lago-go/lago"
)

// report numbers and prints the steps of a run and remembers failures.
type report struct {
	out      io.Writer
	steps    int
	failed   []string
	skipped  int
	exercise map[string]bool // methods called, to tell whether all were
}

// step runs one call and prints a line about it: the method, the endpoint
// and what came back, or the error.
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
	fmt.Fprintf(r.out, "%2d. %s %-20s %-58s %s\n", r.steps, status, method, endpoint, result)
}

// expectError runs a call that must fail with want (called wantName in the
// output), such as a lookup of a deleted customer, and counts it as a
// success when it does.
func (r *report) expectError(method, endpoint string, want error, wantName string, call func() error) {
	r.step(method, endpoint, func() (string, error) {
		err := call()
		var lerr *lago.Error
		switch {
		case err == nil:
			return "", fmt.Errorf("succeeded, want an error matching %s", wantName)
		case !errors.Is(err, want):
			return "", err
		case errors.As(err, &lerr):
			return fmt.Sprintf("error as expected: %d %s, errors.Is(err, %s)", lerr.StatusCode, reason(lerr), wantName), nil
		}
		return "error as expected: " + err.Error(), nil
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
	fmt.Fprintf(r.out, "    skip %-20s %s\n", method, why)
}

func (r *report) note(format string, args ...any) {
	fmt.Fprintf(r.out, format+"\n", args...)
}

// allMethods are the client methods for the customer operations, one per
// operation.
var allMethods = append([]string{
	"CreateCustomer", "ListCustomers", "GetCustomer", "DeleteCustomer", "ListAppliedCoupons",
	"DeleteAppliedCoupon", "GenerateCheckoutURL", "GetCurrentUsage", "ListPastUsage",
	"GetProjectedUsage", "GetPortalURL",
}, documentMethods...)

// summary prints the outcome and returns the exit status.
func (r *report) summary() int {
	var missing []string
	for _, m := range allMethods {
		if !r.exercise[m] {
			missing = append(missing, m)
		}
	}
	fmt.Fprintln(r.out)
	if len(r.failed) > 0 {
		fmt.Fprintf(r.out, "%d of %d steps failed: %s\n", len(r.failed), r.steps, strings.Join(r.failed, ", "))
		return 1
	}
	if len(missing) == 0 {
		fmt.Fprintf(r.out, "All %d steps passed; all %d customer operations were called.\n", r.steps, len(allMethods))
	} else {
		fmt.Fprintf(r.out, "All %d steps passed (%d skipped); not called: %s.\n", r.steps, r.skipped, strings.Join(missing, ", "))
	}
	return 0
}
