// Package scalar holds the JSON scalar types of package gen that decode
// differently from the Go type beneath them: Date, a calendar day that takes
// null as encoding/json takes it for a string, and DecimalInput, a decimal
// request field that takes a JSON number as well as a numeric string.
//
// The package is internal: users meet the types as lago.Date and
// lago.DecimalInput. The generated types in package gen use them directly
// (openapi/oapi-codegen.yaml maps format: date to Date; the spec names
// DecimalInput with x-go-type).
package scalar

import (
	"encoding/json"
	"fmt"
	"time"
)

// DateFormat is the layout of a Date on the wire, YYYY-MM-DD.
const DateFormat = "2006-01-02"

// Date is a calendar day, without a time of day. Its Time field holds that
// day; only the year, month and day are sent.
//
// It has the fields and methods of the oapi-codegen runtime's types.Date,
// and converts to it, but decodes null as encoding/json decodes null into a
// string: the value is left as it is, without an error. A date that Lago
// sends as null therefore never fails the whole response it is in.
type Date struct {
	time.Time
}

// plainDate reads data when it is a date as Lago writes one, "YYYY-MM-DD"
// quoted, with no escape, and a day that exists: what time.Parse accepts
// with DateFormat for such bytes, giving the same time (UTC midnight).
// Anything else is for UnmarshalJSON's general path, which unquotes with
// encoding/json and parses with time.Parse, for their values and errors.
// A page of invoices holds two dates an invoice; the general path
// allocates and uses reflection for each.
func plainDate(data []byte) (time.Time, bool) {
	if len(data) != len(DateFormat)+2 || data[0] != '"' || data[11] != '"' || data[5] != '-' || data[8] != '-' {
		return time.Time{}, false
	}
	year, okY := digits(data[1:5])
	month, okM := digits(data[6:8])
	day, okD := digits(data[9:11])
	if !okY || !okM || !okD || month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // the 31st of a 30-day month, or the 29th of February in a common year
		return time.Time{}, false
	}
	return t, true
}

// digits reads b as a decimal number, reporting false for any byte that
// is not a digit.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// MarshalJSON encodes d as a JSON string, "2006-01-02".
func (d Date) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(DateFormat)+2)
	b = append(b, '"')
	b = d.AppendFormat(b, DateFormat)
	return append(b, '"'), nil
}

// UnmarshalJSON decodes a JSON string of the form "2006-01-02". A JSON
// null leaves d as it is.
func (d *Date) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	if t, ok := plainDate(data); ok {
		d.Time = t
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	t, err := time.Parse(DateFormat, s)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// String returns the day as YYYY-MM-DD.
func (d Date) String() string {
	return d.Format(DateFormat)
}

// MarshalText returns the day as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) {
	return d.AppendFormat(nil, DateFormat), nil
}

// UnmarshalText parses a day of the form YYYY-MM-DD.
func (d *Date) UnmarshalText(data []byte) error {
	t, err := time.Parse(DateFormat, string(data))
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// DecimalInput is an exact decimal number in a request, such as "10" or
// "0.5". It holds the number's text and is sent as a JSON string, exactly
// as held: Lago takes decimals as strings so that no precision is lost.
//
// Decoding it (loading a request from a JSON file, say) accepts what Lago
// accepts: a numeric string, "10.5", or a JSON number, 10.5. A number keeps
// its text as written, so 0.1 becomes "0.1" and 10.50 "10.50", never passing
// through a float. Either form must be a plain decimal: an optional minus
// sign, digits, and optionally a point followed by digits. An exponent, as
// in 1e2 or "1e2", is refused rather than normalised, as are true, "abc",
// objects and lists; null leaves the value as it is, as it does for a
// string.
//
// Encoding does not check the value: a DecimalInput set in Go is sent as
// it is, and Lago judges it.
type DecimalInput string

// UnmarshalJSON decodes a JSON number or a numeric string, keeping its text.
func (d *DecimalInput) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	text := string(data)
	if len(data) > 0 && data[0] == '"' {
		if err := json.Unmarshal(data, &text); err != nil {
			return err
		}
	}
	if !IsDecimal(text) {
		return fmt.Errorf("decimal input: %s is not a decimal such as 10.5 or \"10.5\" (no exponent)", data)
	}
	*d = DecimalInput(text)
	return nil
}

// IsDecimal reports whether s is a plain decimal: an optional minus sign,
// one or more digits, and optionally a point followed by one or more
// digits (the Decimal pattern of openapi/lago.yaml).
func IsDecimal(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() bool {
		start := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > start
	}
	if !digits() {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	return i == len(s)
}
