package main

import (
	"fmt"
	"math/big"
	"strconv"

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
