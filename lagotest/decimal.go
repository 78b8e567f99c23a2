package lagotest

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// parseDecimal reads a decimal string as Lago's BigDecimal columns take it.
func parseDecimal(s string) (*big.Rat, bool) {
	if !decimal.MatchString(s) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// decimalString writes r as Rails writes a BigDecimal: at most five
// decimals (the precision of Lago's credit columns), trailing zeros
// dropped but one kept, e.g. "180.25" or "0.0".
func decimalString(r *big.Rat) string {
	s := strings.TrimRight(r.FloatString(5), "0")
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return s
}

// cents rounds an amount of currency units to whole cents, half away from
// zero.
func cents(amount *big.Rat) int64 {
	c := new(big.Rat).Mul(amount, big.NewRat(100, 1))
	n, d := c.Num(), c.Denom()
	q, m := new(big.Int).QuoRem(n, d, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(int64(n.Sign())))
	}
	return q.Int64()
}

// decimal is the shape of a decimal string Lago accepts.
var decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// decimalOf writes whole cents as Lago's decimal strings do.
func decimalOf(cents int64) string { return strconv.FormatInt(cents, 10) + ".0" }
