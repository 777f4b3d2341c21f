package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
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
// those open under the notice the application is in now.
var listedSelect = `SELECT ` + qualified("a", appColumns) + `, p.name, p.id_number, p.phone, e.name, COALESCE(c.name, ''),
	(SELECT COUNT(*) FROM objections o WHERE o.application_id = a.id AND o.status = '` + guantong.ObjectionOpen + `' AND o.notice = a.stage)
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

// listed runs a query of listedSelect.
func (r reader) listed(ctx context.Context, what, where string, args ...any) ([]Listed, error) {
	rows, err := r.q.QueryContext(ctx, listedSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return collect(rows, scanListed)
}

// scanListed reads one row of listedSelect.
func scanListed(row scanner) (Listed, error) {
	var l Listed
	var err error
	l.Application, err = scanAppAnd(row, &l.Name, &l.IDNumber, &l.Phone, &l.Employer, &l.Committee, &l.OpenObjections)
	return l, err
}

// Filter selects applications. The ID fields are alternatives (an application matching any
// is listed); with none set, all are. The other fields narrow further when set.
type Filter struct {
	PersonID, EmployerID, OfficeID, CommitteeID, EvaluatorID int64
	Stages                                                   []guantong.Stage // any of these
	NotStages                                                []guantong.Stage // none of these
	Kind, Route, Series, Level                               string
	Region                                                   string        // the employer's
	From, To                                                 guantong.Date // created, both inclusive
	InternalOn                                               guantong.Date // the employer's own 公示 has not ended on this day
	// Search finds an application by its number or certificate number, or by a prefix of
	// the applicant's name or ID number, of the employer's name or of the occupation code;
	// Codes are more occupation codes that match it (the service looks up their names).
	Search string
	Codes  []string
}

// where returns the conditions of f on applications (alias a), without joins, so that the
// count and the page read the same rows.
func (f Filter) where() *where {
	w := &where{}
	var alts []string
	for _, c := range []struct {
		col string
		id  int64
	}{{"a.person_id", f.PersonID}, {"a.employer_id", f.EmployerID}, {"a.office_id", f.OfficeID},
		{"a.committee_id", f.CommitteeID}, {"a.evaluator_id", f.EvaluatorID}} {
		if c.id != 0 {
			alts = append(alts, c.col+" = "+w.arg(c.id))
		}
	}
	if len(alts) > 0 {
		w.add("(" + strings.Join(alts, " OR ") + ")") // first: a page reads the alternatives apart (alternatives)
		w.alts = alts
	}
	if len(f.Stages) > 0 {
		w.add(w.in("a.stage", stageNames(f.Stages)))
	}
	if len(f.NotStages) > 0 {
		w.add("NOT " + w.in("a.stage", stageNames(f.NotStages)))
	}
	w.equal("a.kind", f.Kind)
	w.equal("a.route", f.Route)
	w.equal("a.series", f.Series)
	w.equal("a.level", f.Level)
	if f.Region != "" {
		w.add("a.employer_id IN (SELECT id FROM organisations WHERE region = " + w.arg(f.Region) + ")")
	}
	if !f.From.IsZero() {
		w.add("a.created_at >= " + w.arg(dayStart(f.From)))
	}
	if !f.To.IsZero() {
		w.add("a.created_at < " + w.arg(dayStart(f.To.AddDays(1))))
	}
	if !f.InternalOn.IsZero() {
		w.add("a.internal_until >= " + w.arg(f.InternalOn.String()))
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		w.add(f.search(w, q))
	}
	return w
}

// search returns the condition of a search: any of the ways an office finds a file.
func (f Filter) search(w *where, q string) string {
	var alts []string
	if n, err := strconv.ParseInt(q, 10, 64); err == nil && n > 0 {
		alts = append(alts, "a.id = "+w.arg(n))
	}
	alts = append(alts, "a.certificate_no = "+w.arg(q),
		"a.person_id IN (SELECT id FROM people WHERE "+w.namePrefix("name_key", q)+` OR id_number LIKE `+
			w.arg(likePrefix(strings.ToUpper(q)))+` ESCAPE '\')`,
		w.orgNamed("a.employer_id", q),
		"a.occupation_code LIKE "+w.arg(likePrefix(q))+` ESCAPE '\'`)
	if len(f.Codes) > 0 {
		alts = append(alts, w.in("a.occupation_code", f.Codes))
	}
	return "(" + strings.Join(alts, " OR ") + ")"
}

// Applications returns every application the filter selects, newest first, for the work
// that needs them all (a meeting's agenda, an export); lists page with ApplicationPage.
func (r reader) Applications(ctx context.Context, f Filter) ([]Listed, error) {
	w := f.where()
	return r.listed(ctx, "applications", w.String()+" ORDER BY a.created_at DESC, a.id DESC", w.args...)
}

// ApplicationPage returns one page of the applications the filter selects, with their total.
func (r reader) ApplicationPage(ctx context.Context, f Filter, p Paging) (Page[Listed], error) {
	return r.listedPage(ctx, "applications", f.where(), p, func() (int, error) { return r.countApplications(ctx, f) })
}

// listedPage reads one page of the applications w selects (alias a) with listedSelect's
// joins, and their total: count's, or else a COUNT(*) of w.
func (r reader) listedPage(ctx context.Context, what string, w *where, p Paging, count func() (int, error)) (Page[Listed], error) {
	return paged(ctx, w, "a", p, func(w *where) (int, error) {
		if count != nil {
			return count()
		}
		var n int
		if err := r.q.QueryRowContext(ctx, "SELECT COUNT(*) FROM applications a"+w.String(), w.args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: count %s: %w", what, err)
		}
		return n, nil
	}, func(w *where, order, limit string) ([]Listed, [][2]int64, error) {
		// The page's IDs first, from applications and its indexes alone; then the joins,
		// for those rows only, rather than for every row the filter selects before sorting.
		items, err := r.listed(ctx, what, " WHERE a.id IN ("+w.pageIDs(order, limit)+")"+order+" LIMIT "+limit, w.args...)
		keys := make([][2]int64, len(items))
		for i, l := range items {
			keys[i] = [2]int64{ms(l.CreatedAt), l.ID}
		}
		return items, keys, err
	})
}

// pageIDs returns the query of the IDs of a page of applications (alias a) in the order and
// up to the limit given. A filter of several scopes (HR's staff and those routed to it) reads
// each scope's first rows from its own index, in order, and keeps the first of their union:
// one ordered range each, where "employer_id = x OR evaluator_id = x" would gather and sort
// every row of both.
func (w *where) pageIDs(order, limit string) string {
	if len(w.alts) < 2 {
		return "SELECT a.id FROM applications a" + w.String() + order + " LIMIT " + limit
	}
	parts := make([]string, len(w.alts))
	for i, alt := range w.alts {
		conds := append([]string{alt}, w.conds[1:]...)
		parts[i] = fmt.Sprintf("SELECT id FROM (SELECT a.id FROM applications a WHERE %s%s LIMIT %s) AS s%d",
			strings.Join(conds, " AND "), order, limit, i)
	}
	return strings.Join(parts, " UNION ")
}

// EachApplication calls fn for every application the filter selects, in the order asked,
// reading them as one stream rather than into memory: the download of a list's view.
func (r reader) EachApplication(ctx context.Context, f Filter, oldest bool, fn func(Listed) error) error {
	return r.applications().each(ctx, f.where(), oldest, fn)
}

// applications is the applications' list as the other lists are described (directory.go),
// for the stream of its download.
func (r reader) applications() table[Listed] {
	return table[Listed]{what: "applications", from: "applications a", alias: "a", reader: r, sel: listedSelect, scan: scanListed,
		keyOf: func(l Listed) (int64, int64) { return ms(l.CreatedAt), l.ID }}
}

// StageCount is how many applications a filter selects at one stage.
type StageCount struct {
	Stage guantong.Stage
	Count int
}

// StageCounts counts the applications the filter selects by stage, most first.
func (r reader) StageCounts(ctx context.Context, f Filter) ([]StageCount, error) {
	var rows *sql.Rows
	var err error
	if scope, id, ok := f.countScope(); ok {
		w := f.countWhere(scope, id)
		rows, err = r.q.QueryContext(ctx, `SELECT stage, SUM(n) FROM application_counts`+w.String()+
			` GROUP BY stage HAVING SUM(n) > 0 ORDER BY SUM(n) DESC, stage`, w.args...)
	} else {
		w := f.where()
		rows, err = r.q.QueryContext(ctx, `SELECT a.stage, COUNT(*) FROM applications a`+w.String()+
			` GROUP BY a.stage ORDER BY COUNT(*) DESC, a.stage`, w.args...)
	}
	if err != nil {
		return nil, fmt.Errorf("store: count stages: %w", err)
	}
	return collect(rows, func(row scanner) (StageCount, error) {
		var c StageCount
		var stage string
		err := row.Scan(&stage, &c.Count)
		c.Stage = guantong.Stage(stage)
		return c, err
	})
}
