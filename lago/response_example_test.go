package lago_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/lagoclient/lago-go/lago"
	"github.com/lagoclient/lago-go/lagotest"
)

// WithResponse reads the status, request id and rate-limit headers of one
// call, which stays right however many calls run at once.
func ExampleWithResponse() {
	srv := lagotest.NewServer()
	defer srv.Close()
	client, _ := lago.NewClient(srv.APIKey, lago.WithBaseURL(srv.URL))

	var response lago.Response
	ctx := lago.WithResponse(context.Background(), &response)
	if _, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: "acme"}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(response.StatusCode, response.Attempts, response.RequestID != "")

	// Errors carry the request id too, for Lago support.
	_, err := client.GetCustomer(context.Background(), "nobody")
	var lagoErr *lago.Error
	if errors.As(err, &lagoErr) {
		fmt.Println(lagoErr.StatusCode, lagoErr.RequestID != "")
	}
	// Output:
	// 200 1 true
	// 404 true
}
