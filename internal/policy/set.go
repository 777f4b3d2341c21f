package policy

import (
	"fmt"
	"slices"

	"guantong"
	"guantong/internal/catalog"
)

// Set holds several dated policies over one occupation table: the one in force on a date
// decides (contract default 9). It is safe for concurrent use.
type Set struct {
	engines []*Engine // by EffectiveFrom, earliest first
}

// NewSet returns a set of the given policies. Two policies with the same ID or the same
// effective date are refused: which of them is in force would be undecided.
func NewSet(ps []*Params, c *catalog.Catalog) (*Set, error) {
	if len(ps) == 0 {
		return nil, fmt.Errorf("没有政策文件")
	}
	s := &Set{}
	for _, p := range ps {
		s.engines = append(s.engines, New(p, c))
	}
	slices.SortStableFunc(s.engines, func(a, b *Engine) int { return a.params.EffectiveFrom.Compare(b.params.EffectiveFrom) })
	for i := 1; i < len(s.engines); i++ {
		a, b := s.engines[i-1].params, s.engines[i].params
		if a.EffectiveFrom.Equal(b.EffectiveFrom) {
			return nil, fmt.Errorf("政策 %s 与 %s 施行日期相同（%s）", a.ID, b.ID, a.EffectiveFrom)
		}
	}
	for i, e := range s.engines {
		for _, f := range s.engines[:i] {
			if f.params.ID == e.params.ID {
				return nil, fmt.Errorf("政策 %s 重复", e.params.ID)
			}
		}
	}
	return s, nil
}

// SetOf returns a set of one policy: the engine decides on every date.
func SetOf(e *Engine) *Set { return &Set{engines: []*Engine{e}} }

// DefaultSet returns the built-in policies over the built-in table.
func DefaultSet() *Set {
	s, err := NewSet(builtIn(), catalog.Default())
	if err != nil { // the package's tests load the built-in files
		panic("built-in policies: " + err.Error())
	}
	return s
}

// For returns the engine of the policy in force on asOf: the latest whose effective date is
// not after it. Before every effective date, the earliest policy stands (its Check warns).
func (s *Set) For(asOf guantong.Date) *Engine {
	in := s.engines[0]
	for _, e := range s.engines[1:] {
		if e.params.EffectiveFrom.After(asOf) {
			break
		}
		in = e
	}
	return in
}

// Check judges req by the policy in force on req.AsOf; the answer's Policy names it.
func (s *Set) Check(req guantong.Request) guantong.Answer { return s.For(req.AsOf).Check(req) }

// Engines returns the set's engines, earliest policy first.
func (s *Set) Engines() []*Engine { return slices.Clone(s.engines) }
