package service

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/workbook"
)

// MaxScreeningUpload is the largest file the 批量测评 page takes: about 200,000 rows of the
// staff template. Larger workforces are screened with `guantong screen`.
const MaxScreeningUpload = 32 << 20

// kindScreen is internal/job's KindScreen (job imports service's store, not the reverse).
const kindScreen = "screen"

// Screeners are the roles that screen a workforce: an employer's HR and the 职改办, and the
// department.
var Screeners = []string{guantong.RoleHR, guantong.RoleOffice, guantong.RoleAdmin}

// CanScreen reports whether a role may use the 批量测评 page.
func CanScreen(role string) bool { return slices.Contains(Screeners, role) }

func requireScreener(u *guantong.User) error {
	if err := signedIn(u); err != nil {
		return err
	}
	if !slices.Contains(Screeners, u.Role) {
		return guantong.Errorf(guantong.EForbidden, "批量测评仅供用人单位人事、职改办和管理员使用")
	}
	return nil
}

// QueueScreening checks an uploaded staff sheet's header and queues its screening on asOf
// (zero: today); a worker runs it (internal/job). A file that cannot be read is refused now,
// naming the problem, so that nobody waits for a job that can only fail.
func (s *Service) QueueScreening(ctx context.Context, u *guantong.User, name string, data []byte, asOf guantong.Date) (store.Job, error) {
	if err := requireScreener(u); err != nil {
		return store.Job{}, err
	}
	r, err := openStaffSheet(name, data)
	if err != nil {
		return store.Job{}, err
	}
	r.Close()
	if asOf.IsZero() {
		asOf = s.Today()
	}
	j := store.Job{Kind: kindScreen, OwnerID: u.ID, InputName: strings.TrimSpace(name), AsOf: asOf, CreatedAt: s.now().UTC()}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertJob(ctx, &j, data); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "queue_screening", subjectOf("job", j.ID),
			map[string]any{"file": j.InputName, "size": len(data), "as_of": asOf})
	})
	return j, err
}

// openStaffSheet opens an uploaded staff sheet (.xlsx or .csv) and reads its header; a file
// that cannot be read is a FieldErrors on "file" naming the problem.
func openStaffSheet(name string, data []byte) (*workbook.Reader, error) {
	format, err := workbook.FormatOf(name)
	if err != nil || format == workbook.JSONL {
		return nil, guantong.FieldErrors{{Field: "file", Message: "请上传员工信息表（.xlsx 或 .csv，可先下载模板）"}}
	}
	if len(data) == 0 {
		return nil, guantong.FieldErrors{{Field: "file", Message: "文件是空的"}}
	}
	if len(data) > MaxScreeningUpload {
		return nil, guantong.FieldErrors{{Field: "file", Message: "文件超过 32 MB：请分成几个文件，或用命令行 guantong screen"}}
	}
	return openSheet("file", name, data)
}

// openSheet reads the header of a staff sheet whose name says its format; a problem is a
// FieldErrors on field.
func openSheet(field, name string, data []byte) (*workbook.Reader, error) {
	format, err := workbook.FormatOf(name)
	if err != nil {
		return nil, guantong.FieldErrors{{Field: field, Message: err.Error()}}
	}
	r, err := workbook.NewReader(bytes.NewReader(data), format)
	if err != nil {
		var ps workbook.Problems
		if errors.As(err, &ps) {
			return nil, guantong.FieldErrors{{Field: field, Message: ps.Error()}}
		}
		return nil, guantong.FieldErrors{{Field: field, Message: "无法读取文件：" + err.Error()}}
	}
	return r, nil
}

// Screening returns one of the user's screenings (the admin: anyone's).
func (s *Service) Screening(ctx context.Context, u *guantong.User, id int64) (store.Job, error) {
	if err := requireScreener(u); err != nil {
		return store.Job{}, err
	}
	j, err := s.jobOf(ctx, id, kindScreen, "批量测评")
	if err == nil && j.OwnerID != u.ID && u.Role != guantong.RoleAdmin {
		return store.Job{}, guantong.Errorf(guantong.ENotFound, "没有编号为 %d 的批量测评", id)
	}
	return j, err
}

// jobOf returns the job id of a kind; another kind's is not found, named as what.
func (s *Service) jobOf(ctx context.Context, id int64, kind, what string) (store.Job, error) {
	j, err := s.store.Job(ctx, id)
	if err != nil {
		return j, err
	}
	if j.Kind != kind {
		return store.Job{}, guantong.Errorf(guantong.ENotFound, "没有编号为 %d 的%s", id, what)
	}
	return j, nil
}

// jobResult returns a finished job's result file; an unfinished one is a conflict.
func (s *Service) jobResult(ctx context.Context, j store.Job, what string) ([]byte, error) {
	if !j.HasResult {
		return nil, guantong.Errorf(guantong.EConflict, "%s %d 尚未完成", what, j.ID)
	}
	return s.store.JobResult(ctx, j.ID)
}

// Screenings returns the user's latest screenings, newest first.
func (s *Service) Screenings(ctx context.Context, u *guantong.User) ([]store.Job, error) {
	if err := requireScreener(u); err != nil {
		return nil, err
	}
	return s.store.JobsOf(ctx, u.ID, kindScreen, 20)
}

// ScreeningResult returns the result workbook of a finished screening.
func (s *Service) ScreeningResult(ctx context.Context, u *guantong.User, id int64) (store.Job, []byte, error) {
	j, err := s.Screening(ctx, u, id)
	if err != nil {
		return j, nil, err
	}
	b, err := s.jobResult(ctx, j, "批量测评")
	return j, b, err
}
