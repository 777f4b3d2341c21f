package web

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/service"
)

// applyForm is the application form as typed: what is applied for, and the person's
// certificates, titles, assessments, work, awards and diploma in the rows of the self-check
// form (checkForm), so that both read and check them alike. Name, ID number and employer are
// the records', not the form's.
type applyForm struct {
	ID          int64 // editing: the application and the version last read
	Version     int
	Route       string
	Series      string
	Specialty   string // 专业: from the series' list (data/specialties.csv) or typed
	TitleLevel  string
	Occupation  string
	SkillLevel  string
	EvaluatorID string
	Person      *checkForm
	Errs        errs     // route, series, title_level, occupation, skill_level, evaluator_id, file
	Problems    []string // messages about fields the form does not show as such
}

// routeChoice is one route the form offers.
type routeChoice struct{ Value, Label, Hint string }

var routeChoices = []routeChoice{
	{guantong.RouteTitleReview, "申报职称评审", "技能人才按工种对应的职称系列申报评审（三(一)1-3）。"},
	{guantong.RouteTitleRecognition, "直接认定职称（绿色通道）", "获得三(一)4 所列奖项、称号的，直接认定相应职称。"},
	{guantong.RouteSkillEvaluation, "申请职业技能评价", "专业技术人员申请相应职业的技能等级评价（三(二)）。"},
}

// newApplyForm is the empty form, dated today, with the years of assessment asked about.
func newApplyForm(today guantong.Date, years []int) *applyForm {
	return &applyForm{Route: guantong.RouteTitleReview, Person: newCheckForm(today, years)}
}

// readApplyForm reads the posted form.
func readApplyForm(v url.Values, today guantong.Date, years int) *applyForm {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := &applyForm{Route: get("route"), Series: get("series"), Specialty: get("specialty"), TitleLevel: get("title_level"),
		Occupation: get("occupation"), SkillLevel: get("skill_level"), EvaluatorID: get("evaluator_id"),
		Person: readCheckForm(v, years)}
	f.ID, _ = strconv.ParseInt(get("id"), 10, 64)
	f.Version, _ = strconv.Atoi(get("version"))
	f.Person.AsOf = today.String() // the check runs on the day of submission
	return f
}

// kind is the kind of application the chosen route leads to.
func (f *applyForm) kind() string { return guantong.KindOf(f.Route) }

// draft checks the rows as the self-check does (document.Decode, once) and builds the
// service's draft: the rows merged into the person stored (nil for a new application), so
// that what the form has no box for stays as it was (keepStored). False when a row has a
// mistake, shown next to it. What is applied for is the service's to check.
func (f *applyForm) draft(s *Server, stored json.RawMessage) (service.Draft, bool) {
	req, ok := f.Person.request(s.resolveOccupation)
	d := service.Draft{Route: f.Route}
	switch f.kind() {
	case guantong.KindTitle:
		d.Series, d.Level, d.Specialty = f.Series, f.TitleLevel, f.Specialty
	case guantong.KindSkill:
		d.Level = f.SkillLevel
		if f.Occupation == "" {
			f.fail("occupation", "请填写申请评价的职业（工种）")
			ok = false
		} else if code, _, msg := s.resolveOccupation(f.Occupation); msg != "" {
			f.fail("occupation", msg)
			ok = false
		} else {
			d.OccupationCode = code
		}
		d.EvaluatorID, _ = strconv.ParseInt(f.EvaluatorID, 10, 64)
	}
	if !ok {
		return d, false
	}
	base, err := storedPerson(stored)
	if err == nil {
		d.Person, err = document.Overlay(stored, keepStored(base, req.Person, f.Person.refs), ownedFields...)
	}
	if err != nil {
		f.Problems = append(f.Problems, "已保存的申报内容无法读取，请联系管理员")
		return d, false
	}
	return d, true
}

func (f *applyForm) fail(field, msg string) {
	if f.Errs == nil {
		f.Errs = errs{}
	}
	f.Errs[field] = msg
}

// serviceErrs puts the service's field errors next to the form's fields.
func (f *applyForm) serviceErrs(es errs) {
	for _, field := range slices.Sorted(maps.Keys(es)) {
		msg := es[field]
		switch field {
		case "route", "series", "specialty", "occupation", "evaluator_id", "file":
			f.fail(field, msg)
		case "occupation_code":
			f.fail("occupation", msg)
		case "level":
			if f.kind() == guantong.KindSkill {
				f.fail("skill_level", msg)
			} else {
				f.fail("title_level", msg)
			}
		default: // the person's fields, as the service checks the document with the records'
			if kind, row, at := f.Person.refs.field(field); at != "" || kind != "" {
				f.Person.note(kind, row, at, messageText(msg))
			} else {
				f.Problems = append(f.Problems, pathWords(field)+"："+messageText(msg))
			}
		}
	}
}

// formOf is the form of an application to edit: its choices and its document in the rows,
// every row of it (the API may write more rows than the form shows by default), so that
// saving it unchanged writes the rows back as they were.
func (s *Server) formOf(v service.View, today guantong.Date) *applyForm {
	f := &applyForm{ID: v.ID, Version: v.Version, Route: v.Route, Series: v.Series, Specialty: v.Specialty, Person: newCheckForm(today, s.assessmentYears(today))}
	if v.Kind == guantong.KindSkill {
		f.SkillLevel, f.Occupation = v.Level.String(), s.occupationName(v.OccupationCode)
		if v.EvaluatorID != 0 {
			f.EvaluatorID = strconv.FormatInt(v.EvaluatorID, 10)
		}
	} else {
		f.TitleLevel = v.Level.String()
	}
	p, err := storedPerson(v.Document)
	if err != nil {
		f.Problems = append(f.Problems, "已保存的申报内容无法读取，请联系管理员")
		return f
	}
	s.fillPerson(f.Person, p)
	return f
}

// setRow puts r in row i of rows: over a default row (an assessment's year filled in
// beforehand), or after the last.
func setRow[R any](rows []R, i int, r R) []R {
	if i < len(rows) {
		rows[i] = r
		return rows
	}
	return append(rows, r)
}

// parseApplyRequest reads a posted application form, urlencoded or multipart with an
// optional file; problem is a message about the file.
func parseApplyRequest(w http.ResponseWriter, r *http.Request) (name string, data []byte, problem string, err error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := r.ParseForm(); err != nil {
			return "", nil, "", err
		}
	} else if name, data, problem = readUpload(w, r); r.MultipartForm == nil { // nothing of the form could be read
		return "", nil, "", errors.New(problem)
	}
	if msg := formTextProblem(r); msg != "" {
		return "", nil, "", errors.New(msg)
	}
	return name, data, problem, nil
}

// readUpload reads the "file" of a multipart form, at most guantong.MaxFileSize; no file
// chosen is nil data and no problem.
func readUpload(w http.ResponseWriter, r *http.Request) (name string, data []byte, problem string) {
	return readUploadUpTo(w, r, guantong.MaxFileSize, "文件超过 10 MiB")
}

// readUploadUpTo is readUpload for files of up to max bytes, with the message for a larger one.
func readUploadUpTo(w http.ResponseWriter, r *http.Request, max int64, tooLarge string) (name string, data []byte, problem string) {
	if problem := parseUpload(w, r, max, tooLarge); problem != "" {
		return "", nil, problem
	}
	return formFile(r, "file", max)
}

// parseUpload parses a multipart form of up to max bytes of files; the problem, if any, is
// tooLarge or says what else went wrong.
func parseUpload(w http.ResponseWriter, r *http.Request, max int64, tooLarge string) (problem string) {
	r.Body = http.MaxBytesReader(w, r.Body, max+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return tooLarge
		}
		return "无法读取上传的内容，请重新选择文件"
	}
	return formTextProblem(r)
}

// pathEscape escapes a file name for Content-Disposition's filename*.
func pathEscape(name string) string { return url.PathEscape(name) }

// personFields is what the "personFields" template (partials/person.html) shows: the rows of
// a form, the lists of its choices, and whether to ask for the occupations of a skill
// evaluation.
type personFields struct {
	Form    *checkForm
	Choices checkChoices
	Targets bool
	Max     int // rows of a kind the script may add up to (maxRows)
}
