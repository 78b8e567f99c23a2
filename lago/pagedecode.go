package lago

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// decodeCustomerPage reads a page of customers from the body one customer
// at a time, with a json.Decoder. The generated client reads the whole body
// and then decodes it, so for a moment memory holds the raw JSON (larger
// than the decoded customers) beside the decoded page. Walking many pages,
// AllCustomers keeps only the decoded page. perPage sizes the slice.
func decodeCustomerPage(perPage int) func(*http.Response) (*CustomerPage, error) {
	return func(rsp *http.Response) (*CustomerPage, error) {
		if err := checkJSON200(rsp); err != nil {
			return nil, err
		}
		page := &CustomerPage{}
		dec := json.NewDecoder(rsp.Body)
		if err := expectDelim(dec, '{'); err != nil {
			return nil, err
		}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			// Keys match as encoding/json matches struct fields: ignoring
			// case, the last occurrence winning.
			name, _ := key.(string)
			switch {
			case strings.EqualFold(name, "customers"):
				if page.Customers, err = decodeCustomers(dec, perPage); err != nil {
					return nil, err
				}
			case strings.EqualFold(name, "meta"):
				if err := dec.Decode(&page.Meta); err != nil {
					return nil, err
				}
			default:
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return nil, err
				}
			}
		}
		if err := expectDelim(dec, '}'); err != nil {
			return nil, err
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return nil, errors.New("unexpected data after the page")
		}
		return page, nil
	}
}

func decodeCustomers(dec *json.Decoder, perPage int) ([]Customer, error) {
	tok, err := dec.Token()
	switch {
	case err != nil:
		return nil, err
	case tok == nil:
		return nil, nil
	case tok != json.Delim('['):
		return nil, fmt.Errorf("customers is %v, want a list", tok)
	}
	customers := make([]Customer, 0, perPage)
	for dec.More() {
		customers = append(customers, Customer{})
		if err := dec.Decode(&customers[len(customers)-1]); err != nil {
			return nil, err
		}
	}
	return customers, expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	if tok != want {
		return fmt.Errorf("found %v where %v was expected", tok, want)
	}
	return nil
}
