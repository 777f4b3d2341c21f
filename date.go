package guantong

import (
	"errors"
	"time"
)

// Date is a civil date, as the plan counts years and as certificates carry them. It has no
// time zone: 2021-06-30 is the same day in every process. The zero Date means "none".
//
// It is a day number rather than a time.Time so that comparing and counting days is integer
// arithmetic and a Date holds no pointer: the engine compares dates in its inner loops.
type Date struct {
	n int32 // days since 1970-01-01, plus epochBias; 0 is the zero Date
}

// epochBias keeps every real date (year 1 onwards) above zero.
const epochBias = 719163 + 1 // days from 0001-01-01 to 1970-01-01, plus one

// MakeDate returns the date y-m-d, normalising out-of-range days as time.Date does
// (2023-02-29 becomes 2023-03-01).
func MakeDate(y int, m time.Month, d int) Date {
	if m >= time.January && m <= time.December && d >= 1 && d <= daysIn(y, m) {
		return Date{int32(daysFromCivil(y, int(m), d)) + epochBias}
	}
	return dateOfUTC(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// daysFromCivil and civilFromDays convert between a proleptic Gregorian date and days since
// 1970-01-01 in integer arithmetic (H. Hinnant's algorithms), so that the engine's date
// work never goes through time.Time.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// civil returns the year, month and day of d.
func (d Date) civil() (int, time.Month, int) {
	y, m, day := civilFromDays(int(d.n - epochBias))
	return y, time.Month(m), day
}

func dateOfUTC(t time.Time) Date {
	return Date{int32(t.Unix()/86400) + epochBias}
}

// ErrBadDate is returned by ParseDate for text that is not a real YYYY-MM-DD date.
var ErrBadDate = errors.New("is not a date (YYYY-MM-DD)")

// ParseDate reads YYYY-MM-DD. It refuses dates that do not exist, such as 2021-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, ErrBadDate
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 {
		return Date{}, ErrBadDate
	}
	date := MakeDate(y, time.Month(m), d)
	if date.Day() != d { // 2021-02-30 rolled over into March
		return Date{}, ErrBadDate
	}
	return date, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return MakeDate(y, m, d)
}

// Shanghai is the time zone in which "today" is read when no date is given.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil { // no tz database on the machine: China has kept UTC+8 without DST since 1991
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// Today returns the date of now in Asia/Shanghai.
func Today(now time.Time) Date { return DateOf(now.In(Shanghai)) }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d.n-epochBias)*86400, 0).UTC()
}

func (d Date) IsZero() bool          { return d.n == 0 }
func (d Date) Year() int             { y, _, _ := d.civil(); return y }
func (d Date) Month() time.Month     { _, m, _ := d.civil(); return m }
func (d Date) Day() int              { _, _, day := d.civil(); return day }
func (d Date) Weekday() time.Weekday { return time.Weekday((int(d.n-epochBias)%7 + 7 + 4) % 7) } // 1970-01-01 was a Thursday
func (d Date) Before(e Date) bool    { return d.n < e.n }
func (d Date) After(e Date) bool     { return d.n > e.n }
func (d Date) Equal(e Date) bool     { return d.n == e.n }
func (d Date) AddDays(n int) Date    { return Date{d.n + int32(n)} }
func (d Date) DaysUntil(e Date) int  { return int(e.n - d.n) }

// AddYears returns the same month and day n years later; a 29 February becomes 28 February
// in a year that has none (民法典 第二百零二条: the last day of the month when the month has
// no corresponding day), which is when "满n年" is met (the check contract, default 1).
func (d Date) AddYears(n int) Date {
	y, m, day := d.civil()
	return MakeDate(y+n, m, min(day, daysIn(y+n, m)))
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [10]byte
	return string(d.AppendTo(b[:0]))
}

// AppendTo appends YYYY-MM-DD to b; it lets reason texts be built without extra allocations.
func (d Date) AppendTo(b []byte) []byte {
	y, m, day := d.civil()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.AppendTo(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return ErrBadDate
	}
	v, err := ParseDate(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
