package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"guantong"
)

// maxParams bounds the placeholders of one statement: SQLite allows 32,766, PostgreSQL 65,535.
// SQLite gets anonymous ? placeholders here: it looks each $N up by name in a list, which
// for thousands of them costs more than the insert.
const maxParams = 30000

// BulkInsert writes rows into table with multi-row INSERTs of as many rows as the
// placeholders allow, for generated data (guantong demo) and tests that need many rows.
// table and columns are the caller's constants, never input; each row holds one value per
// column. Rows that break a unique constraint are skipped when skipConflicts is set.
func (tx *Tx) BulkInsert(ctx context.Context, table string, columns []string, rows [][]any, skipConflicts bool) error {
	tail := ""
	if skipConflicts {
		tail = " ON CONFLICT DO NOTHING"
	}
	return tx.bulk(ctx, table, columns, rows, tail, nil)
}

// bulk runs the INSERTs of BulkInsert with tail after each; with scan, tail holds a
// RETURNING clause whose rows scan reads.
func (tx *Tx) bulk(ctx context.Context, table string, columns []string, rows [][]any, tail string, scan func(scanner) error) error {
	per := max(1, maxParams/len(columns))
	head := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(chunk)*len(columns))
		for i, row := range chunk {
			if len(row) != len(columns) {
				return fmt.Errorf("store: bulk insert into %s: row %d has %d values for %d columns", table, start+i, len(row), len(columns))
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				if tx.engine == SQLite {
					b.WriteByte('?')
				} else {
					b.WriteByte('$')
					b.WriteString(strconv.Itoa(len(args) + j + 1))
				}
			}
			b.WriteByte(')')
			args = append(args, row...)
		}
		b.WriteString(tail)
		if scan == nil {
			if _, err := tx.tx.ExecContext(ctx, b.String(), args...); err != nil {
				return fmt.Errorf("store: bulk insert into %s: %w", table, err)
			}
			continue
		}
		rows, err := tx.tx.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return fmt.Errorf("store: bulk insert into %s: %w", table, err)
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return fmt.Errorf("store: bulk insert into %s: %w", table, err)
			}
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return fmt.Errorf("store: bulk insert into %s: %w", table, err)
		}
	}
	return nil
}

// InsertApplicants stores many people at version 1 and sets their IDs.
func (tx *Tx) InsertApplicants(ctx context.Context, ps []guantong.Applicant) error {
	rows := make([][]any, len(ps))
	at := make(map[string]int, len(ps))
	for i := range ps {
		p := &ps[i]
		p.Version = 1
		rows[i] = []any{p.Name, p.IDNumber, p.Phone, p.EmployerID, p.BarredUntil.String(), p.BarReason, p.Version, ms(p.CreatedAt)}
		at[p.IDNumber] = i
	}
	return tx.bulk(ctx, "people", []string{"name", "id_number", "phone", "employer_id", "barred_until", "bar_reason", "version", "created_at"},
		rows, " RETURNING id, id_number", func(row scanner) error {
			var id int64
			var number string
			if err := row.Scan(&id, &number); err != nil {
				return err
			}
			ps[at[number]].ID = id
			return nil
		})
}

// InsertApplications stores many new applications at version 1, the columns written as
// InsertApplication writes them; their IDs are not read back.
func (tx *Tx) InsertApplications(ctx context.Context, apps []guantong.Application) error {
	rows := make([][]any, len(apps))
	for i := range apps {
		a := &apps[i]
		vals, err := appValues(a)
		if err != nil {
			return fmt.Errorf("store: insert applications: %w", err)
		}
		a.Version = 1
		rows[i] = append([]any{a.Kind, a.PersonID, a.Version, ms(a.CreatedAt)}, vals...)
	}
	return tx.BulkInsert(ctx, "applications", appInsertColumns, rows, false)
}

// Analyze refreshes the planner's statistics after a bulk load, so that lists choose their
// indexes (PostgreSQL also marks the pages all-visible, for counts from the index alone).
func (s *Store) Analyze(ctx context.Context) error {
	q := "ANALYZE"
	if s.engine == Postgres {
		q = "VACUUM ANALYZE"
	}
	if _, err := s.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("store: %s: %w", strings.ToLower(q), err)
	}
	return nil
}

// Millis is how the store writes an instant: unix milliseconds.
func Millis(t time.Time) int64 { return ms(t) }
