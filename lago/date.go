package lago

import openapi_types "github.com/oapi-codegen/runtime/types"

// Date is a calendar day, without a time of day, as Lago sends
// CustomerUsage's IssuingDate ("2026-03-31"). Its Time field holds that
// day; only the year, month and day are sent. String and encoding use the
// YYYY-MM-DD form.
//
// It is the generated client's date type, re-exported so that a value can
// be built, for example in a lagotest.Subscription, without another import:
//
//	lago.Date{Time: time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)}
type Date = openapi_types.Date
