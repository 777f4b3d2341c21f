package data

import _ "embed"

// Regulation is regulation.json: what 职称评审管理暂行规定 (人社部令第40号) and the province ask
// of every committee — the least number of members by level and kind, the title an expert
// must hold, the term of office and the period in which an applicant may ask for 复查.
// internal/committee loads it (LoadRegulation); docs/committee.md §1 describes the keys.
//
//go:embed regulation.json
var Regulation []byte
