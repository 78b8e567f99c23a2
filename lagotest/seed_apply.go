package lagotest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/lagoclient/lago-go/gen"
	"github.com/lagoclient/lago-go/lago"
)

// SeedError is a record of a Seed that could not be decoded or applied.
// Kind is its list's JSON name, such as "invoices", and Index its place in
// that list, so that the message points at the record in the file.
type SeedError struct {
	Kind  string
	Index int
	Err   error
}

// Error reads like `invoices[2]: json: unknown field "totl"`.
func (e *SeedError) Error() string {
	return fmt.Sprintf("lagotest: seed %s[%d]: %s", e.Kind, e.Index, strings.TrimPrefix(e.Err.Error(), "lagotest: "))
}

// Unwrap returns the cause, such as ErrUnknownCustomer.
func (e *SeedError) Unwrap() error { return e.Err }

// DecodeSeed reads a Seed from JSON, refusing unknown fields anywhere so
// that a misspelled field fails instead of being ignored, and a record
// without its external_customer_id (or its code, external id or kind).
// A bad record is reported as a *SeedError.
func DecodeSeed(data []byte) (Seed, error) {
	var raw struct {
		BillableMetrics  []json.RawMessage `json:"billable_metrics"`
		Customers        []json.RawMessage `json:"customers"`
		PaymentProviders []json.RawMessage `json:"payment_providers"`
		PaymentMethods   []json.RawMessage `json:"payment_methods"`
		Wallets          []json.RawMessage `json:"wallets"`
		Subscriptions    []json.RawMessage `json:"subscriptions"`
		AppliedCoupons   []json.RawMessage `json:"applied_coupons"`
		Invoices         []json.RawMessage `json:"invoices"`
		CreditNotes      []json.RawMessage `json:"credit_notes"`
		PaymentRequests  []json.RawMessage `json:"payment_requests"`
		Payments         []json.RawMessage `json:"payments"`
	}
	if err := strictJSON(data, &raw); err != nil {
		return Seed{}, fmt.Errorf("lagotest: seed: %w", err)
	}
	var seed Seed
	err := errors.Join(
		decodeRecords("billable_metrics", raw.BillableMetrics, &seed.BillableMetrics, func(code string) string {
			return required("code", code)
		}),
		decodeRecords("customers", raw.Customers, &seed.Customers, func(c lago.CustomerInput) string {
			return required("external_id", c.ExternalID)
		}),
		decodeRecords("payment_providers", raw.PaymentProviders, &seed.PaymentProviders, func(p SeedPaymentProvider) string {
			return required("external_customer_id", p.ExternalCustomerID) + required("kind", string(p.Kind))
		}),
		decodeRecords("payment_methods", raw.PaymentMethods, &seed.PaymentMethods, func(p SeedPaymentMethod) string {
			return required("external_customer_id", p.ExternalCustomerID)
		}),
		decodeRecords("wallets", raw.Wallets, &seed.Wallets, func(w SeedWallet) string {
			return required("external_customer_id", w.ExternalCustomerID)
		}),
		decodeRecords("subscriptions", raw.Subscriptions, &seed.Subscriptions, func(s SeedSubscription) string {
			return required("external_customer_id", s.ExternalCustomerID) + required("external_id", s.ExternalID)
		}),
		decodeRecords("applied_coupons", raw.AppliedCoupons, &seed.AppliedCoupons, func(c SeedCoupon) string {
			return required("external_customer_id", c.ExternalCustomerID) + required("code", c.Code)
		}),
		decodeRecords("invoices", raw.Invoices, &seed.Invoices, func(r SeedInvoice) string {
			return required("external_customer_id", r.ExternalCustomerID)
		}),
		decodeRecords("credit_notes", raw.CreditNotes, &seed.CreditNotes, func(r SeedCreditNote) string {
			return required("external_customer_id", r.ExternalCustomerID)
		}),
		decodeRecords("payment_requests", raw.PaymentRequests, &seed.PaymentRequests, func(r SeedPaymentRequest) string {
			return required("external_customer_id", r.ExternalCustomerID)
		}),
		decodeRecords("payments", raw.Payments, &seed.Payments, func(r SeedPayment) string {
			return required("external_customer_id", r.ExternalCustomerID)
		}),
	)
	return seed, err
}

// strictJSON decodes exactly one JSON value into v, refusing unknown
// fields.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// decodeRecords decodes each record of one kind on its own, so that an
// error names the record; missing returns the required fields it lacks.
func decodeRecords[T any](kind string, raws []json.RawMessage, dst *[]T, missing func(T) string) error {
	var errs []error
	for i, raw := range raws {
		var v T
		err := strictJSON(raw, &v)
		if err == nil {
			if m := strings.TrimSuffix(missing(v), ", "); m != "" {
				err = fmt.Errorf("missing %s", m)
			}
		}
		if err != nil {
			errs = append(errs, &SeedError{Kind: kind, Index: i, Err: err})
			continue
		}
		*dst = append(*dst, v)
	}
	return errors.Join(errs...)
}

func required(field, value string) string {
	if value == "" {
		return field + ", "
	}
	return ""
}

// Seed loads the records into the server in the order Seed documents, and
// stops at the first one refused, reported as a *SeedError; the records
// before it stay. The server records none of this among its Requests, and
// injected faults and latency do not apply.
func (s *Server) Seed(seed Seed) error {
	s.AddBillableMetrics(seed.BillableMetrics...)
	steps := []func() error{
		func() error { return applyRecords("customers", seed.Customers, s.seedCustomer) },
		func() error {
			return applyRecords("payment_providers", seed.PaymentProviders, func(p SeedPaymentProvider) error {
				return s.SetPaymentProvider(p.ExternalCustomerID, PaymentProvider{Kind: p.Kind, Code: p.Code, CustomerID: p.CustomerID})
			})
		},
		func() error {
			return applyRecords("payment_methods", seed.PaymentMethods, func(p SeedPaymentMethod) error {
				_, err := s.AddPaymentMethod(p.ExternalCustomerID, p.PaymentMethod)
				return err
			})
		},
		func() error {
			return applyRecords("wallets", seed.Wallets, s.seedWallet)
		},
		func() error {
			return applyRecords("subscriptions", seed.Subscriptions, func(r SeedSubscription) error {
				return s.AddSubscription(r.ExternalCustomerID, Subscription{
					ExternalID: r.ExternalID, Status: r.Status, CurrentUsage: r.CurrentUsage, PastUsage: r.PastUsage,
					ProjectedUsage: r.ProjectedUsage, Details: r.Details, Overridden: r.Overridden,
				})
			})
		},
		func() error {
			return applyRecords("applied_coupons", seed.AppliedCoupons, func(r SeedCoupon) error {
				_, err := s.ApplyCoupon(r.ExternalCustomerID, Coupon{
					Code: r.Code, Name: r.Name, Description: r.Description, AmountCents: r.AmountCents,
					AmountCurrency: r.AmountCurrency, PercentageRate: r.PercentageRate, Frequency: r.Frequency,
					FrequencyDuration: r.FrequencyDuration, ExpirationAt: r.ExpirationAt, Credits: r.Credits,
				})
				return err
			})
		},
		func() error {
			return applyRecords("invoices", seed.Invoices, func(r SeedInvoice) error {
				_, err := s.AddInvoice(r.ExternalCustomerID, r.Invoice)
				return err
			})
		},
		func() error {
			return applyRecords("credit_notes", seed.CreditNotes, func(r SeedCreditNote) error {
				_, err := s.AddCreditNote(r.ExternalCustomerID, r.CreditNote)
				return err
			})
		},
		func() error {
			return applyRecords("payment_requests", seed.PaymentRequests, func(r SeedPaymentRequest) error {
				_, err := s.AddPaymentRequest(r.ExternalCustomerID, r.PaymentRequest)
				return err
			})
		},
		func() error {
			return applyRecords("payments", seed.Payments, func(r SeedPayment) error {
				_, err := s.AddPayment(r.ExternalCustomerID, r.Payment)
				return err
			})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// applyRecords applies the records of one kind until one fails.
func applyRecords[T any](kind string, records []T, apply func(T) error) error {
	for i, r := range records {
		if err := apply(r); err != nil {
			return &SeedError{Kind: kind, Index: i, Err: err}
		}
	}
	return nil
}

func (s *Server) seedCustomer(in lago.CustomerInput) error {
	_, err := s.apiCall(gen.OpCreateCustomer, nil, gen.CustomerCreateInput{Customer: in})
	return err
}

func (s *Server) seedWallet(w SeedWallet) error {
	body, err := s.apiCall(gen.OpCreateCustomerWallet, map[string]string{"external_customer_id": w.ExternalCustomerID},
		gen.WalletInputEnvelope{Wallet: w.Wallet})
	if err != nil || !w.SettleTopUps && !w.PayTopUps {
		return err
	}
	var created struct {
		Wallet struct {
			Code string `json:"code"`
		} `json:"wallet"`
	}
	if jerr := json.Unmarshal(body, &created); jerr != nil {
		return fmt.Errorf("lagotest: read the created wallet: %w", jerr)
	}
	if w.PayTopUps {
		_, err = s.PayWalletTopUps(w.ExternalCustomerID, created.Wallet.Code)
	} else {
		_, err = s.SettleWalletTopUps(w.ExternalCustomerID, created.Wallet.Code)
	}
	return err
}

// apiCall runs one operation as a request to the API would, spec checks
// included, but without recording it or applying faults, and returns the
// body of its 200. Another status is an error quoting Lago's error body,
// whose error_details name the fields at fault.
func (s *Server) apiCall(op string, params map[string]string, body any) ([]byte, error) {
	o := gen.Operations[op]
	path := o.Path
	for name, value := range params {
		path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(value))
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("lagotest: encode the %s body: %w", op, err)
	}
	r, err := http.NewRequestWithContext(context.Background(), o.Method, s.cfg.basePath+path, bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("lagotest: %s: %w", op, err)
	}
	r.Header.Set("Authorization", "Bearer "+s.APIKey)
	r.Header.Set("Content-Type", "application/json")
	match, verr := s.checkRequest(r, b)
	rep, handled := specResponse(r, b, match, verr)
	if !handled {
		rep = s.handle(r, b, match)
	}
	if rep.status != http.StatusOK {
		return nil, fmt.Errorf("%s %s answered %d: %s", o.Method, path, rep.status, rep.body)
	}
	return rep.body, nil
}
