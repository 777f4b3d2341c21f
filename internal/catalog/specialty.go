package catalog

import (
	"bytes"
	"encoding/csv"
	"strings"
	"sync"

	"guantong/data"
)

// specialties reads data/specialties.csv once: series → its specialties in the file's order.
var specialties = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	rows, err := csv.NewReader(bytes.NewReader(data.Specialties)).ReadAll()
	if err != nil {
		panic("catalog: data/specialties.csv: " + err.Error()) // built in: a broken file fails every test
	}
	for _, r := range rows[1:] {
		series, sp := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
		out[series] = append(out[series], sp)
	}
	return out
})

// Specialties returns the 专业 an application for a title of series may choose from; an
// application may name another (free text), which the list lacks.
func Specialties(series string) []string { return specialties()[series] }

// AllSpecialties returns every series' specialties, for the application form's lists.
func AllSpecialties() map[string][]string { return specialties() }
