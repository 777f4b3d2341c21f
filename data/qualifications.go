package data

import _ "embed"

// QualificationNames is qualification-names.csv: the name a title certificate carries for
// each series, specialty and level (工程 中级: 工程师). NOTES.md says where it comes from.
//
//go:embed qualification-names.csv
var QualificationNames []byte
