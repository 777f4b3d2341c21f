package service

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/store"
)

// What the staff import registers about a person (migration 0016, docs/staff.md): the
// sheet's certificates, titles, assessments, work, awards, diplomas and targets, kept with
// the person as the person part of a check document (internal/document's one encoder and
// decoder). The applicant's 自助测评 and new application start from it, and HR sees it.

// StaffFacts is what an employer registered about a person by the staff import: Person is the
// person part of a check document, with the records' name, ID and employer over the facts the
// sheet gave, so that {"as_of": …, "person": Person} is a document `guantong check` reads and
// judges as CheckFacts does.
type StaffFacts struct {
	PersonID     int64           `json:"person_id"`
	Name         string          `json:"name"`
	Employer     string          `json:"employer"` // the employer whose import registered them
	RegisteredAt time.Time       `json:"registered_at"`
	Person       json.RawMessage `json:"person"`
}

// factsOf is what a row of the staff sheet registers: its person without name, ID and
// employer, which are the records' own (people's columns, the organisation) and are put back
// when the facts are read, so that a later change of those is never contradicted by an old
// import.
func factsOf(p guantong.Person) json.RawMessage {
	p.Name, p.IDType, p.IDNumber, p.Employer = "", "", "", guantong.Employer{}
	return document.EncodePerson(p)
}

// Facts returns what an employer's import registered about a person: for the person's own
// applicant account (personID 0 is the user's own), the HR of the employer that employs them,
// and the admin. ENotFound when nothing was registered.
func (s *Service) Facts(ctx context.Context, u *guantong.User, personID int64) (StaffFacts, error) {
	out, _, err := s.facts(ctx, u, personID)
	return out, err
}

// CheckFacts judges what an employer registered about a person on asOf (zero: today), as
// `guantong check` judges the document {"as_of": asOf, "person": facts.Person}.
func (s *Service) CheckFacts(ctx context.Context, u *guantong.User, personID int64, asOf guantong.Date) (guantong.Answer, StaffFacts, error) {
	out, req, err := s.facts(ctx, u, personID)
	if err != nil {
		return guantong.Answer{}, out, err
	}
	req.AsOf = asOf
	return s.Check(req), out, nil
}

// facts reads the facts of a person u may see, with the request they make.
func (s *Service) facts(ctx context.Context, u *guantong.User, personID int64) (StaffFacts, guantong.Request, error) {
	var req guantong.Request
	if err := signedIn(u); err != nil {
		return StaffFacts{}, req, err
	}
	if personID == 0 {
		personID = u.PersonID
	}
	p, err := s.store.Applicant(ctx, personID)
	if err != nil && guantong.ErrorCode(err) != guantong.ENotFound {
		return StaffFacts{}, req, err
	}
	mine := u.Role == guantong.RoleApplicant && u.PersonID == personID
	staff := u.Role == guantong.RoleHR && u.OrgID != 0 && err == nil && p.EmployerID == u.OrgID
	if !mine && !staff && u.Role != guantong.RoleAdmin {
		return StaffFacts{}, req, guantong.Errorf(guantong.EForbidden, "只能查看本人或本单位人员的登记信息")
	}
	if err != nil {
		return StaffFacts{}, req, err
	}
	f, err := s.store.Facts(ctx, personID)
	if err != nil {
		return StaffFacts{}, req, err
	}
	if len(f.Person) == 0 {
		return StaffFacts{}, req, guantong.Errorf(guantong.ENotFound, "%s 没有单位导入的登记信息", p.Name)
	}
	emp, err := s.store.Organisation(ctx, p.EmployerID)
	if err != nil {
		return StaffFacts{}, req, err
	}
	// The same records over the same document as an application's check (request): the
	// facts stand where an application's document would.
	if req, err = s.request(&guantong.Application{Document: f.Person}, &p, &emp); err != nil {
		return StaffFacts{}, req, err
	}
	out := StaffFacts{PersonID: p.ID, Name: p.Name, RegisteredAt: f.At, Person: document.EncodePerson(req.Person)}
	out.Employer = emp.Name
	if f.OrgID != 0 && f.OrgID != emp.ID {
		if by, err := s.store.Organisation(ctx, f.OrgID); err == nil {
			out.Employer = by.Name
		}
	}
	return out, req, nil
}

// writeFacts registers a row's facts with its person, in the import's transaction. A person
// registered before keeps the facts of the kinds the sheet has no column for (fields are those
// it has, workbook.Reader.PersonFields): a sheet of names and phones does not wipe what an
// earlier, fuller sheet registered, while an empty cell of a column it has clears that kind.
func writeFacts(ctx context.Context, tx *store.Tx, personID int64, p guantong.Person, fields []string, known bool, orgID int64, at time.Time) error {
	facts := factsOf(p)
	if known {
		old, err := tx.Facts(ctx, personID)
		if err != nil {
			return err
		}
		if len(old.Person) > 0 {
			if facts, err = document.Overlay(old.Person, p, fields...); err != nil {
				return fmt.Errorf("service: facts of person %d: %w", personID, err)
			}
		}
	}
	return tx.SetFacts(ctx, personID, store.Facts{Person: facts, At: at, OrgID: orgID})
}
