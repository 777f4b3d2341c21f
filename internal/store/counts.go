package store

import (
	"context"
	"fmt"

	"guantong"
)

// Totals come from application_counts (migration 0014), which triggers keep in the
// transaction of every change: the total of a list that narrows by nothing but its scope,
// stages and kind is a sum of a few rows, where a COUNT(*) over a province's million
// applications reads a million index entries. Any other filter is counted by its WHERE.

// countScope returns the row of application_counts that holds the totals of f's scope, and
// false when f narrows by more than scope, stages and kind, or by a mix of scopes the table
// does not keep.
func (f Filter) countScope() (scope string, id int64, ok bool) {
	if f.Route != "" || f.Series != "" || f.Level != "" || f.Region != "" || !f.From.IsZero() || !f.To.IsZero() ||
		f.Search != "" || len(f.Codes) > 0 || !f.InternalOn.IsZero() {
		return "", 0, false
	}
	scopes := []struct {
		name string
		id   int64
	}{{"person", f.PersonID}, {"employer", f.EmployerID}, {"office", f.OfficeID}, {"committee", f.CommitteeID}, {"evaluator", f.EvaluatorID}}
	var set []int
	for i, s := range scopes {
		if s.id != 0 {
			set = append(set, i)
		}
	}
	switch {
	case len(set) == 0:
		return "all", 0, true
	case len(set) == 1:
		return scopes[set[0]].name, scopes[set[0]].id, true
	case len(set) == 2 && f.EmployerID != 0 && f.EmployerID == f.EvaluatorID:
		return "org", f.EmployerID, true // HR: its staff's and those routed to it, each once
	}
	return "", 0, false
}

// countWhere returns the conditions on application_counts that select f's totals.
func (f Filter) countWhere(scope string, id int64) *where {
	w := &where{}
	w.add("scope = " + w.arg(scope))
	w.add("scope_id = " + w.arg(id))
	if f.Kind != "" {
		w.add("kind = " + w.arg(f.Kind))
	}
	if len(f.Stages) > 0 {
		w.add(w.in("stage", stageNames(f.Stages)))
	}
	if len(f.NotStages) > 0 {
		w.add("NOT " + w.in("stage", stageNames(f.NotStages)))
	}
	return w
}

func stageNames(ss []guantong.Stage) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// countApplications returns how many applications f selects.
func (r reader) countApplications(ctx context.Context, f Filter) (int, error) {
	var n int
	var err error
	if scope, id, ok := f.countScope(); ok {
		w := f.countWhere(scope, id)
		err = r.q.QueryRowContext(ctx, "SELECT COALESCE(SUM(n), 0) FROM application_counts"+w.String(), w.args...).Scan(&n)
	} else {
		w := f.where()
		err = r.q.QueryRowContext(ctx, "SELECT COUNT(*) FROM applications a"+w.String(), w.args...).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("store: count applications: %w", err)
	}
	return n, nil
}
