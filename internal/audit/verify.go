package audit

import (
	"context"
	"fmt"

	"guantong"
)

// Kinds of tampering Verify tells apart.
const (
	Edited   = "edited"
	Inserted = "inserted"
	Deleted  = "deleted"
)

// Problem is the first break in the chain: the seq where it shows and what happened there.
type Problem struct {
	Seq     int64  `json:"seq"`
	Kind    string `json:"kind"` // Edited, Inserted or Deleted
	Message string `json:"message"`
}

func (p *Problem) Error() string { return p.Message }

// Report is the result of a verification.
type Report struct {
	Rows     int64    `json:"rows"`
	HeadSeq  int64    `json:"head_seq"`
	HeadHash string   `json:"head_hash"`
	Problem  *Problem `json:"problem,omitempty"` // nil: the chain is whole
}

// Verify walks the whole log in seq order and reports the first row that was edited,
// inserted or deleted:
//
//   - a row whose hash does not match its fields, still linked to the row before: edited;
//   - a row linked to the one before but hashed anew, so that the next row's link breaks:
//     the earlier row was edited and rehashed;
//   - a row the next row links past: inserted;
//   - a gap in seq, or a row whose link and hash both break (the rows after a deletion
//     renumbered): deleted; rows missing at the end show against the head.
//
// It reads with q outside any transaction; on SQLite (WAL) and PostgreSQL a single SELECT
// sees one consistent snapshot.
func Verify(ctx context.Context, q Querier) (Report, error) {
	var r Report
	if err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&r.HeadSeq, &r.HeadHash); err != nil {
		return r, fmt.Errorf("audit: read head: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM audit ORDER BY seq`)
	if err != nil {
		return r, fmt.Errorf("audit: read log: %w", err)
	}
	defer rows.Close()

	w := walker{expect: 1}
	var cur *guantong.Event
	for rows.Next() {
		next, err := scan(rows)
		if err != nil {
			return r, fmt.Errorf("audit: read log: %w", err)
		}
		r.Rows++
		if cur != nil && r.Problem == nil {
			r.Problem = w.judge(cur, &next)
		}
		cur = &next
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("audit: read log: %w", err)
	}
	if cur != nil && r.Problem == nil {
		r.Problem = w.judge(cur, nil)
	}
	if r.Problem == nil {
		r.Problem = w.end(r.HeadSeq, r.HeadHash)
	}
	return r, nil
}

// walker holds what the walk knows of the rows before the current one.
type walker struct {
	expect   int64  // the seq the current row should have
	prevHash string // the hash of the row before ("" before the first)
	lastSeq  int64
}

// judge checks cur, knowing the row after it (nil at the end), and advances.
func (w *walker) judge(cur, next *guantong.Event) *Problem {
	own := Hash(cur) == cur.Hash
	linked := cur.PrevHash == w.prevHash
	switch {
	case cur.Seq > w.expect:
		return problem(w.expect, Deleted, "第 %d 至 %d 条记录被删除（序号中断）", w.expect, cur.Seq-1)
	case next != nil && next.PrevHash == w.prevHash && next.PrevHash != cur.Hash:
		return problem(cur.Seq, Inserted, "第 %d 条记录是插入的：其后一条记录直接链接到它之前的记录", cur.Seq)
	case !own && linked:
		return problem(cur.Seq, Edited, "第 %d 条记录被修改：内容与其哈希不符", cur.Seq)
	case !own && !linked:
		return problem(cur.Seq, Deleted, "第 %d 条记录之前有记录被删除：链接与哈希都断开（其后记录被重新编号）", cur.Seq)
	case own && !linked:
		return problem(cur.Seq-1, Edited, "第 %d 条记录被修改并重新计算了哈希：第 %d 条记录的链接与之不符", cur.Seq-1, cur.Seq)
	}
	w.expect = cur.Seq + 1
	w.prevHash = cur.Hash
	w.lastSeq = cur.Seq
	return nil
}

// end compares the last row with the head.
func (w *walker) end(headSeq int64, headHash string) *Problem {
	switch {
	case w.lastSeq < headSeq:
		return problem(w.lastSeq+1, Deleted, "第 %d 至 %d 条记录被删除（日志末尾短于链头）", w.lastSeq+1, headSeq)
	case w.lastSeq > headSeq:
		return problem(headSeq+1, Inserted, "第 %d 至 %d 条记录是插入的（在链头之后）", headSeq+1, w.lastSeq)
	case w.prevHash != headHash:
		return problem(w.lastSeq, Edited, "第 %d 条记录被修改并重新计算了哈希：与链头不符", w.lastSeq)
	}
	return nil
}

func problem(seq int64, kind, format string, args ...any) *Problem {
	return &Problem{Seq: seq, Kind: kind, Message: fmt.Sprintf(format, args...)}
}
