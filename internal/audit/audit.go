// Package audit is the hash-chained log every change is written to, in the transaction of
// the change: who did what to which subject, when, with what data. Each row's hash covers
// its fields and the hash of the row before, so that editing, inserting or deleting a row
// breaks the chain where it happened; Verify finds the first break and says which it was.
//
// The head of the chain (the last seq and hash) is kept in a one-row table that every
// append updates: on PostgreSQL that row lock serialises appends from several app servers,
// and a truncated tail shows as a head that runs past the last row. The chain has no secret:
// someone who can write the database can rewrite it whole. Checkpoints anchor it: the head
// signed with SM2 by a key kept outside the database (checkpoint.go), against which
// VerifyCheckpoints finds a rewrite made after any of them.
//
// Rows are hashed with SM3 (GB/T 32905) since migration 0004; rows written before keep
// SHA-256, named in their alg column, so the chain verifies across the switch.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"guantong"
)

// Querier is what Append and Verify need of a *sql.DB or *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Hash algorithms of the chain's rows.
const (
	SHA256 = "sha256" // rows written before migration 0004
	SM3    = "sm3"    // rows written since
)

// Hash returns the hex hash of an event's canonical form: seq, at (unix milliseconds),
// actor, action, subject, payload and prev_hash, each written as its decimal byte length, a
// colon, the bytes and a newline. SM3 rows start with the field "sm3" so that a row cannot be
// read under another algorithm than its own; SHA-256 rows (e.Alg "sha256" or empty) keep the
// form they were written with. Anyone can recompute it from a row. An unknown algorithm
// hashes to "", which matches no row.
func Hash(e *guantong.Event) string {
	var h hash.Hash
	switch e.Alg {
	case SHA256, "":
		h = sha256.New()
	case SM3:
		h = sm3.New()
	default:
		return ""
	}
	b := make([]byte, 0, 256)
	field := func(s string) {
		b = strconv.AppendInt(b[:0], int64(len(s)), 10)
		b = append(b, ':')
		h.Write(b)
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	if e.Alg == SM3 {
		field(SM3)
	}
	field(strconv.FormatInt(e.Seq, 10))
	field(strconv.FormatInt(e.At.UnixMilli(), 10))
	field(e.Actor)
	field(e.Action)
	field(e.Subject)
	field(string(e.Payload))
	field(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// Append writes one event at the end of the chain, inside tx. payload must be JSON.
func Append(ctx context.Context, tx Querier, at time.Time, actor, action, subject string, payload []byte) (guantong.Event, error) {
	e := guantong.Event{At: time.UnixMilli(at.UnixMilli()).UTC(), Actor: actor, Action: action, Subject: subject, Payload: payload, Alg: SM3}
	// Taking the head first locks it (PostgreSQL) or runs inside the single writer (SQLite):
	// no other append can interleave until this transaction ends.
	err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&e.Seq, &e.PrevHash)
	if err != nil {
		return e, fmt.Errorf("audit: advance head: %w", err)
	}
	e.Hash = Hash(&e)
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, e.Hash); err != nil {
		return e, fmt.Errorf("audit: set head: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (seq, at, actor, action, subject, payload, prev_hash, hash, alg)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.Seq, e.At.UnixMilli(), e.Actor, e.Action, e.Subject, string(e.Payload), e.PrevHash, e.Hash, e.Alg)
	if err != nil {
		return e, fmt.Errorf("audit: insert %d: %w", e.Seq, err)
	}
	return e, nil
}

const columns = `seq, at, actor, action, subject, payload, prev_hash, hash, alg`

func scan(rows *sql.Rows) (guantong.Event, error) {
	var e guantong.Event
	var at int64
	var payload string
	err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &payload, &e.PrevHash, &e.Hash, &e.Alg)
	e.At = time.UnixMilli(at).UTC()
	e.Payload = []byte(payload)
	return e, err
}

// Events returns the events of one subject (application/12), oldest first.
func Events(ctx context.Context, q Querier, subject string) ([]guantong.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM audit WHERE subject = $1 ORDER BY seq`, subject)
	if err != nil {
		return nil, fmt.Errorf("audit: events of %s: %w", subject, err)
	}
	defer rows.Close()
	var out []guantong.Event
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("audit: events of %s: %w", subject, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
