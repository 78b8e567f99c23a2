package specval

// The shapes below stand in for kin-openapi's regular expressions for the
// formats every response is full of. Each accepts a subset of what its
// expression accepts (the canonical form lagotest writes), so a string it
// accepts is valid; any other string is checked by the expression itself.

// isUUID accepts a lower-case RFC 9562 UUID of versions 1 to 8, a subset of
// FormatOfStringForUUIDOfRFC9562.
func isUUID(b []byte) bool {
	if len(b) != 36 {
		return false
	}
	for i, c := range b {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		case 14:
			if c < '1' || c > '8' {
				return false
			}
		case 19:
			if c != '8' && c != '9' && c != 'a' && c != 'b' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// isDate accepts YYYY-MM-DD with a month of 01 to 12 and a day of 01 to
// 31, which is FormatOfStringDate.
func isDate(b []byte) bool {
	return len(b) == 10 && digits(b[0:4]) && b[4] == '-' && month(b[5:7]) && b[7] == '-' && day(b[8:10])
}

// isDateTime accepts a date, "T", hh:mm:ss and "Z", a subset of
// FormatOfStringDateTime.
func isDateTime(b []byte) bool {
	return len(b) == 20 && isDate(b[:10]) && b[10] == 'T' &&
		digits(b[11:13]) && (b[11] < '2' || b[11] == '2' && b[12] <= '3') && b[13] == ':' &&
		b[14] >= '0' && b[14] <= '5' && digits(b[15:16]) && b[16] == ':' &&
		b[17] >= '0' && b[17] <= '5' && digits(b[18:19]) && b[19] == 'Z'
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func month(b []byte) bool {
	return b[0] == '0' && b[1] >= '1' && b[1] <= '9' || b[0] == '1' && b[1] >= '0' && b[1] <= '2'
}

func day(b []byte) bool {
	return b[0] == '0' && b[1] >= '1' && b[1] <= '9' || (b[0] == '1' || b[0] == '2') && b[1] >= '0' && b[1] <= '9' ||
		b[0] == '3' && (b[1] == '0' || b[1] == '1')
}
