package store

import (
	"context"
	"fmt"
	"time"

	"guantong"
)

// Count is one group of an aggregate query: its keys (one to three) and how many rows.
type Count struct {
	Key, Key2, Key3 string
	N               int64
}

// Dims are the dimensions the dashboard counts applications by, in the order of
// ApplicationGroup.Keys.
var Dims = []string{"stage", "route", "series", "level", "region", "employer_kind"}

// ApplicationGroup is one combination of the dimensions and how many applications have it.
type ApplicationGroup struct {
	Keys [6]string // by Dims
	N    int64
}

// Scope narrows the statistics to one region (a 职改办's: the region of the applications'
// employers); the zero Scope is the whole province.
type Scope struct {
	Region string
}

// from returns the FROM and WHERE of a statistics query over table, whose application (alias
// a) is reached by the join via, and its arguments after args. A region keeps the
// applications of its employers (organisations_region); the province's counts are scans of
// one narrow index.
func (sc Scope) from(table, via string, args []any) (string, []any) {
	if sc.Region == "" {
		return ` FROM ` + table + ` WHERE 1 = 1`, args
	}
	args = append(args, sc.Region)
	return fmt.Sprintf(` FROM %s%s WHERE a.employer_id IN (SELECT id FROM organisations WHERE region = $%d)`, table, via, len(args)), args
}

// counts runs an aggregate query whose rows are keys keys and a count.
func (r reader) counts(ctx context.Context, what, q string, keys int, args ...any) ([]Count, error) {
	rows, err := r.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: stats %s: %w", what, err)
	}
	return collect(rows, func(row scanner) (Count, error) {
		var c Count
		dest := []any{&c.Key, &c.Key2, &c.Key3}[:keys]
		return c, row.Scan(append(dest, &c.N)...)
	})
}

// ApplicationGroups counts the applications in scope by every dimension at once: one GROUP
// BY over the index applications_stats joined to the employers (a few dozen rows), whatever
// the number of applications; the dashboard sums each dimension from the groups.
func (r reader) ApplicationGroups(ctx context.Context, sc Scope) ([]ApplicationGroup, error) {
	// The inner GROUP BY follows the index applications_stats (employer first) and reads no
	// row of the table; the outer one joins its few groups to their employers.
	from, args := sc.from("applications a", "", nil)
	q := `SELECT d.stage, d.route, d.series, d.level, e.region, e.employer_kind, SUM(d.n) FROM (
		SELECT a.employer_id, a.stage, a.route, a.series, a.level, COUNT(*) AS n` + from + `
		GROUP BY a.employer_id, a.stage, a.route, a.series, a.level) d
		JOIN organisations e ON e.id = d.employer_id`
	rows, err := r.q.QueryContext(ctx, q+` GROUP BY d.stage, d.route, d.series, d.level, e.region, e.employer_kind`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: stats applications: %w", err)
	}
	return collect(rows, func(row scanner) (ApplicationGroup, error) {
		var g ApplicationGroup
		return g, row.Scan(&g.Keys[0], &g.Keys[1], &g.Keys[2], &g.Keys[3], &g.Keys[4], &g.Keys[5], &g.N)
	})
}

// Decisions counts the committees' decisions on title applications in scope by committee
// name (Key), review group (Key2, "" for the others) and decision (Key3).
func (r reader) Decisions(ctx context.Context, sc Scope) ([]Count, error) {
	from, args := sc.from("applications a", "", nil)
	return r.counts(ctx, "decisions", `SELECT c.name, d.review_group, d.decision, d.n FROM (
		SELECT a.committee_id, a.review_group, a.decision, COUNT(*) AS n`+from+` AND a.decision > ''
		GROUP BY a.committee_id, a.review_group, a.decision) d
		JOIN organisations c ON c.id = d.committee_id ORDER BY c.name, d.review_group, d.decision`, 3, args...)
}

// StageDays counts the spells in each stage by whole days spent: Key the stage, Key2 the
// days, so that the median and the 90th percentile are read from the counts.
func (r reader) StageDays(ctx context.Context, sc Scope) ([]Count, error) {
	from, args := sc.from("stage_spells s", " JOIN applications a ON a.id = s.application_id", nil)
	return r.counts(ctx, "stage days", `SELECT s.stage, CAST(s.days AS TEXT), COUNT(*)`+from+`
		GROUP BY s.stage, s.days ORDER BY s.stage, s.days`, 2, args...)
}

// CertificatesByMonth counts the certificates granted or issued in scope by month
// (YYYY-MM) and kind (Key2).
func (r reader) CertificatesByMonth(ctx context.Context, sc Scope) ([]Count, error) {
	from, args := sc.from("applications a", "", nil)
	return r.counts(ctx, "certificates", `SELECT SUBSTR(a.certified_on, 1, 7), a.kind, COUNT(*)`+from+` AND a.certified_on > ''
		GROUP BY SUBSTR(a.certified_on, 1, 7), a.kind ORDER BY 1, 2`, 2, args...)
}

// RevocationsByMonth counts the revoked certificates in scope by month of revocation.
func (r reader) RevocationsByMonth(ctx context.Context, sc Scope) ([]Count, error) {
	from, args := sc.from("applications a", "", nil)
	return r.counts(ctx, "revocations", `SELECT SUBSTR(a.revoked_on, 1, 7), COUNT(*)`+from+` AND a.revoked_on > ''
		GROUP BY SUBSTR(a.revoked_on, 1, 7) ORDER BY 1`, 1, args...)
}

// ObjectionsByStatus counts the objections lodged against applications in scope by status.
func (r reader) ObjectionsByStatus(ctx context.Context, sc Scope) ([]Count, error) {
	from, args := sc.from("objections o", " JOIN applications a ON a.id = o.application_id", nil)
	return r.counts(ctx, "objections", `SELECT o.status, COUNT(*)`+from+` GROUP BY o.status ORDER BY o.status`, 1, args...)
}

// RecordSpell records, in this transaction, that an application left stage at left: the
// spell began when it last changed stage (or when it was created) and lasted days whole days.
func (tx *Tx) RecordSpell(ctx context.Context, app guantong.Application, left time.Time) error {
	var entered int64
	err := tx.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(left_at), 0) FROM stage_spells WHERE application_id = $1`, app.ID).Scan(&entered)
	if err != nil {
		return fmt.Errorf("store: spell of application %d: %w", app.ID, err)
	}
	if entered == 0 {
		entered = ms(app.CreatedAt)
	}
	days := (ms(left) - entered) / int64(24*time.Hour/time.Millisecond)
	if _, err := tx.tx.ExecContext(ctx, `INSERT INTO stage_spells (application_id, stage, entered_at, left_at, days)
		VALUES ($1, $2, $3, $4, $5)`, app.ID, string(app.Stage), entered, ms(left), max(days, 0)); err != nil {
		return fmt.Errorf("store: spell of application %d: %w", app.ID, err)
	}
	return nil
}
