package catalog

import (
	"bytes"
	"encoding/csv"
	"strings"
	"sync"

	"guantong/data"
)

// Editions of the national occupational classification (职业分类大典) an occupation code may
// be written in. The table uses Edition2015's codes.
const (
	Edition2015 = "2015"
	Edition2022 = "2022"
)

// Occupation is one occupation of the 2022 edition.
type Occupation struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// edition is the 2022 edition and its crosswalk to the table's codes (data/NOTES.md).
type edition struct {
	list    []Occupation
	names   map[string]string   // 2022 code → 2022 name
	toTable map[string][]string // 2022 code → the table's codes, from the crosswalk
}

// edition2022 is read once from the built-in files; the package's tests prove they parse, so a
// failure is a build mistake and panics.
var edition2022 = sync.OnceValue(func() *edition {
	occ, err := csv.NewReader(bytes.NewReader(data.Occupations2022)).ReadAll()
	if err != nil {
		panic("built-in occupations-2022.csv: " + err.Error())
	}
	cw, err := csv.NewReader(bytes.NewReader(data.Crosswalk2022)).ReadAll()
	if err != nil {
		panic("built-in crosswalk-2022.csv: " + err.Error())
	}
	e := &edition{names: map[string]string{}, toTable: map[string][]string{}}
	for _, r := range occ[1:] { // header: code,name,major,middle,minor
		e.list = append(e.list, Occupation{Code: r[0], Name: r[1]})
		e.names[r[0]] = r[1]
	}
	for _, r := range cw[1:] { // header: table_code,table_name,code_2022,name_2022,change,certain
		e.toTable[r[2]] = append(e.toTable[r[2]], r[0])
	}
	return e
})

// Name2022 returns the 2022 edition's name for a code.
func Name2022(code string) (string, bool) {
	n, ok := edition2022().names[code]
	return n, ok
}

// Resolved is an occupation code read in its edition and found in the table.
type Resolved struct {
	Code       string // the table's code; the code as given when the table has none
	Name       string // the table's name, else the 2022 name, else ""
	Edition    string // the edition the code was read in: Edition2015 or Edition2022
	InTable    bool
	Translated bool // a 2022 code that the table writes differently (Code is the table's)
	Known      bool // the code stands in the table or in the 2022 edition
}

// Resolve reads an occupation code as the check contract says: in the edition given
// (classification "2015" or "2022"); without one, in the edition whose name for the code is
// name, and otherwise in 2015. A 2022 code is translated to the table's through the crosswalk,
// then by the same code and name, then by name alone.
func (c *Catalog) Resolve(code, name, classification string) Resolved {
	tableName, inTable := c.names[code]
	if inTable && classification == "" && (name == "" || name == tableName) {
		return Resolved{Code: code, Name: tableName, Edition: Edition2015, InTable: true, Known: true} // the common case
	}
	ed := edition2022()
	if classification == "" {
		classification = Edition2015
		if n, ok := ed.names[code]; ok && name != "" && n == name && tableName != name {
			classification = Edition2022
		}
	}
	if classification != Edition2022 {
		_, in2022 := ed.names[code]
		return Resolved{Code: code, Name: tableName, Edition: Edition2015, InTable: inTable, Known: inTable || in2022}
	}
	name2022, known := ed.names[code]
	r := Resolved{Code: code, Name: name2022, Edition: Edition2022, Known: known}
	if tcs := ed.toTable[code]; len(tcs) > 0 {
		r.Code = tcs[0]
	} else if !inTable || tableName != name2022 {
		tc, ok := c.byName[name2022]
		if !ok || name2022 == "" {
			return r
		}
		r.Code = tc
	}
	r.Name, r.InTable = c.names[r.Code]
	r.Translated = r.Code != code
	return r
}

// Beyond returns the occupations of the 2022 edition that answer query (its whole name or
// its code) but stand in the table neither by that code nor by that name: real occupations
// the built-in table lacks, most often because of its lost pages (data/NOTES.md).
func (c *Catalog) Beyond(query string) []Occupation {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	var out []Occupation
	for _, o := range edition2022().list {
		if o.Name != q && o.Code != q {
			continue
		}
		if _, ok := c.names[o.Code]; ok {
			continue
		}
		if _, ok := c.byName[o.Name]; ok {
			continue
		}
		if r := c.Resolve(o.Code, o.Name, Edition2022); r.InTable {
			continue
		}
		out = append(out, o)
	}
	return out
}
