package workbook

// PersonFields names, as the check document does (internal/document: "skills", "work"…),
// the facts of a person the sheet has columns for: a certificate or title group, or the
// column of a list. A fact without a column is one the sheet says nothing about, where an
// empty cell of a column it has says there is none; the staff import keeps what was
// registered before for the first and clears it for the second. Nil for JSON lines, whose
// documents say what they say.
func (r *Reader) PersonFields() []string {
	if r.layout == nil {
		return nil
	}
	var out []string
	if len(r.layout.skills) > 0 {
		out = append(out, "skills")
	}
	if len(r.layout.titles) > 0 {
		out = append(out, "titles")
	}
	for _, c := range []struct{ header, field string }{
		{colAssessments, "assessments"}, {colWork, "work"}, {colAwards, "awards"}, {colEducation, "education"}, {colTargets, "targets"},
	} {
		if _, ok := r.layout.single[c.header]; ok {
			out = append(out, c.field)
		}
	}
	return out
}
