package guantong

import "strings"

// MaskID hides the middle of a resident ID number for public notices: the first 6 and the
// last 4 characters stay (130102********1237). Anything shorter than 11 characters is
// hidden whole.
func MaskID(id string) string {
	r := []rune(id)
	if len(r) < 11 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + strings.Repeat("*", len(r)-10) + string(r[len(r)-4:])
}

// MaskPhone hides the middle four digits of a mobile number (138****5678); other numbers
// keep only their last 4 characters.
func MaskPhone(phone string) string {
	r := []rune(phone)
	switch {
	case len(r) == 11:
		return string(r[:3]) + "****" + string(r[7:])
	case len(r) <= 4:
		return strings.Repeat("*", len(r))
	}
	return strings.Repeat("*", len(r)-4) + string(r[len(r)-4:])
}
