package lago

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/lagoclient/lago-go/gen"
)

// bodySender is a generated <Operation>WithBody method with its path
// arguments bound: it builds and sends the request with body as its
// payload.
type bodySender func(ctx context.Context, g *gen.Client, contentType string, body io.Reader) (*http.Response, error)

// sendJSON returns the sender of an operation whose request carries body,
// a request body type of package gen. Every JSON body goes this one way:
// the generated encoder (gen/encode.gen.go) writes the bytes json.Marshal
// would write, at a fraction of its cost (BENCHMARKS.md), and send passes
// them to the generated client, in place of the <Operation> method that
// would run json.Marshal itself.
func sendJSON[B any](body *B, send bodySender) sender {
	return func(ctx context.Context, g *gen.Client) (*http.Response, error) {
		b, err := encodeJSON(body)
		if err != nil {
			return nil, err
		}
		return send(ctx, g, "application/json", bytes.NewReader(b))
	}
}

// encodeJSON returns body as json.Marshal encodes it. A value the
// generated encoder leaves to encoding/json (a time outside years
// 0–9999, say) goes through json.Marshal, whose error the generated
// client would have returned.
func encodeJSON[B any](body *B) ([]byte, error) {
	if b, ok := gen.Codec.Append(make([]byte, 0, 1024), body); ok {
		return b, nil
	}
	return json.Marshal(body)
}
