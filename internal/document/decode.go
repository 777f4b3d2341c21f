// Package document reads and writes the check documents of the contract
// (shared spec check.md, copied to docs/check.md): JSON in, a validated guantong.Request out,
// every problem named by its field path; and the answer as JSON.
package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"guantong"
)

// MaxSize is the largest document accepted; a person's record is a few kilobytes.
const MaxSize = 1 << 20

// Read reads a document from r and decodes it; see Decode.
func Read(r io.Reader) (guantong.Request, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return guantong.Request{}, err
	}
	return Decode(b)
}

// Decode validates a check document. A malformed one returns guantong.FieldErrors listing
// every problem, each with its field path (person.skills[0].obtained); nothing is
// half-decoded. Fields it does not know are ignored, so that the contract may grow.
func Decode(b []byte) (guantong.Request, error) {
	if len(b) > MaxSize {
		return guantong.Request{}, guantong.FieldErrors{{Field: "document", Message: fmt.Sprintf("文档超过 %d 字节", MaxSize)}}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return guantong.Request{}, guantong.FieldErrors{{Field: "document", Message: syntaxMessage(err, b)}}
	}
	if _, err := dec.Token(); err != io.EOF {
		return guantong.Request{}, guantong.FieldErrors{{Field: "document", Message: "JSON 文档之后还有多余内容"}}
	}
	d := decoder{}
	req := d.request(doc)
	if len(d.errs) > 0 {
		return guantong.Request{}, d.errs
	}
	return req, nil
}

func syntaxMessage(err error, b []byte) string {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return "文档为空"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "JSON 不完整：文档提前结束"
	case errors.As(err, &se):
		line := 1 + bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n"))
		return fmt.Sprintf("不是有效的 JSON（第 %d 行，第 %d 字节）：%s", line, se.Offset, strings.TrimPrefix(err.Error(), "invalid character "))
	}
	return "不是有效的 JSON：" + err.Error()
}

// decoder walks the generic JSON value, converting and checking each field and collecting
// every problem.
type decoder struct {
	errs guantong.FieldErrors
}

func (d *decoder) fail(path, format string, args ...any) {
	d.errs.Add(path, format, args...)
}

func (d *decoder) request(v any) guantong.Request {
	obj, ok := d.object("document", v)
	if !ok {
		return guantong.Request{}
	}
	var req guantong.Request
	if v, ok := obj["as_of"]; ok && v != nil {
		req.AsOf = d.date("as_of", v)
	}
	pv, ok := obj["person"]
	if !ok || pv == nil {
		d.fail("person", "缺少 person")
		return req
	}
	req.Person = d.person("person", pv)
	return req
}

func (d *decoder) person(path string, v any) guantong.Person {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Person{}
	}
	p := guantong.Person{
		Name:     d.optString(path+".name", obj["name"]),
		IDType:   d.optString(path+".id_type", obj["id_type"]),
		IDNumber: d.optString(path+".id_number", obj["id_number"]),
	}
	if p.IDType != "" && !oneOf(guantong.IDTypes, p.IDType) {
		d.fail(path+".id_type", "%q 不是证件类型（%s）", p.IDType, strings.Join(guantong.IDTypes, "、"))
	} else if p.IDNumber != "" {
		if msg := guantong.IDProblem(p.IDType, p.IDNumber); msg != "" {
			d.fail(path+".id_number", "%q %s", p.IDNumber, msg)
		}
	}
	if ev, ok := obj["employer"]; ok && ev != nil {
		p.Employer = d.employer(path+".employer", ev)
	}
	d.each(path+".skills", obj["skills"], func(at string, v any) { p.Skills = append(p.Skills, d.skill(at, v)) })
	d.each(path+".titles", obj["titles"], func(at string, v any) { p.Titles = append(p.Titles, d.title(at, v)) })
	d.each(path+".assessments", obj["assessments"], func(at string, v any) { p.Assessments = append(p.Assessments, d.assessment(at, v)) })
	d.each(path+".work", obj["work"], func(at string, v any) { p.Work = append(p.Work, d.work(at, v)) })
	d.each(path+".awards", obj["awards"], func(at string, v any) { p.Awards = append(p.Awards, d.award(at, v)) })
	d.each(path+".education", obj["education"], func(at string, v any) { p.Education = append(p.Education, d.education(at, v)) })
	d.each(path+".targets", obj["targets"], func(at string, v any) { p.Targets = append(p.Targets, d.target(at, v)) })
	return p
}

func (d *decoder) employer(path string, v any) guantong.Employer {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Employer{}
	}
	e := guantong.Employer{
		Name: d.optString(path+".name", obj["name"]),
		Kind: d.optString(path+".kind", obj["kind"]),
	}
	if e.Kind != "" && !oneOf(guantong.EmployerKinds, e.Kind) {
		d.fail(path+".kind", "%q 不是单位类型（%s）", e.Kind, strings.Join(guantong.EmployerKinds, "、"))
	}
	if sv, ok := obj["self_evaluation"]; ok && sv != nil {
		b, ok := sv.(bool)
		if !ok {
			d.fail(path+".self_evaluation", "应为 true 或 false")
		}
		e.SelfEvaluation = b
	}
	return e
}

func (d *decoder) skill(path string, v any) guantong.Skill {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Skill{}
	}
	s := guantong.Skill{
		OccupationCode: d.code(path+".occupation_code", obj["occupation_code"]),
		Occupation:     d.optString(path+".occupation", obj["occupation"]),
		CertificateNo:  d.optString(path+".certificate_no", obj["certificate_no"]),
		Obtained:       d.date(path+".obtained", obj["obtained"]),
		Classification: d.classification(path+".classification", obj["classification"]),
	}
	if lv, ok := d.str(path+".level", obj["level"]); ok {
		l, valid := guantong.ParseSkillLevel(lv)
		if !valid {
			d.fail(path+".level", "%q 不是职业技能等级（%s，或五级至一级）", lv, strings.Join(guantong.SkillLevels(), "、"))
		}
		s.Level = l
	}
	return s
}

func (d *decoder) title(path string, v any) guantong.Title {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Title{}
	}
	t := guantong.Title{
		Specialty: d.optString(path+".specialty", obj["specialty"]),
		Obtained:  d.date(path+".obtained", obj["obtained"]),
	}
	if s, ok := d.str(path+".series", obj["series"]); ok {
		if strings.TrimSpace(s) == "" {
			d.fail(path+".series", "不能为空")
		}
		t.Series = s
	}
	if lv, ok := d.str(path+".level", obj["level"]); ok {
		l, valid := guantong.ParseTitleLevel(lv)
		if !valid {
			d.fail(path+".level", "%q 不是职称等级（%s）", lv, strings.Join(guantong.TitleLevels(), "、"))
		}
		t.Level = l
	}
	return t
}

func (d *decoder) assessment(path string, v any) guantong.Assessment {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Assessment{}
	}
	a := guantong.Assessment{Year: d.year(path+".year", obj["year"])}
	// Any grade is well-formed: the words that pass and fail are policy data (an employer's
	// own grades are added there), and the engine says when a word is in neither list.
	if r, ok := d.str(path+".result", obj["result"]); ok {
		r = strings.TrimSpace(r)
		switch n := len([]rune(r)); {
		case n == 0:
			d.fail(path+".result", "不能为空（如%s）", strings.Join(guantong.AssessmentResults, "、"))
		case n > 20:
			d.fail(path+".result", "不是考核结果：超过 20 字")
		}
		a.Result = r
	}
	return a
}

func (d *decoder) work(path string, v any) guantong.WorkPeriod {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.WorkPeriod{}
	}
	w := guantong.WorkPeriod{From: d.date(path+".from", obj["from"])}
	if tv, ok := obj["to"]; ok && tv != nil {
		w.To = d.date(path+".to", tv) // ending before it starts: a warning of the engine (contract v2)
	}
	return w
}

func (d *decoder) award(path string, v any) guantong.Award {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Award{}
	}
	a := guantong.Award{Year: d.year(path+".year", obj["year"])}
	if cv, ok := obj["occupation_code"]; ok && cv != nil {
		a.OccupationCode = d.code(path+".occupation_code", cv)
	}
	if n, ok := d.str(path+".name", obj["name"]); ok {
		if strings.TrimSpace(n) == "" {
			d.fail(path+".name", "不能为空")
		}
		a.Name = strings.TrimSpace(n)
	}
	return a
}

func (d *decoder) education(path string, v any) guantong.Education {
	obj, ok := d.object(path, v)
	if !ok {
		return guantong.Education{}
	}
	e := guantong.Education{
		Level: d.optString(path+".level", obj["level"]),
		Major: d.optString(path+".major", obj["major"]),
	}
	d.each(path+".related_codes", obj["related_codes"], func(at string, v any) { e.RelatedCodes = append(e.RelatedCodes, d.code(at, v)) })
	return e
}

// target reads a reverse-route target: a code string, or an object with occupation_code and
// optionally item, classification and direct.
func (d *decoder) target(path string, v any) guantong.Target {
	if _, ok := v.(string); ok {
		return guantong.Target{OccupationCode: d.code(path, v)}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		d.fail(path, "应为职业编码或对象，实为 %s", kind(v))
		return guantong.Target{}
	}
	return guantong.Target{
		OccupationCode: d.code(path+".occupation_code", obj["occupation_code"]),
		Item:           strings.TrimSpace(d.optString(path+".item", obj["item"])),
		Classification: d.classification(path+".classification", obj["classification"]),
		Direct:         strings.TrimSpace(d.optString(path+".direct", obj["direct"])),
	}
}

// classification reads the edition of the national classification an occupation code is in.
func (d *decoder) classification(path string, v any) string {
	s := d.optString(path, v)
	if s != "" && s != "2015" && s != "2022" {
		d.fail(path, "%q 不是职业分类大典版本（2015 或 2022）", s)
	}
	return s
}
