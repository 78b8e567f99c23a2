package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/lagoclient/lago-go/lago"
)

// plural returns n and the noun that agrees with it: "1 charge",
// "2 charges", "0 charges".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// money writes an amount in cents (minor units) of currency as the amount
// a person reads, in the currency's unit: 10330 EUR cents is "103.30 EUR",
// 500 JPY is "500 JPY" (see lago.FormatAmount). The demo shows every
// amount this way, so none is in cents and another in euros.
func money(cents int64, currency string) string {
	return lago.FormatAmount(cents, currency)
}

// moneyString is money for amounts Lago sends as decimal strings of cents
// ("21400" or "21400.5"); it rounds to the currency's minor unit, half away
// from zero.
func moneyString(cents, currency string) string {
	r, ok := new(big.Rat).SetString(cents)
	if !ok {
		return fmt.Sprintf("%q (not a number of cents) %s", cents, currency)
	}
	whole, err := strconv.ParseInt(r.FloatString(0), 10, 64)
	if err != nil {
		return fmt.Sprintf("%q (beyond an int64 of cents) %s", cents, currency)
	}
	return lago.FormatAmount(whole, currency)
}

// codes lists codes for a reader: "none" when there are none.
func codes(cs []string) string {
	if len(cs) == 0 {
		return "none"
	}
	return strings.Join(cs, ", ")
}

// reasons says in words what Lago's error codes mean, for the codes the
// demo meets; any other code is named as it is.
var reasons = map[string]string{
	"alert_already_exists": "the wallet already has an alert of this type",
}

// inWords reads Lago's reasons for refusing one item of a batch, a JSON
// object of field to error codes such as {"base":["alert_already_exists"]},
// and says them in words.
func inWords(raw json.RawMessage) string {
	var fields map[string][]string
	if err := json.Unmarshal(raw, &fields); err != nil || len(fields) == 0 {
		return "was refused for a reason Lago did not give"
	}
	var said []string
	for _, field := range slices.Sorted(maps.Keys(fields)) {
		for _, code := range fields[field] {
			if r, ok := reasons[code]; ok {
				said = append(said, fmt.Sprintf("%s (Lago's code %s)", r, code))
			} else {
				said = append(said, fmt.Sprintf("%s is refused with Lago's code %s", field, code))
			}
		}
	}
	return "was refused: " + strings.Join(said, "; ")
}
