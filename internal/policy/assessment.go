package policy

import "guantong"

// assessed is the outcome of 近N年年度考核合格 for one person on one date.
type assessed struct {
	reason  guantong.Reason
	missing []string // field paths of the years without a record, when none failed
}

// assess checks 近N年年度考核合格 (contract default 2): the last N years whose assessment is
// due by as_of (a year's is due on the policy's date of the next year), each present and
// passing; years before the first work period are not required when work is given. A failing
// year fails the condition; a missing year, with none failing, leaves it undecided.
func (c *checker) assess() assessed {
	a := c.p.Assessment
	first, last := a.Window(c.asOf)
	from := first
	if start := c.work.first(); !start.IsZero() && start.Year() > from {
		from = start.Year()
	}
	b := c.buf[:0]
	b = append(b, "近"...)
	b = appendInt(b, a.Years)
	b = append(b, "年（"...)
	b = appendInt(b, first)
	b = append(b, "—"...)
	b = appendInt(b, last)
	b = append(b, "）"...)
	if from > last {
		b = append(b, "均在参加工作之前，不要求年度考核"...)
		return assessed{reason: guantong.Reason{Clause: clauseYears, Met: true, Text: string(b)}}
	}
	if from > first {
		b = append(b, "中参加工作后的 "...)
		b = appendInt(b, from)
		if from < last {
			b = append(b, "—"...)
			b = appendInt(b, last)
		}
		b = append(b, ' ')
	}
	b = append(b, "年度考核"...)
	var missing []string
	failed, problems := false, 0
	for year := from; year <= last; year++ {
		result, ok := c.assessmentOf(year)
		switch {
		case !ok:
			b = appendProblem(b, problems == 0, year, "无记录")
			missing = append(missing, "person.assessments["+itoa(year)+"]")
		case contains(a.Passing, result):
			continue
		case contains(a.Failing, result):
			b = appendProblem(b, problems == 0, year, result)
			failed = true
		default: // a grade the policy does not list: neither passing nor failing
			b = appendProblem(b, problems == 0, year, "「"+result+"」（政策未列此考核结果）")
			missing = append(missing, "person.assessments["+itoa(year)+"]")
		}
		problems++
	}
	if problems == 0 {
		b = append(b, "均合格"...)
	}
	if failed {
		missing = nil // a failure decides: the option is ineligible whatever the missing years say
	}
	return assessed{reason: guantong.Reason{Clause: clauseYears, Met: problems == 0, Text: string(b)}, missing: missing}
}

func appendProblem(b []byte, first bool, year int, what string) []byte {
	if first {
		b = append(b, "未均合格："...)
	} else {
		b = append(b, "；"...)
	}
	b = appendInt(b, year)
	b = append(b, " 年"...)
	return append(b, what...)
}

// assessmentOf returns the result for a year; of two records for one year the one that does
// not pass counts, so that a duplicate cannot hide a failure.
func (c *checker) assessmentOf(year int) (string, bool) {
	result, found := "", false
	for _, a := range c.who.Assessments {
		if a.Year != year {
			continue
		}
		if !found || !contains(c.p.Assessment.Passing, a.Result) {
			result, found = a.Result, true
		}
	}
	return result, found
}
