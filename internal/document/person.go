package document

import (
	"bytes"
	"encoding/json"
	"fmt"

	"guantong"
)

// The JSON shape of the person part of the check document (docs/check.md). EncodePerson
// writes every field Decode reads, so that Decode(EncodePerson(p)) gives p back.
type (
	personJSON struct {
		Name        string           `json:"name,omitempty"`
		IDType      string           `json:"id_type,omitempty"`
		IDNumber    string           `json:"id_number,omitempty"`
		Employer    *employerJSON    `json:"employer,omitempty"`
		Skills      []skillJSON      `json:"skills,omitempty"`
		Titles      []titleJSON      `json:"titles,omitempty"`
		Assessments []assessmentJSON `json:"assessments,omitempty"`
		Work        []workJSON       `json:"work,omitempty"`
		Awards      []awardJSON      `json:"awards,omitempty"`
		Education   []educationJSON  `json:"education,omitempty"`
		Targets     []any            `json:"targets,omitempty"` // a code string, or an object when it says more
	}
	employerJSON struct {
		Name           string `json:"name,omitempty"`
		Kind           string `json:"kind,omitempty"`
		SelfEvaluation bool   `json:"self_evaluation,omitempty"`
	}
	skillJSON struct {
		OccupationCode string `json:"occupation_code"`
		Occupation     string `json:"occupation,omitempty"`
		Classification string `json:"classification,omitempty"`
		Level          string `json:"level"`
		Obtained       string `json:"obtained"`
		CertificateNo  string `json:"certificate_no,omitempty"`
	}
	titleJSON struct {
		Series    string `json:"series"`
		Specialty string `json:"specialty,omitempty"`
		Level     string `json:"level"`
		Obtained  string `json:"obtained"`
	}
	assessmentJSON struct {
		Year   int    `json:"year"`
		Result string `json:"result"`
	}
	workJSON struct {
		From string  `json:"from"`
		To   *string `json:"to"`
	}
	awardJSON struct {
		Name           string `json:"name"`
		Year           int    `json:"year,omitempty"`
		OccupationCode string `json:"occupation_code,omitempty"`
	}
	educationJSON struct {
		Level        string   `json:"level,omitempty"`
		Major        string   `json:"major,omitempty"`
		RelatedCodes []string `json:"related_codes,omitempty"`
	}
	targetJSON struct {
		OccupationCode string `json:"occupation_code"`
		Item           string `json:"item,omitempty"`
		Classification string `json:"classification,omitempty"`
		Direct         string `json:"direct,omitempty"`
	}
)

// EncodePerson writes p as the person part of a check document.
func EncodePerson(p guantong.Person) json.RawMessage {
	out := personJSON{Name: p.Name, IDType: p.IDType, IDNumber: p.IDNumber}
	if p.Employer != (guantong.Employer{}) {
		out.Employer = &employerJSON{Name: p.Employer.Name, Kind: p.Employer.Kind, SelfEvaluation: p.Employer.SelfEvaluation}
	}
	for _, s := range p.Skills {
		out.Skills = append(out.Skills, skillJSON{OccupationCode: s.OccupationCode, Occupation: s.Occupation,
			Classification: s.Classification, Level: s.Level.String(), Obtained: s.Obtained.String(), CertificateNo: s.CertificateNo})
	}
	for _, t := range p.Titles {
		out.Titles = append(out.Titles, titleJSON{Series: t.Series, Specialty: t.Specialty, Level: t.Level.String(), Obtained: t.Obtained.String()})
	}
	for _, a := range p.Assessments {
		out.Assessments = append(out.Assessments, assessmentJSON{Year: a.Year, Result: a.Result})
	}
	for _, w := range p.Work {
		wj := workJSON{From: w.From.String()}
		if !w.To.IsZero() {
			to := w.To.String()
			wj.To = &to
		}
		out.Work = append(out.Work, wj)
	}
	for _, a := range p.Awards {
		out.Awards = append(out.Awards, awardJSON{Name: a.Name, Year: a.Year, OccupationCode: a.OccupationCode})
	}
	for _, e := range p.Education {
		out.Education = append(out.Education, educationJSON{Level: e.Level, Major: e.Major, RelatedCodes: e.RelatedCodes})
	}
	for _, t := range p.Targets {
		if t.Item == "" && t.Classification == "" && t.Direct == "" {
			out.Targets = append(out.Targets, t.OccupationCode)
		} else {
			out.Targets = append(out.Targets, targetJSON(t))
		}
	}
	b, err := json.Marshal(out)
	if err != nil { // only strings, numbers and booleans: cannot fail
		panic("document: encode person: " + err.Error())
	}
	return b
}

// DecodePerson validates the person part of a check document on its own, as Decode does
// inside a whole one; the field paths of its problems start with "person".
func DecodePerson(raw json.RawMessage) (guantong.Person, error) {
	doc := make([]byte, 0, len(raw)+12)
	doc = append(append(append(doc, `{"person":`...), raw...), '}')
	req, err := Decode(doc)
	return req.Person, err
}

// Overlay writes the named fields of p (the JSON names: "skills", "id_type") over the person
// part stored, keeping every other field of stored as it was, those the caller knows nothing
// of included: an editor that shows some fields of a person saves them without losing the
// rest. A field p leaves empty is removed.
func Overlay(stored json.RawMessage, p guantong.Person, fields ...string) (json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(stored)) > 0 && !bytes.Equal(bytes.TrimSpace(stored), []byte("null")) {
		if err := json.Unmarshal(stored, &out); err != nil {
			return nil, fmt.Errorf("document: the stored person is not a JSON object: %w", err)
		}
	}
	var enc map[string]json.RawMessage
	if err := json.Unmarshal(EncodePerson(p), &enc); err != nil {
		return nil, err
	}
	for _, f := range fields {
		if v, ok := enc[f]; ok {
			out[f] = v
		} else {
			delete(out, f)
		}
	}
	return json.Marshal(out)
}
