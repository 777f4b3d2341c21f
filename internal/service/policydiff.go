package service

import (
	"slices"

	"guantong"
	"guantong/internal/policy"
)

// PolicyDiff sets a policy beside the one in force: clause by clause (the rules in words,
// policy.Explain) and parameter by parameter (every value of the file), differences marked.
type PolicyDiff struct {
	Old, New     PolicyHead    `json:"-"`
	OldID        string        `json:"old_id"`
	NewID        string        `json:"new_id"`
	NewFrom      guantong.Date `json:"new_effective_from"`
	Clauses      []DiffRow     `json:"clauses"`
	Params       []DiffRow     `json:"params"`
	ChangedCount int           `json:"changed"`
}

// PolicyHead names one side of a diff.
type PolicyHead struct {
	ID, Title     string
	EffectiveFrom guantong.Date
}

// DiffRow is one clause or parameter on both sides; Old or New is "" where a side lacks it.
type DiffRow struct {
	Key     string `json:"key"` // the clause (三(一)2) or the parameter's path (Forward[1].Years)
	Old     string `json:"old"`
	New     string `json:"new"`
	Changed bool   `json:"changed"`
}

// Diff compares the policy old (in force) with next, clause by clause and key by key.
func Diff(old, next *policy.Params) PolicyDiff {
	d := PolicyDiff{Old: head(old), New: head(next), OldID: old.ID, NewID: next.ID, NewFrom: next.EffectiveFrom}
	var oc, nc []string
	om, nm := map[string]string{}, map[string]string{}
	for _, r := range policy.Explain(old) {
		oc, om[r.Clause] = append(oc, r.Clause), r.Checks
	}
	for _, r := range policy.Explain(next) {
		nc, nm[r.Clause] = append(nc, r.Clause), r.Checks
	}
	d.Clauses = rows(merge(oc, nc), om, nm)
	ov, ok := paramsJSON(old)
	nv, nk := paramsJSON(next)
	d.Params = rows(merge(ok, nk), ov, nv)
	for _, r := range append(slices.Clone(d.Clauses), d.Params...) {
		if r.Changed {
			d.ChangedCount++
		}
	}
	return d
}

func head(p *policy.Params) PolicyHead {
	return PolicyHead{ID: p.ID, Title: p.Title, EffectiveFrom: p.EffectiveFrom}
}

// merge returns the keys of a in order, then those only in b.
func merge(a, b []string) []string {
	out := slices.Clone(a)
	for _, k := range b {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func rows(keys []string, old, next map[string]string) []DiffRow {
	out := make([]DiffRow, 0, len(keys))
	for _, k := range keys {
		out = append(out, DiffRow{Key: k, Old: old[k], New: next[k], Changed: old[k] != next[k]})
	}
	return out
}
