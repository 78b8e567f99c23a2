// Package lago is a client for the customer endpoints of the Lago billing
// API (https://getlago.com).
//
// Create one Client per API key and share it:
//
//	client, err := lago.NewClient(os.Getenv("LAGO_API_KEY"), lago.WithBaseURL(lago.BaseURLEU))
//
// Every method takes a context, returns typed results, and reports a Lago
// error answer as an *Error that errors.Is matches against ErrNotFound,
// ErrValidation, ErrRateLimited and the other sentinels.
//
// Customers are created and updated with one call, CreateCustomer, which
// Lago treats as an upsert keyed on the external id. Optional fields of
// CustomerInput are Nullable: left absent they keep their stored value,
// Null clears them, and Value sets them.
//
// Package lagotest provides an in-memory Lago to test code that uses this
// package.
package lago
