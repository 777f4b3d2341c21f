package data

import _ "embed"

// Occupations2022 is occupations-2022.csv: the 1,639 occupations of 中华人民共和国职业分类大典
// （2022年版）, columns code, name, major, middle, minor (NOTES.md says where it came from).
//
//go:embed occupations-2022.csv
var Occupations2022 []byte

// Crosswalk2022 is crosswalk-2022.csv: the 29 rows of the table whose code or name is not the
// same in the 2022 edition, columns table_code, table_name, code_2022, name_2022, change,
// certain.
//
//go:embed crosswalk-2022.csv
var Crosswalk2022 []byte
