package lago

import (
	"strconv"
	"strings"
)

// minorUnits lists the ISO 4217 currencies whose minor unit is not a
// hundredth of the major one, with the number of decimals it has. Every
// other currency has two.
var minorUnits = map[string]int{
	// No minor unit: 500 JPY is 500 yen.
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0,
	"KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0,
	"XAF": 0, "XOF": 0, "XPF": 0,
	// A thousandth: 1234 BHD fils is 1.234 BHD.
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
	// A ten-thousandth: the units of account CLF and UYW.
	"CLF": 4, "UYW": 4,
}

// MinorUnits returns how many decimals an amount in currency has, as ISO
// 4217 defines it: the number of digits of a *_cents field that come after
// the decimal point. It is 0 for JPY, KRW, CLP, VND, ISK, UGX and the other
// currencies without a minor unit, 3 for BHD, IQD, JOD, KWD, LYD, OMR and
// TND, 4 for CLF and UYW, and 2 for every other currency. The code is
// matched without regard to case; a code ISO 4217 does not list (an empty
// one included) has 2, the most common number.
func MinorUnits(currency string) int {
	if n, ok := minorUnits[strings.ToUpper(currency)]; ok {
		return n
	}
	return 2
}

// FormatAmount returns an amount in the minor units of currency (what Lago's
// *_cents fields hold) as a person reads it, in the currency's major unit
// with its MinorUnits decimals, then a space and the code as given: 1234
// is "12.34 EUR", "1234 JPY" or "1.234 BHD", and -5 is "-0.05 USD". An
// unknown currency has 2 decimals, as MinorUnits says; an empty currency
// gives the number alone. Every int64 is formatted exactly, without
// rounding and without a thousands separator.
func FormatAmount(cents int64, currency string) string {
	// uint64 negation is exact for every int64, math.MinInt64 included.
	abs := uint64(cents)
	if cents < 0 {
		abs = -abs
	}
	digits := strconv.FormatUint(abs, 10)
	if decimals := MinorUnits(currency); decimals > 0 {
		if len(digits) <= decimals {
			digits = strings.Repeat("0", decimals+1-len(digits)) + digits
		}
		digits = digits[:len(digits)-decimals] + "." + digits[len(digits)-decimals:]
	}
	if cents < 0 {
		digits = "-" + digits
	}
	if currency == "" {
		return digits
	}
	return digits + " " + currency
}
