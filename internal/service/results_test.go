package service_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// sheet is a results template opened for filling in, with the row of each application.
type sheet struct {
	t   *testing.T
	f   *excelize.File
	row map[int64]int
}

func openSheet(t *testing.T, data []byte) *sheet {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(service.ResultsSheet)
	sh := &sheet{t: t, f: f, row: map[int64]int{}}
	for i, r := range rows[1:] {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		sh.row[id] = i + 2
	}
	return sh
}

// set writes the cell of column col ("F" theory, "G" practical, "B" version) of app's row.
func (sh *sheet) set(id int64, col, v string) {
	sh.f.SetCellValue(service.ResultsSheet, col+strconv.Itoa(sh.row[id]), v)
}

func (sh *sheet) get(id int64, col string) string {
	v, _ := sh.f.GetCellValue(service.ResultsSheet, col+strconv.Itoa(sh.row[id]))
	return v
}

func (sh *sheet) bytes() []byte {
	b, err := sh.f.WriteToBuffer()
	if err != nil {
		sh.t.Fatal(err)
	}
	return b.Bytes()
}

// 三(二)3 and issue 10: the evaluator downloads its applications in 评价中 as a sheet and
// imports the scores; one bad row writes nothing and every problem names its row and column;
// a score below the pass mark is 不合格, and a 45-point result cannot be 合格 one by one either.
func TestImportResults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s, hr2 := f.s, f.user("hr2")
		apps := stack(f, guantong.KindSkill, guantong.StageAssessing, 5, "hr2")
		// The last two have no related diploma: they sit the theory exam.
		err := s.Store().Write(ctx, func(tx *store.Tx) error {
			for _, v := range apps[3:] {
				app := v.Application
				app.ExemptTheory = false
				if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := range apps {
			apps[i], _ = s.Application(ctx, hr2, apps[i].ID)
		}

		tmpl, err := s.ResultsTemplate(ctx, hr2)
		if err != nil {
			t.Fatal(err)
		}
		sh := openSheet(t, tmpl)
		if len(sh.row) != 5 {
			t.Fatalf("template rows %v, want the 5 applications", sh.row)
		}
		for i, v := range apps {
			want := "免考"
			if i >= 3 {
				want = ""
			}
			if got := sh.get(v.ID, "F"); got != want || sh.get(v.ID, "B") != strconv.Itoa(v.Version) || sh.get(v.ID, "E") != "技师" {
				t.Errorf("template row of %d: theory %q version %q, want %q and %d", v.ID, got, sh.get(v.ID, "B"), want, v.Version)
			}
		}
		if other, _ := s.ResultsTemplate(ctx, f.user("evaluator")); len(openSheet(t, other).row) != 0 {
			t.Errorf("another evaluator's template lists hr2's applications")
		}

		// One sheet, five bad cells: nothing is written, each named by row and column.
		bad := openSheet(t, tmpl)
		bad.set(apps[0].ID, "G", "八十")                            // not a score
		bad.set(apps[1].ID, "F", "80")                            // exempt (三(二)3)
		bad.set(apps[2].ID, "B", strconv.Itoa(apps[2].Version+1)) // a version that is not the current one
		bad.set(apps[2].ID, "G", "70")
		bad.set(apps[3].ID, "F", "免考") // not exempt
		bad.set(apps[4].ID, "G", "101")
		bad.set(apps[4].ID, "F", "75") // a good cell in a bad sheet
		_, err = s.ImportResults(ctx, hr2, bad.bytes())
		fes, ok := err.(guantong.FieldErrors)
		if !ok {
			t.Fatalf("bad sheet: %v", err)
		}
		at := func(id int64, col string) string { return "第 " + strconv.Itoa(sh.row[id]) + " 行「" + col + "」" }
		want := map[string]string{
			at(apps[0].ID, "操作技能成绩"):   "须为 0 到 100 的分数或留空，而不是「八十」",
			at(apps[4].ID, "操作技能成绩"):   "须为 0 到 100 的分数或留空，而不是「101」",
			at(apps[1].ID, "理论知识成绩"):   "免于理论知识考试",
			at(apps[2].ID, "版本（请勿修改）"): "请重新下载模板",
			at(apps[3].ID, "理论知识成绩"):   "不免考理论知识考试，须填写成绩",
		}
		if len(fes) != len(want) {
			t.Errorf("problems %v, want %d", fes, len(want))
		}
		for _, fe := range fes {
			if w, ok := want[fe.Field]; !ok || !strings.Contains(fe.Message, w) {
				t.Errorf("problem %s: %s; want %q", fe.Field, fe.Message, w)
			}
		}
		for _, v := range apps {
			if now, _ := s.Application(ctx, hr2, v.ID); now.Version != v.Version || now.Theory != nil || now.Practical != nil {
				t.Errorf("a bad sheet wrote application %d: %+v", v.ID, now.Application)
			}
		}

		// 三(二)3: 45 points cannot be recorded as 合格 one by one.
		score := 45.0
		_, err = s.Act(ctx, hr2, apps[2].ID, apps[2].Version, workflow.Input{Action: workflow.RecordPractical, Passed: new(true), Score: &score})
		if fes, ok := err.(guantong.FieldErrors); !ok || !strings.Contains(fes[0].Message, "低于合格线 60 分，不能记为合格") {
			t.Errorf("45 points as 合格: %v", err)
		}

		// The good sheet: 45 is 不合格, 60 is 合格; a theory result alone leaves it in 评价中.
		good := openSheet(t, tmpl)
		good.set(apps[0].ID, "G", "45")
		good.set(apps[1].ID, "G", "60")
		good.set(apps[3].ID, "F", "45")
		good.set(apps[3].ID, "G", "90")
		good.set(apps[4].ID, "F", "72.5")
		imp, err := s.ImportResults(ctx, hr2, good.bytes())
		if err != nil || imp.Recorded != 5 || len(imp.Results) != 4 {
			t.Fatalf("good sheet: %+v %v", imp, err)
		}
		for _, tt := range []struct {
			v         service.View
			stage     guantong.Stage
			theory    string
			practical bool
		}{
			{apps[0], guantong.StageFailed, "", false},
			{apps[1], guantong.StagePassed, "", true},
			{apps[2], guantong.StageAssessing, "", false},
			{apps[3], guantong.StageFailed, "45 不合格", true},
			{apps[4], guantong.StageAssessing, "72.5 合格", false},
		} {
			now, _ := s.Application(ctx, hr2, tt.v.ID)
			theory := ""
			if now.Theory != nil {
				theory = strconv.FormatFloat(*now.Theory.Score, 'f', -1, 64) + map[bool]string{true: " 合格", false: " 不合格"}[now.Theory.Passed]
			}
			if now.Stage != tt.stage || theory != tt.theory || (now.Practical != nil && now.Practical.Passed != tt.practical) {
				t.Errorf("application %d after import: %s, theory %q, practical %+v", tt.v.ID, now.Stage, theory, now.Practical)
			}
		}
		events, _ := s.Events(ctx, hr2, apps[3].ID)
		if n := len(events); n < 2 || events[n-2].Action != "record_theory" || events[n-1].Action != "record_practical" ||
			!strings.Contains(string(events[n-1].Payload), `"import_row":`+strconv.Itoa(sh.row[apps[3].ID])) {
			t.Errorf("audit rows of an imported row: %+v", events)
		}

		// The same sheet again: its versions are stale now, so nothing more is written.
		if _, err := s.ImportResults(ctx, hr2, good.bytes()); guantong.ErrorCode(err) != guantong.EInvalid {
			t.Errorf("the sheet imported twice: %v", err)
		}
		if _, err := s.ImportResults(ctx, hr2, []byte("not a sheet")); err == nil || !strings.Contains(err.Error(), "不是有效的 Excel 文件") {
			t.Errorf("not a sheet: %v", err)
		}
	})
}

// Issue 10: an evaluation organisation with more applications in 评价中 than a page holds
// (store.MaxLimit) gets them all in its sheet, read row by row from the store; rows left as
// the template gave them are neither counted nor checked, so a result typed on one row is
// recorded although another row's application has changed since the download.
func TestResultsTemplateLongerThanAPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s, hr2 := f.s, f.user("hr2")
		n := store.MaxLimit + 1
		apps := stack(f, guantong.KindSkill, guantong.StageAssessing, n, "hr2")
		tmpl, err := s.ResultsTemplate(ctx, hr2)
		if err != nil {
			t.Fatal(err)
		}
		sh := openSheet(t, tmpl)
		if len(sh.row) != n {
			t.Fatalf("template has %d rows, want all %d applications", len(sh.row), n)
		}
		for _, v := range []service.View{apps[0], apps[n-1]} {
			if sh.row[v.ID] == 0 {
				t.Errorf("application %d is not in the template", v.ID)
			}
		}
		// Another application changes after the download: its untouched row does not matter.
		err = s.Store().Write(ctx, func(tx *store.Tx) error {
			app := apps[1].Application
			return tx.UpdateApplication(ctx, &app, app.Version)
		})
		if err != nil {
			t.Fatal(err)
		}
		sh.set(apps[n-1].ID, "G", "88")
		imp, err := s.ImportResults(ctx, hr2, sh.bytes())
		if err != nil || imp.Recorded != 1 || len(imp.Results) != 1 || imp.Results[0].ID != apps[n-1].ID {
			t.Fatalf("one result in a sheet of %d rows: %+v %v", n, imp, err)
		}
	})
}
