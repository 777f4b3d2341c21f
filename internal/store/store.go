// Package store keeps guantong's records in SQLite (one file, the pure-Go driver
// modernc.org/sqlite) or PostgreSQL (driver pgx, for several app servers behind a load
// balancer). Both run the same SQL: $N placeholders, RETURNING, ON CONFLICT, no
// engine-specific functions; civil dates are TEXT YYYY-MM-DD and instants INTEGER unix
// milliseconds. Only the DDL differs, in migrations/sqlite and migrations/postgres under the
// same numbers.
//
// Reads go through Store; every change goes through Write, one transaction in which the
// caller reads, decides, writes with a version check and appends to the audit log.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	"modernc.org/sqlite"               // driver "sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"guantong"
	"guantong/internal/audit"
)

// Engines.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Store is an open database. It is safe for concurrent use.
type Store struct {
	reader
	engine string
	read   *sql.DB // SQLite: read-only connections; PostgreSQL: the one pool
	write  *sql.DB // SQLite: a single writer connection; PostgreSQL: the same pool as read
	dsn    string
}

// reader holds the queries that run both on the store and inside a transaction.
type reader struct {
	q audit.Querier
}

// IsPostgres reports whether dsn names a PostgreSQL database (postgres:// or
// postgresql://); anything else is an SQLite file path.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn, creating an SQLite file if there is none, and runs
// the migrations it lacks.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// open opens the database named by dsn without migrating it.
func open(dsn string) (*Store, error) {
	s := &Store{dsn: dsn}
	var err error
	if IsPostgres(dsn) {
		s.engine = Postgres
		s.read, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open %s: %w", redact(dsn), err)
		}
		s.read.SetMaxOpenConns(20)
		s.read.SetConnMaxIdleTime(5 * time.Minute)
		s.write = s.read
	} else {
		s.engine = SQLite
		// WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged
		// commit survive a power cut, not only a killed process; BEGIN IMMEDIATE takes the
		// write lock at the start, so a transaction never fails half-way on a lock;
		// secure_delete zeroes freed content, so that earlier states of a ballot tally do not
		// linger in free pages (docs/committee.md §4).
		base := "file:" + dsn + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)"
		if s.write, err = sql.Open("sqlite", base+"&_txlock=immediate&_pragma=secure_delete(1)"); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", dsn, err)
		}
		s.write.SetMaxOpenConns(1) // one writer: writes queue here instead of spinning on SQLITE_BUSY
		if s.read, err = sql.Open("sqlite", base+"&_pragma=query_only(1)"); err != nil {
			s.write.Close()
			return nil, fmt.Errorf("store: open %s: %w", dsn, err)
		}
		s.read.SetMaxOpenConns(8)
	}
	s.q = s.read
	return s, nil
}

// redact hides a password in a PostgreSQL URL for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Engine returns SQLite or Postgres.
func (s *Store) Engine() string { return s.engine }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// Close closes the database.
func (s *Store) Close() error {
	err := s.read.Close()
	if s.write != s.read {
		err = errors.Join(err, s.write.Close())
	}
	return err
}

// DB returns the pool reads go through, for the audit verification and tests.
func (s *Store) DB() *sql.DB { return s.read }

// Tx is one write transaction; see Write.
type Tx struct {
	reader
	tx     *sql.Tx
	engine string
}

// Write runs fn in one transaction and commits it if fn returns nil; any error rolls
// everything back. On SQLite the transaction holds the write lock from its start; on
// PostgreSQL rows are locked as they are updated and the audit head serialises appends.
func (s *Store) Write(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{reader: reader{q: sqlTx}, tx: sqlTx, engine: s.engine}
	if err := fn(tx); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return contended(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return contended(fmt.Errorf("store: commit: %w", err))
	}
	return nil
}

// PostgreSQL's SQLSTATEs for a transaction it gave up so that another could go on.
const (
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
)

// contended answers a transaction PostgreSQL rolled back because another held what it
// needed in the opposite order (two batches changing the same totals, migration 0014) as a
// conflict to try again, which it is, rather than as an internal error; nothing was written.
func contended(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == pgDeadlockDetected || pe.Code == pgSerializationFailure) {
		return guantong.Errorf(guantong.EConflict, "数据正被他人同时修改，本次操作未保存，请稍后重试")
	}
	return err
}

// Audit appends an event to the hash-chained log in this transaction; payload is encoded
// as JSON.
func (tx *Tx) Audit(ctx context.Context, at time.Time, actor, action, subject string, payload []byte) (guantong.Event, error) {
	return audit.Append(ctx, tx.tx, at, actor, action, subject, payload)
}

// AuditAll appends many events at once, all at at, as many calls of Audit would
// (audit.AppendAll).
func (tx *Tx) AuditAll(ctx context.Context, at time.Time, entries []audit.Entry) ([]guantong.Event, error) {
	return audit.AppendAll(ctx, tx.tx, at, entries)
}

// Events returns the audit events of a subject, oldest first.
func (r reader) Events(ctx context.Context, subject string) ([]guantong.Event, error) {
	return audit.Events(ctx, r.q, subject)
}

// NextNumber returns the next value of a named counter (1 for a new one), for certificate
// numbers; the row it updates stays locked until the transaction ends.
func (tx *Tx) NextNumber(ctx context.Context, name string) (int64, error) {
	var n int64
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO counters (name, value) VALUES ($1, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, name).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: counter %s: %w", name, err)
	}
	return n, nil
}

// Helpers for columns.

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n).UTC()
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func idOf(n sql.NullInt64) int64 { return n.Int64 }

// stored reads the text columns of one row into domain values. A value it cannot read is
// a corrupt row, not an empty field: the first such problem is kept in err, naming the
// column, and the scan returns it instead of a row with a silent zero.
type stored struct{ err error }

func (c *stored) fail(column, value, what string) {
	if c.err == nil {
		c.err = fmt.Errorf("store: column %s: %q is not %s", column, value, what)
	}
}

// date reads a civil date; an empty value is no date.
func (c *stored) date(column, s string) guantong.Date {
	if s == "" {
		return guantong.Date{}
	}
	d, err := guantong.ParseDate(s)
	if err != nil {
		c.fail(column, s, "a date")
	}
	return d
}

// title reads a title level; an empty value is none.
func (c *stored) title(column, s string) guantong.TitleLevel {
	t, ok := guantong.ParseTitleLevel(s)
	if !ok && s != "" {
		c.fail(column, s, "a title level")
	}
	return t
}

// skill reads a skill level; an empty value is none.
func (c *stored) skill(column, s string) guantong.SkillLevel {
	k, ok := guantong.ParseSkillLevel(s)
	if !ok && s != "" {
		c.fail(column, s, "a skill level")
	}
	return k
}

// scanned returns the scan's own error, else the first unreadable value, naming the row.
func (c *stored) scanned(scanErr error, what string, id int64) error {
	if scanErr != nil {
		return scanErr
	}
	if c.err != nil {
		return fmt.Errorf("%s %d: %w", what, id, c.err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into ENotFound with a message for people.
func notFound(err error, what string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return guantong.Errorf(guantong.ENotFound, "%s %v 不存在", what, id)
	}
	return fmt.Errorf("store: %s %v: %w", what, id, err)
}

// pgUniqueViolation is PostgreSQL's SQLSTATE for a unique constraint broken.
const pgUniqueViolation = "23505"

// unique reports whether err is a violation of a unique constraint, by the engine's own
// code: SQLite's extended result code (a primary key is a unique constraint too) or
// PostgreSQL's SQLSTATE 23505 unique_violation.
func unique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == pgUniqueViolation
}
