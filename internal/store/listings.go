package store

import (
	"context"
	"fmt"
	"strings"

	"guantong"
)

// Listed is an application as a list shows it: with its applicant, the names of its
// employer and committee, and the objections still open under its current notice, all read
// by the list's one query rather than by a query per row.
type Listed struct {
	guantong.Application
	Name, IDNumber, Phone string // the applicant's
	Employer              string
	Committee             string // "" when none is assigned yet
	OpenObjections        int    // open objections lodged under the notice the application is in
}

// listedSelect reads an application (alias a) with its joins; the objections counted are
// those open ($1) under the notice the application is in now.
var listedSelect = `SELECT ` + qualified("a", appColumns) + `, p.name, p.id_number, p.phone, e.name, COALESCE(c.name, ''),
	(SELECT COUNT(*) FROM objections o WHERE o.application_id = a.id AND o.status = $1 AND o.notice = a.stage)
	FROM applications a
	JOIN people p ON p.id = a.person_id
	JOIN organisations e ON e.id = a.employer_id
	LEFT JOIN organisations c ON c.id = a.committee_id`

// qualified prefixes each column of a list with alias.
func qualified(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// listed runs a query of listedSelect; args follow the objection status.
func (r reader) listed(ctx context.Context, what, where string, args ...any) ([]Listed, error) {
	rows, err := r.q.QueryContext(ctx, listedSelect+where, append([]any{guantong.ObjectionOpen}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return collect(rows, func(row scanner) (Listed, error) {
		var l Listed
		var err error
		l.Application, err = scanAppAnd(row, &l.Name, &l.IDNumber, &l.Phone, &l.Employer, &l.Committee, &l.OpenObjections)
		return l, err
	})
}

// Filter selects applications. The ID fields are alternatives (an application matching any
// is listed); with none set, all are. Stage and Kind narrow further when set.
type Filter struct {
	PersonID, EmployerID, OfficeID, CommitteeID, EvaluatorID int64
	Stages                                                   []guantong.Stage
	Kind                                                     string
	Limit                                                    int // 0: 1000
}

// Applications returns the applications the filter selects, newest first.
func (r reader) Applications(ctx context.Context, f Filter) ([]Listed, error) {
	var where, alts []string
	args := []any{guantong.ObjectionOpen} // $1 of listedSelect, taken out again below
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	for _, c := range []struct {
		col string
		id  int64
	}{{"a.person_id", f.PersonID}, {"a.employer_id", f.EmployerID}, {"a.office_id", f.OfficeID},
		{"a.committee_id", f.CommitteeID}, {"a.evaluator_id", f.EvaluatorID}} {
		if c.id != 0 {
			alts = append(alts, c.col+" = "+arg(c.id))
		}
	}
	if len(alts) > 0 {
		where = append(where, "("+strings.Join(alts, " OR ")+")")
	}
	if len(f.Stages) > 0 {
		var in []string
		for _, s := range f.Stages {
			in = append(in, arg(string(s)))
		}
		where = append(where, "a.stage IN ("+strings.Join(in, ", ")+")")
	}
	if f.Kind != "" {
		where = append(where, "a.kind = "+arg(f.Kind))
	}
	q := ""
	if len(where) > 0 {
		q = " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	q += " ORDER BY a.id DESC LIMIT " + arg(limit)
	return r.listed(ctx, "applications", q, args[1:]...)
}

// Grants returns the title certificates granted from one day to another, both inclusive,
// revoked ones included, by number: the registration (上网) of a period. officeID, when not
// zero, keeps those of one 职改办's region.
func (r reader) Grants(ctx context.Context, from, to guantong.Date, officeID int64) ([]Listed, error) {
	q := ` WHERE a.kind = $2 AND a.certificate_no IS NOT NULL AND a.certified_on >= $3 AND a.certified_on <= $4`
	args := []any{guantong.KindTitle, from.String(), to.String()}
	if officeID != 0 {
		q += ` AND a.office_id = $5`
		args = append(args, officeID)
	}
	return r.listed(ctx, fmt.Sprintf("grants %s…%s", from, to), q+` ORDER BY a.certificate_no`, args...)
}
