package lago

import "github.com/lagoclient/lago-go/internal/scalar"

// Date is a calendar day, without a time of day, as Lago sends
// CustomerUsage's IssuingDate ("2026-03-31"). Its Time field holds that
// day; only the year, month and day are sent. String and encoding use the
// YYYY-MM-DD form.
//
// A date sent as null decodes as encoding/json decodes null into a string:
// the Date is left as it is (zero in a fresh response), and the rest of the
// response decodes normally.
//
// It is the generated client's date type, re-exported so that a value can
// be built, for example in a lagotest.Subscription, without another import:
//
//	lago.Date{Time: time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)}
type Date = scalar.Date
