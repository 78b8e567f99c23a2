// Command codecgen writes the JSON decoders and encoders of package gen,
// whose runtime is internal/codec. It reads the types from
// gen/client.gen.go, so a new operation gets its decoders and encoders from
// `make generate`. They are functions, not UnmarshalJSON or MarshalJSON
// methods: json.Unmarshal into the types of gen stays plain encoding/json,
// the reference the tests compare them against.
//
// gen/decode.gen.go: for every type a 2xx response of the generated client
// decodes into (the JSON200 of each <Operation>Response), every webhook
// object the spec names in x-lago-webhooks, every request body (which
// lagotest decodes), and every type inside them, a
// decoder that reads the JSON Lago sends without reflection,
// several times faster than encoding/json. Each decoder gives up,
// returning false, on anything it does not decode exactly as encoding/json
// would (see internal/codec); the caller then decodes with encoding/json.
// A type it does not know is decoded with encoding/json from the bytes of
// its value, never guessed.
//
// gen/encode.gen.go: for every JSON request body of the spec (each
// <Operation>JSONRequestBody of the generated client, and each type a
// oneOf body may hold) and every type inside it, a function that appends
// the value as JSON, byte for byte as encoding/json would, without
// reflection. encoding/json spends most of a request's client time on the
// many tristate.Nullable fields of the inputs; these functions do not.
// Package lago sends every body through them; lagotest encodes the
// customer of its responses with the one for gen.Customer, a response type
// added to the request bodies (responseRoots). They report false for a
// value encoding/json refuses (a time outside years 0–9999), leaving the
// error to it, and the generator stops with an error on any field it does
// not know how to encode, so a spec change can never make them write
// something encoding/json would not.
//
// usage: codecgen GEN_FILE DECODE_FILE ENCODE_FILE
package main

import (
	"log"
	"os"
)

func main() {
	if len(os.Args) != 4 {
		log.Fatal("usage: codecgen GEN_FILE DECODE_FILE ENCODE_FILE")
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	objects, err := webhookObjects()
	if err != nil {
		log.Fatalf("codecgen: %v", err)
	}
	for _, out := range []struct {
		file     string
		generate func([]byte) ([]byte, error)
	}{
		{os.Args[2], func(src []byte) ([]byte, error) { return generateDecoders(src, objects) }},
		{os.Args[3], generateEncoders},
	} {
		code, err := out.generate(src)
		if err != nil {
			log.Fatalf("codecgen: %s: %v", out.file, err)
		}
		if err := os.WriteFile(out.file, code, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
