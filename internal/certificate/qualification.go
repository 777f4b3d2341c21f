package certificate

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sync"

	"guantong"
	"guantong/data"
)

// Qualification is the name a title certificate carries (资格名称) for a series, specialty
// and level, from data/qualification-names.csv.
type Qualification struct {
	Name    string // 工程师; "" when the series has no such level
	Certain bool   // false where the name is a reading the department should confirm
}

// qualificationKey is a row of the table: a series and, where the series names its levels
// by specialty, the specialty ("" otherwise).
type qualificationKey struct{ series, specialty string }

var qualifications = sync.OnceValues(func() (map[qualificationKey][]Qualification, error) {
	return loadQualifications(data.QualificationNames)
})

// loadQualifications reads the table: columns series, specialty, then one per level from
// 员级 to 正高级, then certain (yes or no).
func loadQualifications(b []byte) (map[qualificationKey][]Qualification, error) {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("qualification names: %w", err)
	}
	levels := guantong.TitleLevels()
	want := append(append([]string{"series", "specialty"}, levels...), "certain")
	if len(rows) == 0 || fmt.Sprint(rows[0]) != fmt.Sprint(want) {
		return nil, fmt.Errorf("qualification names: the header must be %v", want)
	}
	out := map[qualificationKey][]Qualification{}
	for i, r := range rows[1:] {
		if r[0] == "" || (r[len(r)-1] != "yes" && r[len(r)-1] != "no") {
			return nil, fmt.Errorf("qualification names line %d: a series and certain yes or no are needed", i+2)
		}
		k := qualificationKey{r[0], r[1]}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("qualification names line %d: %s %s twice", i+2, r[0], r[1])
		}
		names := make([]Qualification, len(levels))
		for j := range levels {
			names[j] = Qualification{Name: r[2+j], Certain: r[len(r)-1] == "yes"}
		}
		out[k] = names
	}
	return out, nil
}

// QualificationName returns the name a certificate of series, specialty and level carries.
// A series without specialties has one row that serves any specialty; a series named by
// specialty needs the specialty. ok is false when the table has no name for them.
func QualificationName(series, specialty string, level guantong.TitleLevel) (q Qualification, ok bool) {
	table, err := qualifications()
	if err != nil || !level.Valid() {
		return Qualification{}, false
	}
	names, found := table[qualificationKey{series, specialty}]
	if !found {
		names, found = table[qualificationKey{series, ""}]
	}
	if !found {
		return Qualification{}, false
	}
	q = names[int(level)-1]
	return q, q.Name != ""
}
