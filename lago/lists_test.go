package lago_test

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/internal/fakelago"
	"github.com/lagoclient/lago-go/lago"
)

// The payment method the payment method calls name.
const methodID = "3d000000-0001-4a1b-8c2d-3e4f5a6b7c8d"

// documentCall is one method over a customer's billing documents,
// subscriptions or payment methods, with the request it sends for the
// customer ID and the error statuses its operation answers.
type documentCall struct {
	name     string
	want     fakelago.Want
	statuses []int
	call     func(ctx context.Context, c *lago.Client, id string) error
}

// drain runs an iterator to its end or its first error.
func drain[T any](seq iter.Seq2[*T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

var documentCalls = []documentCall{
	{"ListInvoices", fakelago.Want{Method: "GET", Path: "/customers/ID/invoices"}, []int{400, 401, 403, 404, 422, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListInvoices(ctx, id, nil)
			return err
		}},
	{"AllInvoices", fakelago.Want{Method: "GET", Path: "/customers/ID/invoices"}, []int{400, 401, 403, 404, 422, 429},
		func(ctx context.Context, c *lago.Client, id string) error { return drain(c.AllInvoices(ctx, id, nil)) }},
	{"ListCreditNotes", fakelago.Want{Method: "GET", Path: "/customers/ID/credit_notes"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListCreditNotes(ctx, id, nil)
			return err
		}},
	{"AllCreditNotes", fakelago.Want{Method: "GET", Path: "/customers/ID/credit_notes"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			return drain(c.AllCreditNotes(ctx, id, nil))
		}},
	{"ListPayments", fakelago.Want{Method: "GET", Path: "/customers/ID/payments"}, []int{400, 401, 403, 404, 422, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListPayments(ctx, id, nil)
			return err
		}},
	{"AllPayments", fakelago.Want{Method: "GET", Path: "/customers/ID/payments"}, []int{400, 401, 403, 404, 422, 429},
		func(ctx context.Context, c *lago.Client, id string) error { return drain(c.AllPayments(ctx, id, nil)) }},
	{"ListPaymentRequests", fakelago.Want{Method: "GET", Path: "/customers/ID/payment_requests"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListPaymentRequests(ctx, id, nil)
			return err
		}},
	{"AllPaymentRequests", fakelago.Want{Method: "GET", Path: "/customers/ID/payment_requests"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			return drain(c.AllPaymentRequests(ctx, id, nil))
		}},
	{"ListSubscriptions", fakelago.Want{Method: "GET", Path: "/customers/ID/subscriptions"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListSubscriptions(ctx, id, nil)
			return err
		}},
	{"AllSubscriptions", fakelago.Want{Method: "GET", Path: "/customers/ID/subscriptions"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			return drain(c.AllSubscriptions(ctx, id, nil))
		}},
	{"ListPaymentMethods", fakelago.Want{Method: "GET", Path: "/customers/ID/payment_methods"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.ListPaymentMethods(ctx, id, nil)
			return err
		}},
	{"AllPaymentMethods", fakelago.Want{Method: "GET", Path: "/customers/ID/payment_methods"}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			return drain(c.AllPaymentMethods(ctx, id, nil))
		}},
	{"SetDefaultPaymentMethod", fakelago.Want{Method: "PUT", Path: "/customers/ID/payment_methods/" + methodID + "/set_as_default"}, []int{400, 401, 403, 404, 422, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.SetDefaultPaymentMethod(ctx, id, methodID)
			return err
		}},
	{"DeletePaymentMethod", fakelago.Want{Method: "DELETE", Path: "/customers/ID/payment_methods/" + methodID}, []int{400, 401, 403, 404, 429},
		func(ctx context.Context, c *lago.Client, id string) error {
			_, err := c.DeletePaymentMethod(ctx, id, methodID)
			return err
		}},
}

// Every status each operation answers becomes an *Error matching exactly
// its sentinel and naming the operation, after exactly one request.
func TestDocumentCallsErrorStatuses(t *testing.T) {
	bodies := map[int]struct {
		body     string
		sentinel error
		code     string
	}{
		400: {`{"status":400,"error":"BadRequest: invalid params"}`, lago.ErrBadRequest, ""},
		401: {`{"status":401,"error":"Unauthorized"}`, lago.ErrUnauthorized, ""},
		403: {`{"status":403,"error":"Forbidden","code":"read_action_not_allowed_for_invoice"}`, lago.ErrForbidden, "read_action_not_allowed_for_invoice"},
		404: {`{"status":404,"error":"Not Found","code":"customer_not_found"}`, lago.ErrNotFound, "customer_not_found"},
		422: {`{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"payment_overdue":["must be boolean"]}}`, lago.ErrValidation, "validation_errors"},
		429: {`{"status":429,"error":"Too Many Requests"}`, lago.ErrRateLimited, ""},
	}
	sentinels := []error{lago.ErrBadRequest, lago.ErrUnauthorized, lago.ErrForbidden, lago.ErrNotFound,
		lago.ErrNotAllowed, lago.ErrValidation, lago.ErrRateLimited, lago.ErrServer, lago.ErrBadResponse}
	for _, c := range documentCalls {
		for _, status := range c.statuses {
			b := bodies[status]
			t.Run(c.name+"/"+http.StatusText(status), func(t *testing.T) {
				f := fakelago.New(t)
				f.Respond(fakelago.LagoError(status, b.body))
				err := c.call(t.Context(), f.Client(lago.WithRetry(lago.NoRetry)), "acme-eu-042")

				var lerr *lago.Error
				require.ErrorAs(t, err, &lerr)
				assert.Equal(t, status, lerr.StatusCode)
				assert.Equal(t, b.code, lerr.Code)
				assert.Equal(t, c.want.Method+" "+documentTemplate(c.want.Path), lerr.Operation)
				for _, sentinel := range sentinels {
					assert.Equal(t, errors.Is(sentinel, b.sentinel), errors.Is(err, sentinel), "errors.Is(err, %v)", sentinel)
				}
				want := c.want
				want.Path = strings.Replace(want.Path, "ID", "acme-eu-042", 1)
				fakelago.AssertSent(t, want, fakelago.OnlyRequest(t, f))
			})
		}
	}
}

func documentTemplate(path string) string {
	path = strings.Replace(path, "/customers/ID", "/customers/{external_customer_id}", 1)
	return strings.Replace(path, methodID, "{payment_method_id}", 1)
}

// Each id is sent as one escaped path segment, and the ids that would name
// another endpoint are refused before anything is sent.
func TestDocumentCallsPathParameters(t *testing.T) {
	for _, c := range documentCalls {
		t.Run(c.name+"/escaped", func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`))
			err := c.call(t.Context(), f.Client(lago.WithRetry(lago.NoRetry)), "john@acme.com/../x")
			require.ErrorIs(t, err, lago.ErrNotFound)
			got := fakelago.OnlyRequest(t, f)
			assert.Equal(t, basePath+strings.Replace(c.want.Path, "ID", "john@acme%2Ecom%2F%2E%2E%2Fx", 1), got.Path)
			assert.Equal(t, "john@acme.com/../x", got.PathParams["external_customer_id"])
		})
		for _, id := range []string{"", ".", ".."} {
			t.Run(c.name+"/"+id, func(t *testing.T) {
				f := fakelago.New(t)
				err := c.call(t.Context(), f.Client(), id)
				require.ErrorIs(t, err, lago.ErrInvalidArgument)
				assert.ErrorContains(t, err, `external_customer_id must not be "`+id+`"`)
				assert.Empty(t, f.Sent())
			})
		}
	}
	for _, id := range []string{"", ".", ".."} {
		t.Run("payment method id/"+id, func(t *testing.T) {
			f := fakelago.New(t)
			_, err := f.Client().SetDefaultPaymentMethod(t.Context(), "acme", id)
			assert.EqualError(t, err, `lago: PUT /customers/{external_customer_id}/payment_methods/{payment_method_id}/set_as_default: invalid argument: payment_method_id must not be "`+id+`"`)
			_, err = f.Client().DeletePaymentMethod(t.Context(), "acme", id)
			assert.EqualError(t, err, `lago: DELETE /customers/{external_customer_id}/payment_methods/{payment_method_id}: invalid argument: payment_method_id must not be "`+id+`"`)
			assert.Empty(t, f.Sent())
		})
	}
	t.Run("payment method id escaped", func(t *testing.T) {
		f := fakelago.New(t)
		f.Respond(fakelago.OK(t, "payment-method.json"))
		_, err := f.Client().SetDefaultPaymentMethod(t.Context(), "acme", "pm/1.2")
		require.NoError(t, err)
		got := fakelago.OnlyRequest(t, f)
		assert.Equal(t, basePath+"/customers/acme/payment_methods/pm%2F1%2E2/set_as_default", got.Path)
		assert.Equal(t, "pm/1.2", got.PathParams["payment_method_id"])
	})
}

// documentPage builds page `page` of a list from the first item of a
// fixture, one copy per lago_id, with next as its next_page.
func documentPage(t *testing.T, fixtureName, key string, page int, next *int, ids ...string) fakelago.Response {
	return pageOfFixture(t, fixtureName, key, "lago_id", page, next, ids...)
}

// Every iterator walks the pages by next_page with the caller's filters,
// and stops at an error in the middle of the walk after yielding it.
func TestDocumentIterators(t *testing.T) {
	type walker func(ctx context.Context, c *lago.Client) iter.Seq2[string, error]
	tests := []struct {
		name, fixture, key, path string
		query                    url.Values
		walk                     walker
	}{
		{"AllInvoices", "invoices.json", "invoices", "/customers/acme/invoices", url.Values{"per_page": {"2"}, "currency": {"EUR"}},
			func(ctx context.Context, c *lago.Client) iter.Seq2[string, error] {
				return ids(c.AllInvoices(ctx, "acme", &lago.ListInvoicesOptions{PerPage: 2, Currency: "EUR"}), func(v *lago.Invoice) string { return v.LagoID })
			}},
		{"AllCreditNotes", "credit-notes.json", "credit_notes", "/customers/acme/credit_notes", url.Values{"per_page": {"2"}, "invoice_number": {"INV-1"}},
			func(ctx context.Context, c *lago.Client) iter.Seq2[string, error] {
				return ids(c.AllCreditNotes(ctx, "acme", &lago.ListCreditNotesOptions{PerPage: 2, InvoiceNumber: "INV-1"}), func(v *lago.CreditNote) string { return v.LagoID })
			}},
		{"AllPayments", "payments.json", "payments", "/customers/acme/payments", url.Values{"per_page": {"2"}, "invoice_id": {itemID(99)}},
			func(ctx context.Context, c *lago.Client) iter.Seq2[string, error] {
				return ids(c.AllPayments(ctx, "acme", &lago.ListPaymentsOptions{PerPage: 2, InvoiceID: itemID(99)}), func(v *lago.Payment) string { return v.LagoID })
			}},
		{"AllPaymentRequests", "payment-requests.json", "payment_requests", "/customers/acme/payment_requests", url.Values{"per_page": {"2"}, "currency": {"EUR"}},
			func(ctx context.Context, c *lago.Client) iter.Seq2[string, error] {
				return ids(c.AllPaymentRequests(ctx, "acme", &lago.ListPaymentRequestsOptions{PerPage: 2, Currency: "EUR"}), func(v *lago.PaymentRequest) string { return v.LagoID })
			}},
		{"AllSubscriptions", "subscriptions.json", "subscriptions", "/customers/acme/subscriptions", url.Values{"per_page": {"2"}, "status[]": {"active", "terminated"}},
			func(ctx context.Context, c *lago.Client) iter.Seq2[string, error] {
				return ids(c.AllSubscriptions(ctx, "acme", &lago.ListSubscriptionsOptions{PerPage: 2, Statuses: []lago.SubscriptionStatus{lago.SubscriptionStatusActive, lago.SubscriptionStatusTerminated}}), func(v *lago.Subscription) string { return v.LagoID })
			}},
		{"AllPaymentMethods", "payment-methods.json", "payment_methods", "/customers/acme/payment_methods", url.Values{"per_page": {"2"}},
			func(ctx context.Context, c *lago.Client) iter.Seq2[string, error] {
				return ids(c.AllPaymentMethods(ctx, "acme", &lago.ListPaymentMethodsOptions{PerPage: 2}), func(v *lago.PaymentMethod) string { return v.LagoID })
			}},
	}
	for _, tt := range tests {
		withPage := func(page string) url.Values {
			q := url.Values{}
			for k, v := range tt.query {
				q[k] = v
			}
			if page != "" {
				q.Set("page", page)
			}
			return q
		}
		t.Run(tt.name+"/every page", func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(documentPage(t, tt.fixture, tt.key, 1, lago.Ptr(2), itemID(5), itemID(4)),
				documentPage(t, tt.fixture, tt.key, 2, lago.Ptr(3), itemID(3), itemID(2)),
				documentPage(t, tt.fixture, tt.key, 3, nil, itemID(1)))
			var got []string
			for id, err := range tt.walk(t.Context(), f.Client()) {
				require.NoError(t, err)
				got = append(got, id)
			}
			assert.Equal(t, []string{itemID(5), itemID(4), itemID(3), itemID(2), itemID(1)}, got)
			reqs := f.Sent()
			require.Len(t, reqs, 3)
			for i, page := range []string{"", "2", "3"} {
				fakelago.AssertSent(t, fakelago.Want{Method: "GET", Path: tt.path, Query: withPage(page)}, reqs[i])
			}
		})
		t.Run(tt.name+"/error mid-walk", func(t *testing.T) {
			f := fakelago.New(t)
			f.Respond(documentPage(t, tt.fixture, tt.key, 1, lago.Ptr(2), itemID(5), itemID(4)),
				fakelago.LagoError(404, `{"status":404,"error":"Not Found","code":"customer_not_found"}`))
			var got []string
			var errs []error
			for id, err := range tt.walk(t.Context(), f.Client()) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, id)
			}
			assert.Equal(t, []string{itemID(5), itemID(4)}, got)
			require.Len(t, errs, 1)
			require.ErrorIs(t, errs[0], lago.ErrNotFound)
			assert.Len(t, f.Sent(), 2)
		})
	}
}
