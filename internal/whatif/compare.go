// Package whatif compares two policies on one population: the policy in force and a draft,
// person by person, option by option, so that a rule change is tried before it is
// announced (issue 11 item 5). It reads people through internal/screen, which runs both
// engines on each.
package whatif

import (
	"guantong"
)

// Kind is how an option changes from the policy in force to the draft.
type Kind int

const (
	Gain    Kind = iota // eligible under the draft, not under the policy in force
	Loss                // eligible under the policy in force, not under the draft
	Earlier             // the years are met on an earlier date (status otherwise the same kind)
	Later               // the years are met on a later date
	Other               // another change of status (e.g. ineligible → not_yet), or an option only one lists
	kinds
)

// KindLabels name the kinds in Chinese, in Kind order.
var KindLabels = [...]string{"新增可申报", "不再可申报", "日期提前", "日期推后", "其他状态变化"}

func (k Kind) String() string { return KindLabels[k] }

// Key identifies an option in both answers.
type Key struct {
	Route, Series, Level, OccupationCode string
}

// KeyOf returns an option's key.
func KeyOf(o *guantong.Option) Key {
	return Key{Route: o.Route, Series: o.Series, Level: o.Level.String(), OccupationCode: o.OccupationCode}
}

// Change is one option that differs; Before or After is nil when only one answer lists it.
type Change struct {
	Kind          Kind
	Key           Key
	Before, After *guantong.Option
}

// Compare lists the options that differ between the answer under the policy in force and
// the one under the draft, in the draft's order and then the options only the policy in
// force lists.
func Compare(before, after *guantong.Answer) []Change {
	var out []Change
	find := func(a *guantong.Answer, k Key) *guantong.Option {
		for i := range a.Options {
			if KeyOf(&a.Options[i]) == k {
				return &a.Options[i]
			}
		}
		return nil
	}
	for i := range after.Options {
		a := &after.Options[i]
		k := KeyOf(a)
		b := find(before, k)
		if kind, changed := classify(b, a); changed {
			out = append(out, Change{Kind: kind, Key: k, Before: b, After: a})
		}
	}
	for i := range before.Options {
		b := &before.Options[i]
		k := KeyOf(b)
		if find(after, k) == nil {
			kind, _ := classify(b, nil)
			out = append(out, Change{Kind: kind, Key: k, Before: b})
		}
	}
	return out
}

// classify says how an option changed, and whether it did.
func classify(b, a *guantong.Option) (Kind, bool) {
	eligible := func(o *guantong.Option) bool { return o != nil && o.Status == guantong.StatusEligible }
	switch {
	case eligible(a) && !eligible(b):
		return Gain, true
	case eligible(b) && !eligible(a):
		return Loss, true
	case a == nil || b == nil:
		return Other, true
	case a.Status != b.Status:
		return Other, true
	case !a.YearsMetOn.Equal(b.YearsMetOn):
		if a.YearsMetOn.IsZero() || !b.YearsMetOn.IsZero() && a.YearsMetOn.Before(b.YearsMetOn) {
			return Earlier, true
		}
		return Later, true
	}
	return 0, false
}
