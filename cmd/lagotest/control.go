package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
	"github.com/lagoclient/lago-go/openapi"
)

// controlPrefix is where the control API lives: a path Lago never uses.
// The file openapi/lagotest-control.yaml describes it.
const controlPrefix = "/_lagotest"

// maxControlBody bounds a control request's body; seeds can be large.
const maxControlBody = 16 << 20

// control serves the control API, guarded by the same bearer key as
// Lago's API.
func (f *fake) control(apiKey string) http.Handler {
	mux := http.NewServeMux()
	p := controlPrefix
	mux.HandleFunc("GET "+p+"/openapi.yaml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write(openapi.ControlYAML())
	})
	mux.HandleFunc("POST "+p+"/seed", f.seedRecords)
	mux.HandleFunc("POST "+p+"/reset", f.reset)
	mux.HandleFunc("GET "+p+"/requests", f.requests)
	mux.HandleFunc("POST "+p+"/faults", f.failNext)
	mux.HandleFunc("DELETE "+p+"/faults", func(w http.ResponseWriter, _ *http.Request) {
		f.current.Load().ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST "+p+"/rate-limits", f.rateLimitNext)
	mux.HandleFunc("PUT "+p+"/latency", f.setLatency)
	mux.HandleFunc("POST "+p+"/webhook-endpoints", f.addWebhookEndpoint)
	mux.HandleFunc("GET "+p+"/webhook-hmac-key", f.webhookHMACKey)
	mux.HandleFunc("POST "+p+"/webhooks/flush", f.flushWebhooks)
	mux.HandleFunc("POST "+p+"/customers/{external_customer_id}/wallets/{code}/settle", f.walletStep(
		func(s *lagotest.Server, customer, code string, _ *http.Request) (lago.Wallet, error) {
			return s.SettleWalletTopUps(customer, code)
		}))
	mux.HandleFunc("POST "+p+"/customers/{external_customer_id}/wallets/{code}/pay", f.walletStep(
		func(s *lagotest.Server, customer, code string, _ *http.Request) (lago.Wallet, error) {
			return s.PayWalletTopUps(customer, code)
		}))
	mux.HandleFunc("POST "+p+"/customers/{external_customer_id}/wallets/{code}/consume", f.walletStep(
		func(s *lagotest.Server, customer, code string, r *http.Request) (lago.Wallet, error) {
			var body struct {
				Credits string `json:"credits"`
			}
			if err := decodeBody(r, &body); err != nil {
				return lago.Wallet{}, err
			}
			return s.ConsumeWalletCredits(customer, code, body.Credits)
		}))
	mux.HandleFunc(p+"/", func(w http.ResponseWriter, _ *http.Request) {
		controlError(w, http.StatusNotFound, "no such control route; see "+p+"/openapi.yaml")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+apiKey {
			controlError(w, http.StatusUnauthorized, "send the server's API key as \"Authorization: Bearer KEY\"")
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// badRequest marks an error in what the caller sent, answered 400.
type badRequest struct{ error }

func (e badRequest) Unwrap() error { return e.error }

func decodeBody(r *http.Request, v any) error {
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxControlBody))
	if err != nil {
		return badRequest{err}
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest{errors.New("the body: " + err.Error())}
	}
	return nil
}

func (f *fake) seedRecords(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	if err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	seed, err := lagotest.DecodeSeed(data)
	if err == nil {
		err = f.current.Load().Seed(seed)
	}
	if err != nil {
		controlError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (f *fake) reset(w http.ResponseWriter, _ *http.Request) {
	srv, err := f.fresh()
	if err != nil {
		// The same options and seed succeeded at start.
		controlError(w, http.StatusInternalServerError, err.Error())
		return
	}
	// The old fake gives up the webhooks it has not delivered, so that
	// none from before the reset arrives after it.
	f.current.Swap(srv).Close()
	w.WriteHeader(http.StatusNoContent)
}

// recordedRequest is lagotest.Request in the control API's JSON.
type recordedRequest struct {
	Method      string              `json:"method"`
	Path        string              `json:"path"`
	Query       map[string][]string `json:"query"`
	Body        string              `json:"body"`
	Headers     map[string][]string `json:"headers"`
	OperationID string              `json:"operation_id"`
}

func (f *fake) requests(w http.ResponseWriter, _ *http.Request) {
	srv := f.current.Load()
	out := []recordedRequest{}
	for _, req := range srv.Requests() {
		if req.Header.Get("Authorization") == "Bearer "+srv.APIKey {
			// The caller knows the key; the answer may end up in a log.
			req.Header.Set("Authorization", "Bearer [redacted]")
		}
		out = append(out, recordedRequest{
			Method: req.Method, Path: req.Path, Query: orEmpty(req.Query), Body: req.Body,
			Headers: orEmpty(req.Header), OperationID: req.OperationID,
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"requests": out})
}

func orEmpty[M ~map[string][]string](m M) map[string][]string {
	if m == nil {
		return map[string][]string{}
	}
	return m
}

func (f *fake) failNext(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Operation string            `json:"operation"`
		Times     int               `json:"times"`
		Status    int               `json:"status"`
		Body      string            `json:"body"`
		Headers   map[string]string `json:"headers"`
	}
	if err := decodeBody(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	fault := lagotest.Fault{Status: body.Status, Body: body.Body}
	if len(body.Headers) > 0 {
		fault.Header = http.Header{}
		for k, v := range body.Headers {
			fault.Header.Set(k, v)
		}
	}
	f.answer(w, f.current.Load().FailNext(body.Operation, orOne(body.Times), fault))
}

func (f *fake) rateLimitNext(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Operation         string  `json:"operation"`
		Times             int     `json:"times"`
		RetryAfterSeconds float64 `json:"retry_after_seconds"`
	}
	if err := decodeBody(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	wait := time.Duration(body.RetryAfterSeconds * float64(time.Second))
	f.answer(w, f.current.Load().RateLimitNext(body.Operation, orOne(body.Times), wait))
}

func (f *fake) setLatency(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Operation    string `json:"operation"`
		Milliseconds int64  `json:"milliseconds"`
	}
	if err := decodeBody(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	f.answer(w, f.current.Load().SetLatency(body.Operation, time.Duration(body.Milliseconds)*time.Millisecond))
}

// answer is 204 for a helper that succeeded, else 400 with its error:
// the helpers refuse only what the caller sent.
func (f *fake) answer(w http.ResponseWriter, err error) {
	if err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func orOne(n int) int {
	if n == 0 {
		return 1
	}
	return n
}

// walletStep serves a helper that works on one wallet and answers it as
// GET answers it.
func (f *fake) walletStep(step func(s *lagotest.Server, customer, code string, r *http.Request) (lago.Wallet, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		wallet, err := step(f.current.Load(), r.PathValue("external_customer_id"), r.PathValue("code"), r)
		var bad badRequest
		switch {
		case errors.Is(err, lagotest.ErrUnknownCustomer), errors.Is(err, lagotest.ErrUnknownWallet):
			controlError(w, http.StatusNotFound, err.Error())
		case errors.As(err, &bad):
			controlError(w, http.StatusBadRequest, err.Error())
		case err != nil:
			controlError(w, http.StatusUnprocessableEntity, err.Error())
		default:
			writeJSON(w, http.StatusOK, map[string]any{"wallet": wallet})
		}
	}
}

func controlError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":"encode the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
