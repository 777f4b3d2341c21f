package calendar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"guantong"
)

// file is the shape of data/holidays.json.
type file struct {
	Source string            `json:"source"`
	Days   []json.RawMessage `json:"days"` // decoded one by one, so that errors name the entry
}

// entry is one listed day: a day off (kind rest) or a weekend day worked in exchange (work).
type entry struct {
	Date string `json:"date"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

const (
	kindWork = "work"
	kindRest = "rest"
)

// Load reads and validates a table in the format of data/holidays.json. Every problem is
// reported, each naming its entry and field (days[3].date), as guantong.FieldErrors:
//   - a date must be a real YYYY-MM-DD date, listed once;
//   - a name must be given;
//   - kind must be work (a weekend day worked, 调休) or rest (a day off);
//   - a work day must be a Saturday or a Sunday;
//   - a day off on a weekend must belong to a run of consecutive days off of the same holiday
//     that reaches a weekday (a weekend is off anyway; alone it is likely a work day mistyped);
//   - every year from the first listed to the last must have at least one day, since the
//     calendar then claims to know each of them (Covers).
//
// The entries may come in any order.
func Load(r io.Reader) (*Calendar, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, guantong.FieldErrors{guantong.DecodeError(err)}
	}
	var es guantong.FieldErrors
	if len(f.Days) == 0 {
		es.Add("days", "至少需要一个条目")
		return nil, es
	}
	days := readDays(&es, f.Days)
	if len(days) == 0 {
		return nil, es
	}
	checkWeekendRest(&es, days)
	first, last := checkYears(&es, days)
	if err := es.Err(); err != nil {
		return nil, err
	}
	return build(days, first, last), nil
}

// day is one entry read.
type day struct {
	at         string // days[i], i counting every entry of the file
	date       guantong.Date
	name, kind string
}

// readDays reads each entry on its own, so that a problem names it: a real date listed
// once, a name, and a kind, work only on a weekend. An entry whose date is unusable is left
// out.
func readDays(es *guantong.FieldErrors, raws []json.RawMessage) []day {
	days := make([]day, 0, len(raws))
	seen := map[guantong.Date]int{}
	for i, raw := range raws {
		at := fmt.Sprintf("days[%d]", i)
		var e entry
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			fe := guantong.DecodeError(err)
			if fe.Field == guantong.WholeFile {
				fe.Field = at
			} else {
				fe.Field = at + "." + fe.Field
			}
			*es = append(*es, fe)
			continue
		}
		d, err := guantong.ParseDate(e.Date)
		if err != nil {
			es.Add(at+".date", "%q 不是日期（YYYY-MM-DD）", e.Date)
			continue
		}
		if j, dup := seen[d]; dup {
			es.Add(at+".date", "%s 已在 days[%d] 出现过", e.Date, j)
			continue
		}
		seen[d] = i
		if strings.TrimSpace(e.Name) == "" {
			es.Add(at+".name", "%s 缺少节日名称", e.Date)
		}
		switch e.Kind {
		case kindWork:
			if isWeekday(d.Weekday()) {
				es.Add(at+".kind", "%s 是%s：调休上班（work）只能是周六或周日", e.Date, weekdayNames[d.Weekday()])
			}
		case kindRest:
		default:
			es.Add(at+".kind", "%q 不是 work（调休上班）或 rest（放假）", e.Kind)
		}
		days = append(days, day{at, d, e.Name, e.Kind})
	}
	return days
}

// checkWeekendRest refuses a weekend day listed as rest outside a block of days off that
// reaches a weekday: a weekend is off anyway, so alone it is most likely a 调休 working day
// typed as rest.
func checkWeekendRest(es *guantong.FieldErrors, days []day) {
	rest := map[guantong.Date]string{}
	for _, d := range days {
		if d.kind == kindRest {
			rest[d.date] = d.name
		}
	}
	for _, d := range days {
		if d.kind == kindRest && !isWeekday(d.date.Weekday()) && !blockHasWeekday(rest, d.date) {
			es.Add(d.at+".kind", "%s 是%s，不在任何含工作日的%s放假段内：周末本来休息，是否应为 work（调休上班）？",
				d.date, weekdayNames[d.date.Weekday()], d.name)
		}
	}
}

// checkYears returns the first and last years listed and refuses a year between them with
// no entry, since the calendar claims to know each year it covers.
func checkYears(es *guantong.FieldErrors, days []day) (first, last int) {
	first, last = days[0].date.Year(), days[0].date.Year()
	years := map[int]bool{}
	for _, d := range days {
		y := d.date.Year()
		years[y] = true
		first, last = min(first, y), max(last, y)
	}
	for y := first; y <= last; y++ {
		if !years[y] {
			es.Add("days", "%d 年没有任何条目：缺少该年的安排（表从 %d 年到 %d 年）", y, first, last)
		}
	}
	return first, last
}

// build makes the calendar of the years first to last from valid days: every weekday
// worked, every weekend off, except as listed.
func build(days []day, first, last int) *Calendar {
	c := &Calendar{
		first: first,
		last:  last,
		start: guantong.MakeDate(first, time.January, 1),
		names: make(map[guantong.Date]string, len(days)),
	}
	c.work = make([]bool, c.start.DaysUntil(guantong.MakeDate(last, time.December, 31))+1)
	for i := range c.work {
		c.work[i] = isWeekday(c.start.AddDays(i).Weekday())
	}
	for _, d := range days {
		c.work[c.index(d.date)] = d.kind == kindWork
		c.names[d.date] = d.name
	}
	c.cum = make([]int32, len(c.work)+1)
	for i, w := range c.work {
		c.cum[i+1] = c.cum[i]
		if w {
			c.cum[i+1]++
		}
	}
	return c
}

// blockHasWeekday reports whether the run of consecutive days off with d's name that contains
// d includes a weekday.
func blockHasWeekday(rest map[guantong.Date]string, d guantong.Date) bool {
	name := rest[d]
	for _, step := range []int{-1, 1} {
		for e := d; ; e = e.AddDays(step) {
			if n, ok := rest[e]; !ok || n != name {
				break
			}
			if isWeekday(e.Weekday()) {
				return true
			}
		}
	}
	return false
}

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}
