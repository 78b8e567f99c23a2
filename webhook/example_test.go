package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
	"github.com/lagoclient/lago-go/webhook"
)

// The examples sign their deliveries as Lago does, with an HMAC key; in
// your service the key comes from Lago's UI and the deliveries from Lago.
const hmacKey = "5f4dcc3b-5aa7-4a5b-9e4d-2c6f7c2d1e0a"

const body = `{"webhook_type":"wallet_transaction.updated","object_type":"wallet_transaction",` +
	`"organization_id":"1a901a90-1a90-1a90-1a90-1a901a901a90",` +
	`"wallet_transaction":{"lago_id":"d0a1b2c3-0000-4000-8000-000000000001","status":"settled","credit_amount":"10.0"}}`

// lagoDelivery returns the headers Lago sends with body.
func lagoDelivery(body string) http.Header {
	mac := hmac.New(sha256.New, []byte(hmacKey))
	mac.Write([]byte(body))
	h := http.Header{}
	h.Set("X-Lago-Signature-Algorithm", "hmac")
	h.Set("X-Lago-Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	h.Set("X-Lago-Unique-Key", "6c5b4a39-2817-4605-9f4e-3d2c1b0a9f8e")
	return h
}

func ExampleVerifier_Verify() {
	v, err := webhook.NewVerifier(webhook.Config{HMACKey: hmacKey})
	if err != nil {
		log.Fatal(err)
	}

	ev, err := v.Verify([]byte(body), lagoDelivery(body))
	fmt.Println(ev.Type, ev.UniqueKey, err)

	// One byte changed, and the signature no longer holds.
	forged := strings.Replace(body, "10.0", "90.0", 1)
	_, err = v.Verify([]byte(forged), lagoDelivery(body))
	fmt.Println(errors.Is(err, webhook.ErrInvalidSignature))
	// Output:
	// wallet_transaction.updated 6c5b4a39-2817-4605-9f4e-3d2c1b0a9f8e <nil>
	// true
}

func ExampleEvent() {
	v, _ := webhook.NewVerifier(webhook.Config{HMACKey: hmacKey})
	ev, err := v.Verify([]byte(body), lagoDelivery(body))
	if err != nil {
		log.Fatal(err)
	}

	switch ev.Type {
	case webhook.TypeWalletTransactionUpdated:
		var tx struct {
			LagoID       string `json:"lago_id"`
			Status       string `json:"status"`
			CreditAmount string `json:"credit_amount"`
		}
		if err := json.Unmarshal(ev.Object, &tx); err != nil {
			log.Fatal(err)
		}
		fmt.Println("top-up", tx.Status+":", tx.CreditAmount, "credits")
	default:
		// A type this program does not handle, perhaps one Lago added
		// since: ev.Object holds it as raw JSON.
		fmt.Println("ignored", ev.Type)
	}
	// Output:
	// top-up settled: 10.0 credits
}

func ExampleHandler() {
	v, err := webhook.NewVerifier(webhook.Config{HMACKey: hmacKey})
	if err != nil {
		log.Fatal(err)
	}
	h := webhook.Handler(v, func(ctx context.Context, ev *webhook.Event) error {
		fmt.Println("handling", ev.Type)
		return nil // an error here makes Lago deliver the event again
	}, webhook.WithDeduplicator(webhook.NewMemoryDeduplicator(10_000)))

	// In a service: http.Handle("POST /webhooks/lago", h). Here, Lago's
	// delivery, its retry, and a forgery:
	srv := httptest.NewServer(h)
	defer srv.Close()
	send := func(body string, header http.Header) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header = header
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		_ = resp.Body.Close()
		fmt.Println(resp.Status)
	}
	send(body, lagoDelivery(body))
	send(body, lagoDelivery(body))
	send(strings.Replace(body, "settled", "failed", 1), lagoDelivery(body))
	// Output:
	// handling wallet_transaction.updated
	// 204 No Content
	// 204 No Content
	// 401 Unauthorized
}

// A test of your webhook handler, end to end: lagotest delivers, signed as
// Lago signs, the events that follow from what your code does through the
// client, and the handler verifies and parses them.
func Example_lagotest() {
	srv := lagotest.NewServer()
	defer srv.Close()

	// Your service's handler, verifying with the key lagotest signs with.
	v, err := webhook.NewVerifier(webhook.Config{HMACKey: srv.WebhookHMACKey()})
	if err != nil {
		log.Fatal(err)
	}
	received := make(chan string, 10)
	receiver := httptest.NewServer(webhook.Handler(v, func(ctx context.Context, ev *webhook.Event) error {
		cust, err := ev.Customer()
		if err != nil {
			return err
		}
		received <- ev.Type + " " + cust.ExternalID
		return nil
	}))
	defer receiver.Close()
	if err := srv.AddWebhookEndpoint(receiver.URL, "hmac"); err != nil {
		log.Fatal(err)
	}

	// Your code creates a customer through the client.
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme-eu-042"}); err != nil {
		log.Fatal(err)
	}

	// Wait for the delivery, then check what the handler got.
	if err := srv.FlushWebhooks(ctx); err != nil {
		log.Fatal(err)
	}
	close(received)
	for got := range received {
		fmt.Println(got)
	}
	// Output:
	// customer.created acme-eu-042
}

func ExampleEvent_Decode() {
	v, _ := webhook.NewVerifier(webhook.Config{HMACKey: hmacKey})
	ev, err := v.Verify([]byte(body), lagoDelivery(body))
	if err != nil {
		log.Fatal(err)
	}

	obj, err := ev.Decode()
	if err != nil {
		log.Fatal(err) // the object is not what its type says
	}
	switch obj := obj.(type) {
	case *lago.WalletTransaction:
		fmt.Println("top-up", obj.Status+":", obj.CreditAmount, "credits")
	case *lago.Customer:
		fmt.Println("customer", obj.ExternalID)
	case json.RawMessage:
		// An object this version does not know, perhaps one Lago added
		// since.
		fmt.Println("unknown", ev.ObjectType)
	}
	// Output:
	// top-up settled: 10.0 credits
}
