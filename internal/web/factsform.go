package web

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/service"
)

// An applicant whose employer imported them (员工导入, docs/staff.md) starts 自助测评 and a new
// application from what the employer registered: the rows are filled in, the page says from
// which import and when, and the applicant corrects what is wrong before checking or saving.

// factsSource says where the rows of a form were first filled from: the employer whose staff
// import registered them, and the day (Beijing).
type factsSource struct {
	Employer string
	Date     guantong.Date
}

// fillPerson puts a person in the rows of a form, every row of each kind (the API may write
// more rows than the form shows by default), so that saving it unchanged writes the rows back
// as they were. An assessment goes to the row already dated its year.
func (s *Server) fillPerson(c *checkForm, p guantong.Person) {
	c.IDType = p.IDType
	for i, sk := range p.Skills {
		name := s.occupationName(sk.OccupationCode)
		if sk.Occupation != "" { // the name on the certificate, which the code may not have in the table
			name = sk.Occupation + "（" + sk.OccupationCode + "）"
		}
		c.Skills = setRow(c.Skills, i, skillRow{Occupation: name, Level: sk.Level.String(), Obtained: sk.Obtained.String()})
	}
	for i, t := range p.Titles {
		c.Titles = setRow(c.Titles, i, titleRow{Series: t.Series, Level: t.Level.String(), Obtained: t.Obtained.String()})
	}
	next := 0 // the first row not yet given an assessment of the person
	for _, a := range p.Assessments {
		r := assessmentRow{Year: strconv.Itoa(a.Year), Result: a.Result}
		at := -1
		for j := next; j < len(c.Assessments); j++ {
			if c.Assessments[j].Year == r.Year && c.Assessments[j].Result == "" {
				at = j
				break
			}
		}
		if at < 0 {
			at = next
		}
		c.Assessments = setRow(c.Assessments, at, r)
		next = at + 1
	}
	for i, wp := range p.Work {
		r := workRow{From: wp.From.String()}
		if !wp.To.IsZero() {
			r.To = wp.To.String()
		}
		c.Work = setRow(c.Work, i, r)
	}
	for i, a := range p.Awards {
		r := awardRow{Name: a.Name}
		if a.Year != 0 {
			r.Year = strconv.Itoa(a.Year)
		}
		c.Awards = setRow(c.Awards, i, r)
	}
	if len(p.Education) > 0 {
		e := p.Education[0]
		c.Major = e.Major
		var names []string
		for _, code := range e.RelatedCodes {
			names = append(names, s.occupationName(code))
		}
		c.Related = strings.Join(names, "、")
	}
	for i, t := range p.Targets {
		c.Targets = setRow(c.Targets, i, targetRow{Occupation: s.occupationName(t.OccupationCode), Item: t.Item})
	}
	c.pad()
}

// registered returns what the applicant's employer registered about them, and false for
// anyone else and for an applicant nobody imported. A failure to read it is logged and the
// form starts empty: the facts are a convenience, the form works without them.
func (s *Server) registered(ctx context.Context, u *guantong.User) (service.StaffFacts, guantong.Person, bool) {
	if u == nil || u.Role != guantong.RoleApplicant || u.PersonID == 0 {
		return service.StaffFacts{}, guantong.Person{}, false
	}
	f, err := s.svc.Facts(ctx, u, 0)
	if err != nil {
		if guantong.ErrorCode(err) != guantong.ENotFound {
			s.log.Error("web: registered facts", "err", err)
		}
		return f, guantong.Person{}, false
	}
	p, err := document.DecodePerson(f.Person)
	if err != nil {
		s.log.Error("web: registered facts do not decode", "person", f.PersonID, "err", err)
		return f, p, false
	}
	return f, p, true
}

// prefill fills an empty self-check or application form with what the applicant's employer
// registered, and says so on it; it leaves the form as it is for anyone else.
func (s *Server) prefill(ctx context.Context, u *guantong.User, c *checkForm) {
	f, p, ok := s.registered(ctx, u)
	if !ok {
		return
	}
	s.fillPerson(c, p)
	c.Name, c.EmployerKind, c.SelfEvaluation = p.Name, p.Employer.Kind, p.Employer.SelfEvaluation
	c.Source = sourceOf(f)
}

// sourceOf is the note of a form filled from f.
func sourceOf(f service.StaffFacts) *factsSource {
	return &factsSource{Employer: f.Employer, Date: guantong.Today(f.RegisteredAt)}
}

// recordFields are the fields of a person the records hold (people, the organisation): the
// service puts them over whatever a document says, so an application started from the
// registered facts does not keep a copy of them.
var recordFields = []string{"name", "id_number", "employer"}

// registeredBase is what a new application's form is merged into (applyForm.draft): the
// registered facts without the records' fields, so that what the form has no box for (a
// certificate's number, a title's specialty, the targets) is kept; nil when nothing was
// registered.
func (s *Server) registeredBase(ctx context.Context, u *guantong.User) json.RawMessage {
	f, _, ok := s.registered(ctx, u)
	if !ok {
		return nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(f.Person, &all); err != nil {
		return nil
	}
	for _, k := range recordFields {
		delete(all, k)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(all); err != nil {
		return nil
	}
	return bytes.TrimSpace(buf.Bytes())
}
