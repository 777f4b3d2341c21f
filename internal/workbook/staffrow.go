package workbook

import (
	"strconv"
	"strings"

	"guantong"
)

// StaffRow writes a person as a row of the staff template (StaffHeaders), the inverse of
// reading one: for tests, demonstrations and `guantong population -o people.xlsx`. A person
// with more certificates or titles than the template has groups keeps the first ones.
func StaffRow(region, phone string, p guantong.Person) []string {
	headers := StaffHeaders()
	at := make(map[string]int, len(headers))
	for i, h := range headers {
		at[h] = i
	}
	row := make([]string, len(headers))
	set := func(h, v string) { row[at[h]] = v }
	set(colName, p.Name)
	set(colIDType, p.IDType)
	set(colIDNumber, p.IDNumber)
	set(colPhone, phone)
	set(colRegion, region)
	set(colEmployer, p.Employer.Name)
	set(colKind, p.Employer.Kind)
	if p.Employer.SelfEvaluation {
		set(colSelfEval, "是")
	}
	for i, s := range p.Skills[:min(len(p.Skills), TemplateSkills)] {
		g := "证书" + strconv.Itoa(i+1)
		set(g+skillCode, s.OccupationCode)
		set(g+skillName, s.Occupation)
		set(g+skillLevel, s.Level.String())
		set(g+skillDate, s.Obtained.String())
		set(g+skillNumber, s.CertificateNo)
	}
	for i, t := range p.Titles[:min(len(p.Titles), TemplateTitles)] {
		g := "职称" + strconv.Itoa(i+1)
		set(g+titleSeries, t.Series)
		set(g+titleSpecialty, t.Specialty)
		set(g+titleLevel, t.Level.String())
		set(g+titleDate, t.Obtained.String())
	}
	var list []string
	for _, a := range p.Assessments {
		list = append(list, strconv.Itoa(a.Year)+":"+a.Result)
	}
	set(colAssessments, strings.Join(list, "；"))
	list = list[:0]
	for _, w := range p.Work {
		to := "今"
		if !w.To.IsZero() {
			to = w.To.String()
		}
		list = append(list, w.From.String()+"至"+to)
	}
	set(colWork, strings.Join(list, "；"))
	list = list[:0]
	for _, a := range p.Awards {
		s := a.Name + ":" + strconv.Itoa(a.Year)
		if a.OccupationCode != "" {
			s += ":" + a.OccupationCode
		}
		list = append(list, s)
	}
	set(colAwards, strings.Join(list, "；"))
	list = list[:0]
	for _, e := range p.Education {
		s := e.Level + ":" + e.Major
		if len(e.RelatedCodes) > 0 {
			s += ":" + strings.Join(e.RelatedCodes, "、")
		}
		list = append(list, s)
	}
	set(colEducation, strings.Join(list, "；"))
	list = list[:0]
	for _, t := range p.Targets {
		s := t.OccupationCode
		if t.Item != "" {
			s += ":" + t.Item
		}
		list = append(list, s)
	}
	set(colTargets, strings.Join(list, "；"))
	return row
}
