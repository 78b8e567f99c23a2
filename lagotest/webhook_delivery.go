package lagotest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"time"
)

// Delivery follows Lago's rules at test speed: three attempts, Lago's
// waits n⁴ + 2 seconds (n the failures so far, jitter left out) shortened
// twentyfold, and an attempt timeout of 2 s where Lago allows 30 s, so
// that an endpoint that never answers is given up in under 8 s.
const (
	webhookAttempts       = 3
	webhookAttemptTimeout = 2 * time.Second
	webhookWaitUnit       = time.Second / 20
)

// webhookWait is the wait after the nth failed attempt.
func webhookWait(n int) time.Duration {
	return time.Duration(n*n*n*n+2) * webhookWaitUnit
}

// delivered reports whether Lago counts the status as delivered.
func delivered(status int) bool {
	switch status {
	case http.StatusOK, http.StatusCreated, http.StatusAccepted, http.StatusNoContent:
		return true
	}
	return false
}

// webhookSender is a server's webhook endpoints and what is queued for
// them. Its zero value is ready: a server without endpoints costs nothing.
// It has its own lock, never held while the server's is taken.
type webhookSender struct {
	mu        sync.Mutex
	key       string // the HMAC key, made on first use
	endpoints []*webhookEndpoint
	pending   int           // deliveries queued or in flight
	idle      chan struct{} // closed when pending drops to 0; nil while 0
	closed    bool
	stop      chan struct{} // closed by close; made on first use
	client    *http.Client
	// topUps are the initial top-ups of the wallets, by wallet lago_id.
	topUps map[string]*topUp
}

// webhookEndpoint is one endpoint with its queue, which one goroutine
// drains in order while it is not empty.
type webhookEndpoint struct {
	url, algorithm string
	queue          []webhookDelivery
	running        bool
}

// webhookDelivery is one event for one endpoint, signed once: Lago stores
// one webhook per endpoint, and every attempt resends it as stored.
type webhookDelivery struct {
	body      []byte
	signature string
	uniqueKey string
}

func (w *webhookSender) hmacKey() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.key == "" {
		w.key = randomUUID()
	}
	return w.key
}

func (w *webhookSender) add(url, algorithm string) error {
	w.hmacKey()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.endpoints) >= maxWebhookEndpoints {
		return errTooManyEndpoints
	}
	if w.client == nil {
		w.stop = make(chan struct{})
		w.client = &http.Client{
			Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 4, IdleConnTimeout: 10 * time.Second},
			Timeout:   webhookAttemptTimeout,
			// Lago's HTTP client never follows a redirect: a 3xx is a
			// failed attempt.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	w.endpoints = append(w.endpoints, &webhookEndpoint{url: url, algorithm: algorithm})
	return nil
}

// any reports whether there is an endpoint to deliver to.
func (w *webhookSender) any() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.endpoints) > 0 && !w.closed
}

// enqueue signs body for every endpoint and queues it.
func (w *webhookSender) enqueue(body []byte, issuer string) {
	key := w.hmacKey()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	for _, ep := range w.endpoints {
		d := webhookDelivery{body: body, uniqueKey: randomUUID()}
		if ep.algorithm == WebhookHMAC {
			d.signature = signHMAC(key, body)
		} else {
			d.signature = signJWT(body, issuer)
		}
		ep.queue = append(ep.queue, d)
		if w.pending == 0 {
			w.idle = make(chan struct{})
		}
		w.pending++
		if !ep.running {
			ep.running = true
			go w.drain(ep)
		}
	}
}

// drain delivers the endpoint's queue in order, and ends when it is empty.
func (w *webhookSender) drain(ep *webhookEndpoint) {
	for {
		w.mu.Lock()
		if len(ep.queue) == 0 {
			ep.running = false
			w.mu.Unlock()
			return
		}
		d := ep.queue[0]
		ep.queue = ep.queue[1:]
		w.mu.Unlock()

		w.deliver(ep, d)

		w.mu.Lock()
		w.pending--
		if w.pending == 0 {
			close(w.idle)
			w.idle = nil
		}
		w.mu.Unlock()
	}
}

// deliver makes up to three attempts, and gives up early when the server
// closes.
func (w *webhookSender) deliver(ep *webhookEndpoint, d webhookDelivery) {
	for n := 1; n <= webhookAttempts; n++ {
		if w.attempt(ep, d) {
			return
		}
		if n == webhookAttempts {
			return
		}
		timer := time.NewTimer(webhookWait(n))
		select {
		case <-timer.C:
		case <-w.stop:
			timer.Stop()
			return
		}
	}
}

// attempt posts d once and reports whether it was delivered.
func (w *webhookSender) attempt(ep *webhookEndpoint, d webhookDelivery) bool {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-w.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.url, bytes.NewReader(d.body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "lagotest")
	req.Header.Set("X-Lago-Signature", d.signature)
	req.Header.Set("X-Lago-Signature-Algorithm", ep.algorithm)
	req.Header.Set("X-Lago-Unique-Key", d.uniqueKey)
	resp, err := w.client.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	return delivered(resp.StatusCode)
}

// flush waits until nothing is queued or in flight, or ctx ends.
func (w *webhookSender) flush(ctx context.Context) error {
	w.mu.Lock()
	idle := w.idle
	w.mu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close gives up what is queued, cuts the attempts in flight short and
// waits for them to end, so that a closed server leaves no goroutine or
// connection behind.
func (w *webhookSender) close() {
	w.mu.Lock()
	if w.closed || w.stop == nil {
		w.closed = true
		w.mu.Unlock()
		return
	}
	w.closed = true
	close(w.stop)
	for _, ep := range w.endpoints {
		w.pending -= len(ep.queue)
		ep.queue = nil
	}
	if w.pending == 0 && w.idle != nil {
		close(w.idle)
		w.idle = nil
	}
	w.mu.Unlock()
	_ = w.flush(context.Background())
	w.client.CloseIdleConnections()
}

// FlushWebhooks waits until every webhook queued so far has been delivered
// or given up after its three attempts, or until ctx ends. A closed server
// has given up everything it had not delivered.
func (s *Server) FlushWebhooks(ctx context.Context) error {
	return s.webhooks.flush(ctx)
}
