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

// Dimensions the dashboard counts applications by: the SQL expression of each, over the
// applications a and their employers e.
var dimensions = map[string]string{
	"stage":         "a.stage",
	"route":         "a.route",
	"series":        "a.series",
	"level":         "a.level",
	"region":        "e.region",
	"employer_kind": "e.employer_kind",
	"kind":          "a.kind",
}

// Scope narrows the statistics to one region (a 职改办's: the region of the applications'
// employers); the zero Scope is the whole province.
type Scope struct {
	Region string
}

// where returns the condition of the scope over e, and its argument list from $n.
func (sc Scope) where(args []any) (string, []any) {
	if sc.Region == "" {
		return "", args
	}
	args = append(args, sc.Region)
	return fmt.Sprintf(" AND e.region = $%d", len(args)), args
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

// CountApplications counts the applications in scope by one dimension (stage, route,
// series, level, region, employer_kind, kind), largest group first. It is one GROUP BY in
// the database, whatever the number of applications.
func (r reader) CountApplications(ctx context.Context, sc Scope, dim string) ([]Count, error) {
	col, ok := dimensions[dim]
	if !ok {
		return nil, fmt.Errorf("store: stats: no dimension %q", dim)
	}
	cond, args := sc.where(nil)
	return r.counts(ctx, dim, `SELECT `+col+`, COUNT(*) FROM applications a JOIN organisations e ON e.id = a.employer_id
		WHERE 1 = 1`+cond+` GROUP BY `+col+` ORDER BY COUNT(*) DESC, `+col, 1, args...)
}

// Decisions counts the committees' decisions on title applications in scope by committee
// name (Key), review group (Key2, "" for the others) and decision (Key3).
func (r reader) Decisions(ctx context.Context, sc Scope) ([]Count, error) {
	cond, args := sc.where([]any{guantong.KindTitle})
	return r.counts(ctx, "decisions", `SELECT c.name, a.review_group, a.decision, COUNT(*)
		FROM applications a JOIN organisations e ON e.id = a.employer_id JOIN organisations c ON c.id = a.committee_id
		WHERE a.kind = $1 AND a.decision <> ''`+cond+`
		GROUP BY c.name, a.review_group, a.decision ORDER BY c.name, a.review_group, a.decision`, 3, args...)
}

// StageDays counts the spells in each stage by whole days spent: Key the stage, Key2 the
// days, so that the median and the 90th percentile are read from the counts.
func (r reader) StageDays(ctx context.Context, sc Scope) ([]Count, error) {
	cond, args := sc.where(nil)
	return r.counts(ctx, "stage days", `SELECT s.stage, CAST(s.days AS TEXT), COUNT(*)
		FROM stage_spells s JOIN applications a ON a.id = s.application_id JOIN organisations e ON e.id = a.employer_id
		WHERE 1 = 1`+cond+` GROUP BY s.stage, s.days ORDER BY s.stage, s.days`, 2, args...)
}

// CertificatesByMonth counts the certificates granted or issued in scope by month
// (YYYY-MM) and kind (Key2).
func (r reader) CertificatesByMonth(ctx context.Context, sc Scope) ([]Count, error) {
	cond, args := sc.where(nil)
	return r.counts(ctx, "certificates", `SELECT SUBSTR(a.certified_on, 1, 7), a.kind, COUNT(*)
		FROM applications a JOIN organisations e ON e.id = a.employer_id
		WHERE a.certified_on <> ''`+cond+` GROUP BY SUBSTR(a.certified_on, 1, 7), a.kind ORDER BY 1, 2`, 2, args...)
}

// RevocationsByMonth counts the revoked certificates in scope by month of revocation.
func (r reader) RevocationsByMonth(ctx context.Context, sc Scope) ([]Count, error) {
	cond, args := sc.where(nil)
	return r.counts(ctx, "revocations", `SELECT SUBSTR(a.revoked_on, 1, 7), COUNT(*)
		FROM applications a JOIN organisations e ON e.id = a.employer_id
		WHERE a.revoked_on <> ''`+cond+` GROUP BY SUBSTR(a.revoked_on, 1, 7) ORDER BY 1`, 1, args...)
}

// ObjectionsByStatus counts the objections lodged against applications in scope by status.
func (r reader) ObjectionsByStatus(ctx context.Context, sc Scope) ([]Count, error) {
	cond, args := sc.where(nil)
	return r.counts(ctx, "objections", `SELECT o.status, COUNT(*)
		FROM objections o JOIN applications a ON a.id = o.application_id JOIN organisations e ON e.id = a.employer_id
		WHERE 1 = 1`+cond+` GROUP BY o.status ORDER BY o.status`, 1, args...)
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
