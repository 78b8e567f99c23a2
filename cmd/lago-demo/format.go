package main

import (
	"fmt"
	"math/big"
)

// plural returns n and the noun that agrees with it: "1 charge",
// "2 charges", "0 charges".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// minorUnits is how many decimals an amount in cents has in the currencies
// whose minor unit is not a hundredth (ISO 4217). Lago's *_cents fields
// count minor units: 500 JPY is 500 yen, 500 EUR cents is 5.00 EUR.
var minorUnits = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
	"PYG": 0, "RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

// money writes an amount in cents (minor units) of currency as the amount
// a person reads, in the currency's unit: 10330 EUR cents is "103.30 EUR".
// The demo shows every amount this way, so none is in cents and another in
// euros.
func money(cents int64, currency string) string {
	return decimalMoney(big.NewRat(cents, 1), currency)
}

// moneyString is money for amounts Lago sends as decimal strings of cents
// ("21400" or "21400.5"); it rounds to the currency's minor unit.
func moneyString(cents, currency string) string {
	r, ok := new(big.Rat).SetString(cents)
	if !ok {
		return fmt.Sprintf("%q (not a number of cents) %s", cents, currency)
	}
	return decimalMoney(r, currency)
}

func decimalMoney(cents *big.Rat, currency string) string {
	decimals, ok := minorUnits[currency]
	if !ok {
		decimals = 2
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
	units := new(big.Rat).Quo(cents, new(big.Rat).SetInt(scale))
	return units.FloatString(decimals) + " " + currency
}
