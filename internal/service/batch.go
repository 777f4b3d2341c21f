package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/workflow"
)

// BatchActions are the actions taken on many applications at once: the employer recommends
// and returns; the 职改办 approves, returns and sends to the committee; the committee's
// secretary grants; the evaluator issues; the admin registers 上网.
var BatchActions = []workflow.Action{workflow.PublishInternal, workflow.Recommend, workflow.Return, workflow.Approve, workflow.Send,
	workflow.Grant, workflow.Issue, workflow.Register}

// MaxBatch is the most applications one batch takes: a page of work, not a province.
const MaxBatch = 1000

// BatchItem is one application of a batch, with the version the user last read of it.
type BatchItem struct {
	ID      int64 `json:"id"`
	Version int   `json:"version"`
}

// BatchResult is what became of one application of a batch.
type BatchResult struct {
	ID      int64          `json:"id"`
	Done    bool           `json:"done"`
	Code    string         `json:"code,omitempty"` // refused: the error's code (conflict, forbidden, invalid…)
	Message string         `json:"message"`        // in Chinese: the stage it is now in, or why it was refused
	Name    string         `json:"name,omitempty"` // the applicant, when the user may see the application
	What    string         `json:"what,omitempty"` // 工程系列中级职称, 钳工(6-20-01-01)技师
	Stage   guantong.Stage `json:"stage,omitempty"`
	Version int            `json:"version,omitempty"` // the version now
}

// Batch is what a batch did: every item in the order given.
type Batch struct {
	Action  workflow.Action `json:"action"`
	Done    int             `json:"done"`
	Refused int             `json:"refused"`
	Results []BatchResult   `json:"results"`
}

// Batch takes one action on many applications for u, each as Act takes it: its own version
// check, its own transaction and its own audit row, so that one refused item (someone else
// acted on it, or it is at another stage) leaves the others done. note goes with every item
// and is required where the action needs reasons (return). The request itself is refused
// only when it cannot be taken on any item: an unknown or unbatched action, no items, too
// many, or no note for a return.
func (s *Service) Batch(ctx context.Context, u *guantong.User, action workflow.Action, note string, items []BatchItem) (Batch, error) {
	if err := signedIn(u); err != nil {
		return Batch{}, err
	}
	var es guantong.FieldErrors
	if !slices.Contains(BatchActions, action) {
		names := make([]string, len(BatchActions))
		for i, a := range BatchActions {
			names[i] = string(a) + "（" + a.Name() + "）"
		}
		es.Add("action", "批量办理只适用于 %s", strings.Join(names, "、"))
	}
	switch {
	case len(items) == 0:
		es.Add("items", "请至少选择一项申报")
	case len(items) > MaxBatch:
		es.Add("items", "一次最多办理 %d 项，本次 %d 项", MaxBatch, len(items))
	}
	in := workflow.Input{Action: action, Note: strings.TrimSpace(note)}
	if action == workflow.Return && in.Note == "" {
		es.Add("note", "「%s」须说明理由", action.Name())
	}
	if len(es) > 0 {
		return Batch{}, es
	}
	b := Batch{Action: action, Results: make([]BatchResult, 0, len(items))}
	seen := map[int64]bool{}
	for i, it := range items {
		var res BatchResult
		switch {
		case it.ID <= 0 || it.Version <= 0:
			res = BatchResult{ID: it.ID, Code: guantong.EInvalid, Message: fmt.Sprintf("第 %d 项须有申报编号和版本号", i+1)}
		case seen[it.ID]:
			res = BatchResult{ID: it.ID, Code: guantong.EInvalid, Message: "同一申报在本批中重复出现，只办理一次"}
		default:
			res = s.batchOne(ctx, u, it, in)
		}
		seen[it.ID] = true
		if res.Done {
			b.Done++
		} else {
			b.Refused++
		}
		b.Results = append(b.Results, res)
	}
	return b, nil
}

// batchOne takes the batch's action on one application and says what became of it. An
// internal error is logged and reported as such on its item: the others go on.
func (s *Service) batchOne(ctx context.Context, u *guantong.User, it BatchItem, in workflow.Input) BatchResult {
	res := BatchResult{ID: it.ID}
	v, err := s.Act(ctx, u, it.ID, it.Version, in)
	if err == nil {
		res.Done, res.Name, res.What, res.Stage, res.Version = true, v.Applicant.Name, s.describe(&v.Application), v.Stage, v.Version
		res.Message = "已" + in.Action.Name() + "，现为「" + v.StageName + "」"
		return res
	}
	res.Code, res.Message = guantong.ErrorCode(err), reason(err)
	if now, verr := s.Application(ctx, u, it.ID); verr == nil { // name whom it is about, when u may see it
		res.Name, res.What, res.Stage, res.Version = now.Applicant.Name, s.describe(&now.Application), now.Stage, now.Version
		if res.Code == guantong.EConflict && now.Version != it.Version {
			res.Message = fmt.Sprintf("该申报已被他人处理，请刷新后重试（现为「%s」，版本 %d；页面上的是版本 %d）", now.StageName, now.Version, it.Version)
		}
	}
	if res.Code == guantong.EInternal {
		s.log.Error("service: batch item", "action", in.Action, "id", it.ID, "err", err)
	}
	return res
}

// reason is the Chinese text of an item's refusal: the field problems or the engine's
// message, never an internal error's text.
func reason(err error) string {
	var fes guantong.FieldErrors
	if errors.As(err, &fes) {
		parts := make([]string, len(fes))
		for i, fe := range fes {
			parts[i] = fe.Message
		}
		return strings.Join(parts, "；")
	}
	if guantong.ErrorCode(err) == guantong.EInternal {
		return "服务器内部错误，未办理"
	}
	return err.Error()
}
