package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"guantong"
)

// Job statuses.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// Job is a long piece of work kept as a row: who asked for it, its input, how far it has got,
// and its result, so that any app server's worker can run it and any server can show it.
type Job struct {
	ID        int64
	Kind      string
	OwnerID   int64
	Status    string
	InputName string
	Params    string // the job's settings as JSON, beside its input (a simulation: its draft policy)
	AsOf      guantong.Date
	Done      int    // people handled so far
	Message   string // why it failed, or the summary when done
	HasResult bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

const jobColumns = `id, kind, owner_id, status, input_name, params, as_of, done, message, result IS NOT NULL, created_at, updated_at`

func scanJob(row scanner) (Job, error) {
	var j Job
	var asOf string
	var created, updated int64
	err := row.Scan(&j.ID, &j.Kind, &j.OwnerID, &j.Status, &j.InputName, &j.Params, &asOf, &j.Done, &j.Message, &j.HasResult, &created, &updated)
	if err != nil {
		return j, err
	}
	var c stored
	j.AsOf = c.date("as_of", asOf)
	j.CreatedAt, j.UpdatedAt = fromMS(created), fromMS(updated)
	return j, c.err
}

// InsertJob queues a job with its input and sets its ID.
func (tx *Tx) InsertJob(ctx context.Context, j *Job, input []byte) error {
	j.Status = JobQueued
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO jobs (kind, owner_id, status, input_name, input, params, as_of, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		j.Kind, j.OwnerID, j.Status, j.InputName, input, j.Params, j.AsOf.String(), ms(j.CreatedAt)).Scan(&j.ID)
	if err != nil {
		return fmt.Errorf("store: insert job: %w", err)
	}
	return nil
}

// Job returns a job without its input and result.
func (r reader) Job(ctx context.Context, id int64) (Job, error) {
	j, err := scanJob(r.q.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = $1`, id))
	if err != nil {
		return j, notFound(err, "任务", id)
	}
	return j, nil
}

// JobsOf returns a user's latest jobs of a kind, newest first; ownerID 0: everyone's.
func (r reader) JobsOf(ctx context.Context, ownerID int64, kind string, limit int) ([]Job, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+jobColumns+` FROM jobs
		WHERE kind = $1 AND ($2 = 0 OR owner_id = $2) ORDER BY id DESC LIMIT $3`, kind, ownerID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: jobs of %d: %w", ownerID, err)
	}
	return collect(rows, scanJob)
}

// JobInput returns a job's input file.
func (r reader) JobInput(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	if err := r.q.QueryRowContext(ctx, `SELECT input FROM jobs WHERE id = $1`, id).Scan(&b); err != nil {
		return nil, notFound(err, "任务", id)
	}
	return b, nil
}

// JobResult returns a finished job's result file.
func (r reader) JobResult(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	if err := r.q.QueryRowContext(ctx, `SELECT result FROM jobs WHERE id = $1 AND result IS NOT NULL`, id).Scan(&b); err != nil {
		return nil, notFound(err, "任务结果", id)
	}
	return b, nil
}

// JobFigures returns the figures a finished job stored beside its result (JSON); nil when
// it stored none.
func (r reader) JobFigures(ctx context.Context, id int64) ([]byte, error) {
	var b sql.NullString
	if err := r.q.QueryRowContext(ctx, `SELECT figures FROM jobs WHERE id = $1`, id).Scan(&b); err != nil {
		return nil, notFound(err, "任务", id)
	}
	if !b.Valid {
		return nil, nil
	}
	return []byte(b.String), nil
}

// SetJobFigures stores a job's figures (JSON), in the transaction that finishes it.
func (tx *Tx) SetJobFigures(ctx context.Context, id int64, figures []byte) error {
	if _, err := tx.tx.ExecContext(ctx, `UPDATE jobs SET figures = $1 WHERE id = $2`, string(figures), id); err != nil {
		return fmt.Errorf("store: figures of job %d: %w", id, err)
	}
	return nil
}

// ClaimJob marks the oldest queued job as running and returns it; also a running job whose
// progress has not moved since stale (its server stopped), so that no job is lost. ok is
// false when there is none. Two servers claiming at once: the version check on status and
// updated_at lets only one of them have it.
func (s *Store) ClaimJob(ctx context.Context, now time.Time, stale time.Duration) (j Job, ok bool, err error) {
	err = s.Write(ctx, func(tx *Tx) error {
		var err error
		j, err = scanJob(tx.tx.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs
			WHERE status = $1 OR (status = $2 AND updated_at < $3) ORDER BY id LIMIT 1`,
			JobQueued, JobRunning, ms(now.Add(-stale))))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: claim job: %w", err)
		}
		res, err := tx.tx.ExecContext(ctx, `UPDATE jobs SET status = $1, done = 0, updated_at = $2
			WHERE id = $3 AND status = $4 AND updated_at = $5`, JobRunning, ms(now), j.ID, j.Status, ms(j.UpdatedAt))
		if err != nil {
			return fmt.Errorf("store: claim job %d: %w", j.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			ok = true
			j.Status, j.Done, j.UpdatedAt = JobRunning, 0, now.UTC().Truncate(time.Millisecond)
		}
		return nil
	})
	return j, ok, err
}

// JobProgress records how many people a running job has handled.
func (s *Store) JobProgress(ctx context.Context, id int64, done int, now time.Time) error {
	_, err := s.write.ExecContext(ctx, `UPDATE jobs SET done = $1, updated_at = $2 WHERE id = $3 AND status = $4`,
		done, ms(now), id, JobRunning)
	if err != nil {
		return fmt.Errorf("store: progress of job %d: %w", id, err)
	}
	return nil
}

// FinishJob records a job's end: done with its result, or failed (result nil) with why.
func (tx *Tx) FinishJob(ctx context.Context, id int64, done int, message string, result []byte, now time.Time) error {
	status := JobDone
	if result == nil {
		status = JobFailed
	}
	_, err := tx.tx.ExecContext(ctx, `UPDATE jobs SET status = $1, done = $2, message = $3, result = $4, updated_at = $5
		WHERE id = $6`, status, done, message, result, ms(now), id)
	if err != nil {
		return fmt.Errorf("store: finish job %d: %w", id, err)
	}
	return nil
}
