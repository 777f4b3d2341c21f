package workflow

import (
	"fmt"
	"strings"

	"guantong"
)

// Input is what a party sends with an action.
type Input struct {
	Action      Action
	Note        string   // reasons: required to return, reject, uphold, dismiss, fail or revoke
	ObjectionID int64    // uphold, dismiss: the objection decided
	Passed      *bool    // record_theory, record_practical
	Score       *float64 // record_theory, record_practical: optional
}

// InternalNoticeWorkdays is the least the employer's own 公示 runs before it recommends: 人社部令第40号
// (职称评审管理暂行规定) 第十五条, 公示期不少于5个工作日.
const InternalNoticeWorkdays = 5

// Facts are what the step needs to know beyond the application: the day, the parameters
// of the policy, the calendar and the objections lodged.
type Facts struct {
	Today                guantong.Date
	NoticeWorkdays       int // 公示 runs this many full working days after the day of publication
	ResultNoticeWorkdays int
	// AddWorkdays returns the nth working day on or after start (the statutory calendar,
	// 调休 included).
	AddWorkdays func(start guantong.Date, n int) guantong.Date
	Objections  []guantong.Objection // every objection lodged against the application
	// TheoryPassMark and PracticalPassMark are the lowest scores that may be recorded as
	// 合格 (三(二)3); zero checks nothing.
	TheoryPassMark, PracticalPassMark float64
}

// Apply checks that u may take the action on app today and returns the application as it
// becomes, with its stage and the fields the step records. The version, the certificate
// number and the stored objections are the caller's to write. Errors are *guantong.Error
// (EForbidden, EConflict, EInvalid) or guantong.FieldErrors, in Chinese.
func Apply(app guantong.Application, u *guantong.User, in Input, f Facts) (guantong.Application, error) {
	r, err := find(u, &app, in.Action)
	if err != nil {
		return app, err
	}
	if err := requireNote(in); err != nil {
		return app, err
	}
	next := app
	next.Stage = r.to
	switch in.Action {
	case PublishInternal:
		if app.InternalNotice != nil {
			return app, guantong.Errorf(guantong.EConflict, "单位内部公示已于 %s 开始，至 %s 止", app.InternalNotice.From, app.InternalNotice.Until)
		}
		next.InternalNotice = &guantong.Period{From: f.Today, Until: f.AddWorkdays(f.Today.AddDays(1), InternalNoticeWorkdays)}
	case Recommend:
		if app.InternalNotice == nil {
			return app, guantong.Errorf(guantong.EConflict, "推荐前须在本单位内部公示不少于 %d 个工作日（人社部令第40号），请先「%s」", InternalNoticeWorkdays, PublishInternal.Name())
		}
		if !f.Today.After(app.InternalNotice.Until) {
			return app, guantong.Errorf(guantong.EConflict, "单位内部公示期自 %s 起，至 %s 止，期满后方可推荐", app.InternalNotice.From, app.InternalNotice.Until)
		}
	case Approve:
		// The day of publication does not count: the notice runs N full working days after it.
		next.Notice = &guantong.Period{From: f.Today, Until: f.AddWorkdays(f.Today.AddDays(1), f.NoticeWorkdays)}
	case Send:
		if err := noticeOver(app.Notice, f, guantong.StageNotice); err != nil {
			return app, err
		}
		next.ReviewGroup = "高技能人才组" // 三(一)6: 单独分组、单独评审
	case Uphold, Dismiss:
		if err := openObjection(in.ObjectionID, app.Stage, f.Objections); err != nil {
			return app, err
		}
		if in.Action == Dismiss {
			next.Stage = app.Stage
		}
	case Pass, Recognise:
		want := guantong.RouteTitleReview
		next.Decision = guantong.DecisionPassed
		if in.Action == Recognise {
			want = guantong.RouteTitleRecognition
			next.Decision = guantong.DecisionRecognised
		}
		if app.Route != want {
			return app, guantong.Errorf(guantong.EConflict, "「%s」只适用于%s申报", in.Action.Name(), routeName(want))
		}
		next.ResultNotice = &guantong.Period{From: f.Today, Until: f.AddWorkdays(f.Today.AddDays(1), f.ResultNoticeWorkdays)}
	case Fail:
		next.Decision = guantong.DecisionFailed
	case Grant:
		if err := noticeOver(app.ResultNotice, f, guantong.StageResultNotice); err != nil {
			return app, err
		}
		next.CertifiedOn = f.Today
	case RecordTheory, RecordPractical:
		return record(next, in, f)
	case Issue:
		next.CertifiedOn = f.Today
	case Register:
		next.RegisteredOn = f.Today
	case Revoke:
		next.RevokedOn = f.Today
		next.RevokeReason = strings.TrimSpace(in.Note)
	}
	next.StageName = next.Stage.Name()
	return next, nil
}

// requireNote refuses the actions that must say why without a note.
func requireNote(in Input) error {
	switch in.Action {
	case Return, Reject, Uphold, Dismiss, Fail, Revoke:
		if strings.TrimSpace(in.Note) == "" {
			return guantong.FieldErrors{{Field: "note", Message: "「" + in.Action.Name() + "」须说明理由"}}
		}
	}
	return nil
}

// noticeOver refuses to close a notice before its last working day has passed or while an
// objection against it is open.
func noticeOver(p *guantong.Period, f Facts, notice guantong.Stage) error {
	if p == nil {
		return guantong.Errorf(guantong.EConflict, "没有%s记录", notice.Name())
	}
	if !f.Today.After(p.Until) {
		return guantong.Errorf(guantong.EConflict, "%s期自 %s 起，至 %s 止，期满后方可进行下一步", notice.Name(), p.From, p.Until)
	}
	for _, o := range f.Objections {
		if o.Notice == notice && o.Status == guantong.ObjectionOpen {
			return guantong.Errorf(guantong.EConflict, "%s期间收到的异议（%d 号）尚未处理", notice.Name(), o.ID)
		}
	}
	return nil
}

// openObjection checks that id names an open objection lodged during the current notice.
func openObjection(id int64, notice guantong.Stage, objections []guantong.Objection) error {
	if id == 0 {
		return guantong.FieldErrors{{Field: "objection_id", Message: "须指明所处理的异议"}}
	}
	for _, o := range objections {
		if o.ID != id {
			continue
		}
		if o.Notice != notice {
			return guantong.Errorf(guantong.EConflict, "异议 %d 号是在%s期间提出的，不属于当前的%s", id, o.Notice.Name(), notice.Name())
		}
		if o.Status != guantong.ObjectionOpen {
			return guantong.Errorf(guantong.EConflict, "异议 %d 号已经处理", id)
		}
		return nil
	}
	return guantong.Errorf(guantong.ENotFound, "该申报没有 %d 号异议", id)
}

// record writes a theory or practical result; once every assessment required is recorded,
// the application has passed (all passed) or failed.
func record(app guantong.Application, in Input, f Facts) (guantong.Application, error) {
	if in.Passed == nil {
		return app, guantong.FieldErrors{{Field: "passed", Message: "须填写是否合格（true 或 false）"}}
	}
	if in.Score != nil && (*in.Score < 0 || *in.Score > 100) {
		return app, guantong.FieldErrors{{Field: "score", Message: "成绩须在 0 到 100 之间"}}
	}
	part, mark := "操作技能考核", f.PracticalPassMark
	if in.Action == RecordTheory {
		part, mark = "理论知识考试", f.TheoryPassMark
	}
	if *in.Passed && in.Score != nil && *in.Score < mark {
		return app, guantong.FieldErrors{{Field: "passed", Message: fmt.Sprintf("%s成绩 %g 分低于合格线 %g 分，不能记为合格（三(二)3）", part, *in.Score, mark)}}
	}
	res := &guantong.Result{Passed: *in.Passed, Score: in.Score, On: f.Today}
	if in.Action == RecordTheory {
		switch {
		case app.ExemptTheory:
			return app, guantong.Errorf(guantong.EConflict, "申报人具有相关专业毕业证书，免于理论知识考试（三(二)3）")
		case app.Theory != nil:
			return app, guantong.Errorf(guantong.EConflict, "理论知识考试成绩已于 %s 录入", app.Theory.On)
		}
		app.Theory = res
	} else {
		if app.Practical != nil {
			return app, guantong.Errorf(guantong.EConflict, "操作技能考核成绩已于 %s 录入", app.Practical.On)
		}
		app.Practical = res
	}
	app.Stage = guantong.StageAssessing
	if app.Practical != nil && (app.ExemptTheory || app.Theory != nil) {
		app.Stage = guantong.StagePassed
		if !app.Practical.Passed || (app.Theory != nil && !app.Theory.Passed) {
			app.Stage = guantong.StageFailed
		}
	}
	app.StageName = app.Stage.Name()
	return app, nil
}

func routeName(route string) string {
	switch route {
	case guantong.RouteTitleReview:
		return "申报评审"
	case guantong.RouteTitleRecognition:
		return "认定（绿色通道）"
	}
	return "职业技能评价"
}
