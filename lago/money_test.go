package lago_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lagoclient/lago-go/lago"
)

func TestMinorUnits(t *testing.T) {
	tests := []struct {
		currency string
		want     int
	}{
		{"EUR", 2},
		{"USD", 2},
		{"JPY", 0},
		{"KRW", 0},
		{"CLP", 0},
		{"VND", 0},
		{"ISK", 0},
		{"UGX", 0},
		{"XOF", 0},
		{"BHD", 3},
		{"JOD", 3},
		{"KWD", 3},
		{"OMR", 3},
		{"TND", 3},
		{"IQD", 3},
		{"LYD", 3},
		{"CLF", 4},
		{"UYW", 4},
		{"jpy", 0},
		{"Bhd", 3},
		{"ZZZ", 2},
		{"", 2},
		{"EURO", 2},
	}
	for _, tt := range tests {
		t.Run(tt.currency, func(t *testing.T) {
			assert.Equal(t, tt.want, lago.MinorUnits(tt.currency))
		})
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		name     string
		cents    int64
		currency string
		want     string
	}{
		{"two decimals", 1234, "EUR", "12.34 EUR"},
		{"zero", 0, "EUR", "0.00 EUR"},
		{"less than a unit", 5, "USD", "0.05 USD"},
		{"exactly one unit", 100, "USD", "1.00 USD"},
		{"negative", -1250, "USD", "-12.50 USD"},
		{"negative less than a unit", -5, "USD", "-0.05 USD"},
		{"zero decimals", 500, "JPY", "500 JPY"},
		{"zero decimals, zero", 0, "KRW", "0 KRW"},
		{"zero decimals, negative", -1500, "CLP", "-1500 CLP"},
		{"three decimals", 1234, "BHD", "1.234 BHD"},
		{"three decimals, small", 7, "KWD", "0.007 KWD"},
		{"three decimals, negative", -1000, "TND", "-1.000 TND"},
		{"four decimals", 12345, "CLF", "1.2345 CLF"},
		{"lower-case code kept as given", 500, "jpy", "500 jpy"},
		{"unknown currency has two decimals", 1234, "ZZZ", "12.34 ZZZ"},
		{"no currency", 1234, "", "12.34"},
		{"largest int64", math.MaxInt64, "EUR", "92233720368547758.07 EUR"},
		{"smallest int64", math.MinInt64, "EUR", "-92233720368547758.08 EUR"},
		{"smallest int64, zero decimals", math.MinInt64, "JPY", "-9223372036854775808 JPY"},
		{"smallest int64, three decimals", math.MinInt64, "BHD", "-9223372036854775.808 BHD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, lago.FormatAmount(tt.cents, tt.currency))
		})
	}
}
