package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// Imported is what an import of results recorded: one result per application, in the
// sheet's order.
type Imported struct {
	Recorded int           `json:"recorded"` // results recorded (a row may hold two)
	Results  []BatchResult `json:"results"`
}

// ResultsTemplate is the results sheet for u to fill in: every application routed to u's
// organisation in 评价中 on which u may record a result now, with its number, version,
// applicant, occupation and level; 免考 where the theory exam is exempt and 已录入 where a
// result is recorded.
func (s *Service) ResultsTemplate(ctx context.Context, u *guantong.User) ([]byte, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	m := s.params().PassMark
	var buf bytes.Buffer
	// Row by row from the store, into the sheet's stream: an organisation with tens of
	// thousands of applications in 评价中 needs no more memory for them than for one.
	err := writeResultsSheet(&buf, [2]float64{m.Theory, m.Practical}, func(add func([]string) error) error {
		q := ListQuery{Kind: guantong.KindSkill, Stages: []guantong.Stage{guantong.StageAssessing}}
		return s.EachApplication(ctx, u, q, func(v View) error {
			if !slices.Contains(v.Actions, workflow.RecordTheory) && !slices.Contains(v.Actions, workflow.RecordPractical) {
				return nil
			}
			occupation, _ := s.Engine().Catalog().Name(v.OccupationCode)
			theory, practical := "", ""
			switch {
			case v.ExemptTheory:
				theory = cellExempt
			case v.Theory != nil:
				theory = recordedCell(v.Theory)
			}
			if v.Practical != nil {
				practical = recordedCell(v.Practical)
			}
			return add([]string{strconv.FormatInt(v.ID, 10), strconv.Itoa(v.Version), v.Applicant.Name,
				occupation + "（" + v.OccupationCode + "）", v.Level.String(), theory, practical})
		})
	})
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errBadRows rolls back an import with a bad row.
var errBadRows = errors.New("service: results import has bad rows")

// ImportResults records the theory and practical results of an uploaded results sheet. A
// score is 合格 when it reaches the pass mark of its part and 不合格 below it. Every bad
// row is reported by row and column (guantong.FieldErrors, fields such as 第 3 行「理论知识成绩」)
// and then nothing is written; otherwise every result is its own step, checked against the
// row's version and audited, all in one transaction.
func (s *Service) ImportResults(ctx context.Context, u *guantong.User, data []byte) (Imported, error) {
	if err := signedIn(u); err != nil {
		return Imported{}, err
	}
	if len(data) > guantong.MaxFileSize {
		return Imported{}, guantong.FieldErrors{{Field: "file", Message: "文件超过 10 MiB"}}
	}
	rows, parsed := readResultsSheet(data)
	if rows == nil && len(parsed) > 0 {
		return Imported{}, parsed
	}
	var out Imported
	var es guantong.FieldErrors
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		out, es = Imported{}, slices.Clone(parsed)
		for _, r := range rows {
			if r.Bad {
				continue
			}
			res, n, err := s.importRow(ctx, tx, u, r, &es)
			if err != nil {
				return err
			}
			out.Recorded += n
			if res.ID != 0 {
				out.Results = append(out.Results, res)
			}
		}
		if len(es) > 0 {
			return errBadRows
		}
		return nil
	})
	if errors.Is(err, errBadRows) {
		byRow(es)
		return Imported{}, es
	}
	if err != nil {
		return Imported{}, err
	}
	if out.Recorded == 0 {
		return Imported{}, guantong.FieldErrors{{Field: "file", Message: "表中没有新填写的成绩"}}
	}
	if out.Results == nil {
		out.Results = []BatchResult{}
	}
	return out, nil
}

// importRow records one row's results in tx, adding the row's problems to es. It returns
// what became of the application and how many results were recorded; an error other than
// a problem of the row (a failing database) ends the import.
func (s *Service) importRow(ctx context.Context, tx *store.Tx, u *guantong.User, r resultRow, es *guantong.FieldErrors) (BatchResult, int, error) {
	at := func(col string) string { return fmt.Sprintf("第 %d 行「%s」", r.Row, col) }
	if !r.scored() && !r.Theory.Exempt {
		return BatchResult{}, 0, nil // left as the template gave it: nothing to read or record
	}
	app, err := s.visible(ctx, tx, u, r.ID, 0)
	switch {
	case guantong.ErrorCode(err) == guantong.EInternal:
		return BatchResult{}, 0, err
	case err != nil:
		es.Add(at(colID), "%s", reason(err))
		return BatchResult{}, 0, nil
	case !r.scored(): // 免考 and nothing else: only the exemption is checked, whatever became of it since
		if !app.ExemptTheory {
			es.Add(at(colTheory), "申报 %d 不免考理论知识考试，须填写成绩", r.ID)
		}
		return BatchResult{}, 0, nil
	case app.Version != r.Version:
		es.Add(at(colVersion), "申报 %d 已被修改（模板中的版本 %d，现为版本 %d「%s」），请重新下载模板", r.ID, r.Version, app.Version, app.Stage.Name())
		return BatchResult{}, 0, nil
	}
	if !slices.ContainsFunc(allowed(u, &app), func(a workflow.Action) bool { return a == workflow.RecordTheory || a == workflow.RecordPractical }) {
		if app.Stage != guantong.StageAssessing {
			es.Add(at(colID), "申报 %d 处于「%s」阶段，不能录入成绩", r.ID, app.Stage.Name())
		} else {
			es.Add(at(colID), "申报 %d 不由本单位评价，不能录入成绩", r.ID)
		}
		return BatchResult{}, 0, nil
	}
	if r.Theory.Exempt && !app.ExemptTheory {
		es.Add(at(colTheory), "申报 %d 不免考理论知识考试，须填写成绩", r.ID)
	}
	wf := s.params().PassMark
	n := 0
	var said []string
	for _, part := range []struct {
		c      cell
		action workflow.Action
		col    string
		mark   float64
	}{{r.Theory, workflow.RecordTheory, colTheory, wf.Theory}, {r.Practical, workflow.RecordPractical, colPractical, wf.Practical}} {
		if part.c.Empty || part.c.Exempt || part.c.Recorded {
			continue
		}
		score := part.c.Score
		passed := score >= part.mark
		next, err := s.step(ctx, tx, u, app, workflow.Input{Action: part.action, Passed: &passed, Score: &score},
			map[string]any{"import_row": r.Row})
		if guantong.ErrorCode(err) == guantong.EInternal {
			return BatchResult{}, 0, err
		}
		if err != nil {
			es.Add(at(part.col), "%s", reason(err))
			continue
		}
		app = next
		n++
		word := "不合格"
		if passed {
			word = "合格"
		}
		said = append(said, fmt.Sprintf("%s %g 分，%s", part.col, score, word))
	}
	if n == 0 {
		return BatchResult{}, 0, nil
	}
	p, err := tx.Applicant(ctx, app.PersonID)
	if err != nil {
		return BatchResult{}, 0, err
	}
	return BatchResult{ID: app.ID, Done: true, Name: p.Name, What: s.describe(&app), Stage: app.Stage, Version: app.Version,
		Message: strings.Join(said, "；") + "，现为「" + app.Stage.Name() + "」"}, n, nil
}
