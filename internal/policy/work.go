package policy

import (
	"slices"

	"guantong"
)

// history is a person's technical-skill work, merged into disjoint periods in date order.
// An empty history means continuous work (the contract: absent work is assumed unbroken).
type history struct {
	periods []guantong.WorkPeriod // merged; a zero To (ongoing) only on the last
}

func newHistory(work []guantong.WorkPeriod) history {
	if len(work) == 0 {
		return history{}
	}
	ps := slices.Clone(work)
	slices.SortFunc(ps, func(a, b guantong.WorkPeriod) int { return a.From.Compare(b.From) })
	merged := ps[:1]
	for _, p := range ps[1:] {
		last := &merged[len(merged)-1]
		if last.To.IsZero() { // ongoing: covers everything after
			break
		}
		if !p.From.After(last.To.AddDays(1)) { // overlapping or adjacent: no gap between
			if p.To.IsZero() || p.To.After(last.To) {
				last.To = p.To
			}
			continue
		}
		merged = append(merged, p)
	}
	return history{periods: merged}
}

// span is the result of counting years of work from a start date.
type span struct {
	met     guantong.Date // the day the years are first complete; zero when never (work ended)
	gapDays int           // days without work after the start that pushed met back
	ended   guantong.Date // when met is zero: the last day of work on record
}

// yearsFrom counts n years of work from start ("满n年", the contract's default 1): met on the
// same month and day n years later, pushed back by every day without work after start and
// before that day. When the record ends before the years are complete, met is zero.
func (h history) yearsFrom(start guantong.Date, n int) span {
	target := start.AddYears(n)
	if len(h.periods) == 0 {
		return span{met: target}
	}
	gap := 0
	cursor := start // the first day after start not yet accounted for
	for _, p := range h.periods {
		if !p.To.IsZero() && p.To.Before(cursor) {
			continue
		}
		if p.From.After(cursor) {
			if !cursor.Before(target) {
				break // the years were complete before this gap
			}
			g := cursor.DaysUntil(p.From)
			gap += g
			target = target.AddDays(g)
		}
		if p.To.IsZero() {
			return span{met: target, gapDays: gap}
		}
		cursor = p.To.AddDays(1)
	}
	if cursor.Before(target) {
		return span{gapDays: gap, ended: cursor.AddDays(-1)}
	}
	return span{met: target, gapDays: gap}
}

// first returns the first day of work on record, or the zero Date when no work is given.
func (h history) first() guantong.Date {
	if len(h.periods) == 0 {
		return guantong.Date{}
	}
	return h.periods[0].From
}
