package main

import (
	"context"
	"net/http"
)

// addWebhookEndpoint registers an endpoint with the current fake. A reset
// builds a new fake, which starts without endpoints.
func (f *fake) addWebhookEndpoint(w http.ResponseWriter, r *http.Request) {
	var body struct {
		URL       string `json:"url"`
		Algorithm string `json:"algorithm"`
	}
	if err := decodeBody(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err.Error())
		return
	}
	f.answer(w, f.current.Load().AddWebhookEndpoint(body.URL, body.Algorithm))
}

// webhookHMACKey answers the current fake's HMAC key, which Lago shows
// only in its UI: a test suite needs it to check signatures, and a reset
// makes a new one.
func (f *fake) webhookHMACKey(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"hmac_key": f.current.Load().WebhookHMACKey()})
}

// flushWebhooks waits for the deliveries queued so far, until the caller
// hangs up or the command shuts down: a flush must not hold a graceful
// shutdown for as long as an unreachable endpoint's retries take.
func (f *fake) flushWebhooks(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(f.stopping, cancel)
	defer stop()
	if err := f.current.Load().FlushWebhooks(ctx); err != nil {
		controlError(w, http.StatusServiceUnavailable, "flush cut short: "+err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
