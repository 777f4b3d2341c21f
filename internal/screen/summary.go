package screen

import (
	"sort"

	"guantong"
)

// When is how soon an option can be applied for, as the summary counts it.
type When int

const (
	Now       When = iota // eligible on as_of
	ThisYear              // its years are met later in as_of's year
	NextYear              // in the year after
	Later                 // after that
	NeedsInfo             // nothing fails but information is missing
	Never                 // a condition fails
	whens
)

// WhenOf classifies an option.
func WhenOf(o guantong.Option, asOf guantong.Date) When {
	switch o.Status {
	case guantong.StatusEligible:
		return Now
	case guantong.StatusNotYet:
		switch o.YearsMetOn.Year() - asOf.Year() {
		case 0:
			return ThisYear
		case 1:
			return NextYear
		}
		return Later
	case guantong.StatusNeedsInformation:
		return NeedsInfo
	}
	return Never
}

// WhenLabels are the column headers of the counts, in When order.
var WhenLabels = [...]string{"现可申报", "今年内可申报", "明年可申报", "以后可申报", "待补信息", "不符合"}

// Key groups options for the summary: route, series (the occupation for a skill
// evaluation) and level.
type Key struct {
	Route, Series, Level string
}

// Summary counts a screening: people by their soonest option, options by route, series and
// level.
type Summary struct {
	AsOf                guantong.Date // of the first answer
	Read, Bad, NoOption int
	People              [whens]int // by the soonest When among each person's options
	Options             map[Key]*[whens]int
	levelOrder          map[string]int
}

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	s := &Summary{Options: map[Key]*[whens]int{}, levelOrder: map[string]int{}}
	for i, l := range guantong.TitleLevels() {
		s.levelOrder[l] = i
	}
	for i, l := range guantong.SkillLevels() {
		s.levelOrder[l] = 10 + i
	}
	return s
}

// Add counts one result under its first answer.
func (s *Summary) Add(r *Result) {
	s.Read++
	if len(r.Answers) == 0 {
		s.Bad++
		return
	}
	a := &r.Answers[0]
	if s.AsOf.IsZero() {
		s.AsOf = a.AsOf
	}
	if len(a.Options) == 0 {
		s.NoOption++
		return
	}
	best := whens
	for _, o := range a.Options {
		w := WhenOf(o, a.AsOf)
		best = min(best, w)
		k := Key{Route: RouteLabel(o.Route), Series: o.Series, Level: o.Level.String()}
		if o.Route == guantong.RouteSkillEvaluation {
			k.Series = o.OccupationCode
		}
		c := s.Options[k]
		if c == nil {
			c = new([whens]int)
			s.Options[k] = c
		}
		c[w]++
	}
	s.People[best]++
}

// Keys returns the option groups in a stable order: route, series, level from lowest.
func (s *Summary) Keys() []Key {
	keys := make([]Key, 0, len(s.Options))
	for k := range s.Options {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.Route != b.Route {
			return a.Route < b.Route
		}
		if a.Series != b.Series {
			return a.Series < b.Series
		}
		return s.levelOrder[a.Level] < s.levelOrder[b.Level]
	})
	return keys
}
