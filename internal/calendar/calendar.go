// Package calendar knows China's statutory working days: the public holidays and the weekend
// days made working days in exchange (调休), as the State Council arranges them each year.
//
// The arrangements are our own dated data table, data/holidays.json, embedded in the binary
// and read once by Default. It was generated from github.com/6tail/lunar-go's table by
// internal/calendar/gen/main.go; the runtime never consults lunar-go. A new year's arrangement
// (published each November or December) is a data change, not a code change: append its days
// to data/holidays.json, check them against the notice, and rebuild. Outside the years the
// table covers (Years, Covers) only weekends are known, and Monday to Friday count as working
// days.
//
// # Counting a notice period
//
// The plan's public notice (公示) runs for "at least 5 working days", and so does the result
// notice. A notice opened on day d runs through AddWorkdays(d, 5):
//
//   - if d is a working day, d itself is day 1, and the notice ends on the 4th working day
//     after it;
//   - if d is not a working day (a weekend or a holiday), day 1 is the next working day.
//
// Holidays inside the period do not count and 调休 weekend days do, so a notice opened on
// Friday 2026-04-03, before the three days of 清明节, ends on Friday 2026-04-10 rather than
// Thursday 2026-04-09. WorkdaysBetween(d, end) is 5 for such a period.
package calendar

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	"guantong"
	"guantong/data"
)

// Calendar is one table of statutory arrangements. It is immutable and safe for concurrent use.
type Calendar struct {
	first, last int                      // the calendar years the table covers
	start       guantong.Date            // 1 January of first
	work        []bool                   // IsWorkday for each day from start to 31 December of last
	cum         []int32                  // cum[i] is the number of working days among work[:i]
	names       map[guantong.Date]string // the holiday each listed day belongs to
}

var builtIn = sync.OnceValue(func() *Calendar {
	c, err := Load(bytes.NewReader(data.Holidays))
	if err != nil {
		// A broken built-in table is a build mistake that this package's tests catch.
		panic(fmt.Sprintf("built-in data/holidays.json: %v", err))
	}
	return c
})

// Default returns the calendar of the built-in table, data/holidays.json, parsed once.
func Default() *Calendar { return builtIn() }

// Years returns the first and last calendar years the table covers.
func (c *Calendar) Years() (first, last int) { return c.first, c.last }

// Covers reports whether d falls within the years the table covers. Outside them IsWorkday
// knows only weekends: it answers Monday to Friday.
func (c *Calendar) Covers(d guantong.Date) bool {
	i := c.index(d)
	return i >= 0 && i < len(c.work)
}

// index returns d's position in c.work; it is out of range when c does not cover d.
func (c *Calendar) index(d guantong.Date) int { return c.start.DaysUntil(d) }

// IsWorkday reports whether d is a working day: a weekday unless it is a holiday, a weekend
// day only when it is a 调休 working day.
func (c *Calendar) IsWorkday(d guantong.Date) bool {
	if i := c.index(d); i >= 0 && i < len(c.work) {
		return c.work[i]
	}
	return isWeekday(d.Weekday())
}

// Holiday returns the name of the holiday d belongs to (元旦, 春节, 清明节, 劳动节, 端午节,
// 中秋节, 国庆节, or 国庆节、中秋节 when the two are arranged together). ok is true for every
// day the arrangement lists: the days off, weekends inside the block included, and the weekend
// days worked in exchange; IsWorkday tells which. It is false for ordinary days and for days
// outside the table.
func (c *Calendar) Holiday(d guantong.Date) (name string, ok bool) {
	name, ok = c.names[d]
	return name, ok
}

// AddWorkdays returns the date on which n working days have passed counting from start: the
// nth working day on or after start, so start itself is the first when it is a working day.
// A notice opened on a Friday before a three-day holiday therefore ends later than one opened
// in an ordinary week. For n < 1, or the zero Date, it returns start.
func (c *Calendar) AddWorkdays(start guantong.Date, n int) guantong.Date {
	if n < 1 || start.IsZero() {
		return start
	}
	d := start
	for {
		if c.IsWorkday(d) {
			n--
			if n == 0 {
				return d
			}
		}
		d = d.AddDays(1)
	}
}

// WorkdaysBetween counts the working days in [from, to], both days included; it is 0 when to
// is before from.
func (c *Calendar) WorkdaysBetween(from, to guantong.Date) int {
	if to.Before(from) {
		return 0
	}
	end := c.start.AddDays(len(c.work) - 1) // 31 December of the last year
	n := 0
	if from.Before(c.start) { // the part before the table
		n += weekdaysBetween(from, minDate(to, c.start.AddDays(-1)))
	}
	if to.After(end) { // the part after it
		n += weekdaysBetween(maxDate(from, end.AddDays(1)), to)
	}
	i, j := c.index(maxDate(from, c.start)), c.index(minDate(to, end))
	if i <= j { // the part the table covers
		n += int(c.cum[j+1] - c.cum[i])
	}
	return n
}

// weekdaysBetween counts Mondays to Fridays in [from, to]; 0 when to is before from.
func weekdaysBetween(from, to guantong.Date) int {
	days := from.DaysUntil(to) + 1
	if days <= 0 {
		return 0
	}
	n := days / 7 * 5 // every full week has five
	w := from.Weekday()
	for k := 0; k < days%7; k++ {
		if isWeekday((w + time.Weekday(k)) % 7) {
			n++
		}
	}
	return n
}

func isWeekday(w time.Weekday) bool { return w != time.Saturday && w != time.Sunday }

func minDate(a, b guantong.Date) guantong.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b guantong.Date) guantong.Date {
	if a.After(b) {
		return a
	}
	return b
}
