package audit

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"time"

	"guantong"
)

// Kinds of tampering Verify tells apart.
const (
	Edited   = "edited"
	Inserted = "inserted"
	Deleted  = "deleted"
	// Rewritten: the chain is whole but contradicts a signed checkpoint, so it was
	// rewritten (or cut back) after that checkpoint was taken.
	Rewritten = "rewritten"
)

// Problem is the first break in the chain: the seq where it shows and what happened there.
type Problem struct {
	Seq     int64  `json:"seq"`
	Kind    string `json:"kind"` // Edited, Inserted, Deleted or Rewritten
	Message string `json:"message"`
	// Checkpoint is the file of the checkpoint the log contradicts (Rewritten, or Deleted
	// when rows a checkpoint holds are gone).
	Checkpoint string `json:"checkpoint,omitempty"`
}

func (p *Problem) Error() string { return p.Message }

// Report is the result of a verification.
type Report struct {
	Rows     int64    `json:"rows"`
	HeadSeq  int64    `json:"head_seq"`
	HeadHash string   `json:"head_hash"`
	Problem  *Problem `json:"problem,omitempty"` // nil: the chain is whole
	// Checkpoints is how many signed checkpoints the log was compared with, and Signer the
	// fingerprint of the key that signed them (VerifyCheckpoints).
	Checkpoints int    `json:"checkpoints,omitempty"`
	Signer      string `json:"signer,omitempty"`
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
	return verify(ctx, q, nil)
}

// VerifyCheckpoints is Verify, then a comparison of the log with signed checkpoints
// (ReadCheckpoints): each must be signed, by pub when it is given, else all by one key; and
// the row at each checkpoint's seq must still have the hash it signed. A whole chain that
// fails this was rewritten after the checkpoint the Problem names (Rewritten), or cut back
// below it (Deleted). A bad signature is an error, not a Problem: the checkpoints cannot be
// trusted, so the log cannot be judged by them.
func VerifyCheckpoints(ctx context.Context, q Querier, cps []Checkpoint, pub *ecdsa.PublicKey) (Report, error) {
	if len(cps) == 0 {
		return Report{}, errors.New("没有检查点可供比对")
	}
	signer, err := checkSigners(cps, pub)
	if err != nil {
		return Report{}, err
	}
	at := make(map[int64]string, len(cps))
	for _, c := range cps {
		at[c.Seq] = ""
	}
	r, err := verify(ctx, q, at)
	r.Checkpoints, r.Signer = len(cps), Fingerprint(signer)
	if err != nil || r.Problem != nil {
		return r, err
	}
	var broken []Checkpoint
	for _, c := range cps {
		if c.Seq > r.HeadSeq || at[c.Seq] != c.Hash {
			broken = append(broken, c)
		}
	}
	if len(broken) == 0 {
		return r, nil
	}
	c := broken[0] // the oldest: everything from its row on cannot be trusted
	r.Problem = &Problem{Seq: c.Seq, Kind: Rewritten, Checkpoint: c.File}
	if c.Seq > r.HeadSeq {
		r.Problem.Kind = Deleted
		r.Problem.Message = fmt.Sprintf("检查点 %s（%s 签署）记录了第 %d 条，日志却只到第 %d 条：其后的记录被删除，链头被改回",
			c.File, c.At.Format(time.DateTime+" UTC"), c.Seq, r.HeadSeq)
	} else {
		r.Problem.Message = fmt.Sprintf("检查点 %s（%s 签署）记录的第 %d 条哈希为 %.16s…，日志中却是 %.16s…：日志在该检查点之后被整体改写",
			c.File, c.At.Format(time.DateTime+" UTC"), c.Seq, c.Hash, at[c.Seq])
	}
	if len(broken) > 1 {
		r.Problem.Message += fmt.Sprintf("（%d 个检查点中有 %d 个不符）", len(cps), len(broken))
	}
	return r, nil
}

// verify walks the log; it fills at[seq] with the hash of each row whose seq is a key of at.
func verify(ctx context.Context, q Querier, at map[int64]string) (Report, error) {
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
		if _, ok := at[next.Seq]; ok {
			at[next.Seq] = next.Hash
		}
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
	sm3      bool // a row before was hashed with SM3: every later one must be too
}

// judge checks cur, knowing the row after it (nil at the end), and advances.
func (w *walker) judge(cur, next *guantong.Event) *Problem {
	own := Hash(cur) == cur.Hash
	linked := cur.PrevHash == w.prevHash
	switch {
	case cur.Seq > w.expect:
		return problem(w.expect, Deleted, "第 %d 至 %d 条记录被删除（序号中断）", w.expect, cur.Seq-1)
	case w.sm3 && cur.Alg != SM3:
		// The switch goes one way: a SHA-256 row after an SM3 one was rewritten to an older
		// algorithm than it was written with.
		return problem(cur.Seq, Edited, "第 %d 条记录被修改：此前的记录已使用 SM3，它却标为 %q", cur.Seq, cur.Alg)
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
	w.sm3 = cur.Alg == SM3
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
