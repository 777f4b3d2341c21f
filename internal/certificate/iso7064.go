package certificate

const alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// hybrid returns the check value of ISO/IEC 7064's hybrid system with modulus m (MOD m+1,m)
// for values in [0, m): the value c for which the check, run over values and c, ends at 1.
func hybrid(values []int, m int) int {
	p := m
	for _, a := range values {
		s := (p + a) % m
		if s == 0 {
			s = m
		}
		p = (2 * s) % (m + 1)
	}
	return (m + 1 - p) % m
}

// value is a character's value in MOD 37,36: digits 0-9, letters 10-35 (either case),
// anything else its code point modulo 36.
func value(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'A' && r <= 'Z':
		return int(r-'A') + 10
	case r >= 'a' && r <= 'z':
		return int(r-'a') + 10
	}
	return int(r % 36)
}

// check returns the MOD 37,36 check character of s, hyphens skipped.
func check(s string) byte {
	var vs []int
	for _, r := range s {
		if r != '-' {
			vs = append(vs, value(r))
		}
	}
	return alphanumeric[hybrid(vs, 36)]
}
