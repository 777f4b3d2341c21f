package web

import (
	"bytes"
	"encoding/json"

	"guantong"
	"guantong/internal/document"
)

// The application form shows some fields of a person; a draft may hold more (an API caller's
// certificate numbers, title specialties, education levels, a second diploma, targets with
// their items, an award's occupation, fields a later contract adds). Saving the form merges
// its rows into the stored person instead of replacing it, so that nothing the form cannot
// show is lost.

// ownedFields are the fields of the person the application form shows and so writes; every
// other field stored (name, id_number and employer, which the service takes from the records;
// targets; what the form does not know) is kept as it was.
var ownedFields = []string{"id_type", "skills", "titles", "assessments", "work", "awards", "education"}

// storedPerson reads the fields of a stored person that the form shows. The others are not
// the form's to judge: an ID number the service replaces with the records' must not keep the
// rows from the form.
func storedPerson(raw json.RawMessage) (guantong.Person, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return guantong.Person{}, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		return guantong.Person{}, err
	}
	owned := map[string]json.RawMessage{}
	for _, k := range ownedFields {
		if v, ok := all[k]; ok {
			owned[k] = v
		}
	}
	b, err := json.Marshal(owned)
	if err != nil {
		return guantong.Person{}, err
	}
	return document.DecodePerson(b)
}

// keepStored is the form's person with what the form has no box for taken from the stored
// one. A row of the form that stands where a stored row stood (formOf shows row i of each kind
// as row i) and is still the same thing keeps that row's other fields: a certificate of the
// same occupation its number, edition and the name written on it; a title of the same series
// its specialty; an award of the same name its occupation. The diploma the form shows keeps
// its level, and the further diplomas stay. The default identity document (居民身份证) stays as
// it was written.
func keepStored(stored, page guantong.Person, refs *docRefs) guantong.Person {
	out := page
	if out.IDType == "" && stored.IDType == guantong.IDResident {
		out.IDType = stored.IDType
	}
	out.Skills = keepRows(stored.Skills, page.Skills, refs.rows["skills"], func(old, cur guantong.Skill) guantong.Skill {
		if old.OccupationCode == cur.OccupationCode {
			cur.Occupation, cur.CertificateNo, cur.Classification = old.Occupation, old.CertificateNo, old.Classification
		}
		return cur
	})
	out.Titles = keepRows(stored.Titles, page.Titles, refs.rows["titles"], func(old, cur guantong.Title) guantong.Title {
		if old.Series == cur.Series {
			cur.Specialty = old.Specialty
		}
		return cur
	})
	out.Awards = keepRows(stored.Awards, page.Awards, refs.rows["awards"], func(old, cur guantong.Award) guantong.Award {
		if old.Name == cur.Name {
			cur.OccupationCode = old.OccupationCode
		}
		return cur
	})
	out.Education = nil
	var first guantong.Education
	if len(page.Education) > 0 {
		first = page.Education[0]
	}
	if len(stored.Education) > 0 {
		first.Level = stored.Education[0].Level
	}
	if first.Level != "" || first.Major != "" || len(first.RelatedCodes) > 0 {
		out.Education = append(out.Education, first)
	}
	if len(stored.Education) > 1 {
		out.Education = append(out.Education, stored.Education[1:]...)
	}
	return out
}

// keepRows applies keep to each row of the form (page) and the stored row it stands on.
// from gives the form's row of each element of page.
func keepRows[T any](stored, page []T, from []int, keep func(old, cur T) T) []T {
	for j := range page {
		if j < len(from) && from[j] < len(stored) {
			page[j] = keep(stored[from[j]], page[j])
		}
	}
	return page
}
