package committee

import (
	"fmt"
	"strconv"
	"strings"

	"guantong"
)

// Points is a score in hundredths of a point: 8550 is 85.50. Scores run from 0 to 100 points
// (0 to 10000); keeping them as integers makes means and weighted sums exact up to the one
// documented rounding (see Mean and CombinedScore).
type Points int

// MaxPoints is 100 points, the top of every score.
const MaxPoints Points = 10000

// ParsePoints reads a score such as "85", "85.5" or "85.50": at most two decimals, 0 to 100.
func ParsePoints(s string) (Points, error) {
	s = strings.TrimSpace(s)
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || (dot && frac == "") || !allDigits(whole) || !allDigits(frac) || len(whole) > 3 {
		return 0, fmt.Errorf("%q 不是分数（0 至 100，最多两位小数）", s)
	}
	w, _ := strconv.Atoi(whole)
	f := 0
	if frac != "" {
		f, _ = strconv.Atoi(frac)
		if len(frac) == 1 {
			f *= 10
		}
	}
	p := Points(w*100 + f)
	if p > MaxPoints {
		return 0, fmt.Errorf("%q 超过 100 分", s)
	}
	return p, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Valid reports whether p is between 0 and 100 points.
func (p Points) Valid() bool { return p >= 0 && p <= MaxPoints }

// String returns the score with two decimals: "85.50".
func (p Points) String() string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	return fmt.Sprintf("%s%d.%02d", sign, p/100, p%100)
}

// divRound returns num/den rounded half up, for num >= 0 and den > 0.
func divRound(num, den int64) int64 { return (2*num + den) / (2 * den) }

// Mean returns the mean of scores rounded half up to the hundredth (85.125 → 85.13), and
// false when there is none.
func Mean(scores []Points) (Points, bool) {
	if len(scores) == 0 {
		return 0, false
	}
	var sum int64
	for _, s := range scores {
		sum += int64(s)
	}
	return Points(divRound(sum, int64(len(scores)))), true
}

// MarshalJSON writes the score as a JSON number with two decimals: 85.50.
func (p Points) MarshalJSON() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalJSON reads a score written as a JSON number (85.5) or string ("85.5"), as
// ParsePoints does: 0 to 100, at most two decimals.
func (p *Points) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if unq, err := strconv.Unquote(s); err == nil {
		s = unq
	}
	v, err := ParsePoints(s)
	if err != nil {
		return guantong.Errorf(guantong.EInvalid, "%s", err.Error())
	}
	*p = v
	return nil
}
