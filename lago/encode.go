package lago

import "github.com/lagoclient/lago-go/gen"

// encodeCreateCustomer returns the body of POST /customers, the bytes
// json.Marshal would write for it, through the generated appenders of
// encode.gen.go.
func encodeCreateCustomer(in *CustomerInput) []byte {
	return appendCustomerCreateInput(make([]byte, 0, 1024), &gen.CustomerCreateInput{Customer: *in})
}

// appendKey appends a quoted key and its colon, after a comma unless it
// is the object's first key.
func appendKey(b []byte, key string, more *bool) []byte {
	if *more {
		b = append(b, ',')
	}
	*more = true
	return append(b, key...)
}
