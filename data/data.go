// Package data holds the files guantong builds into its binary: the occupation ↔ series table
// of the plan's attachment, the plan's text, the dated policy files, the statutory holiday
// table and the committees' rules. Each file has its own Go file here with one variable;
// NOTES.md says where the table came from and what it lacks.
package data

import _ "embed"

// CatalogSeed is catalog-seed.csv: the plan's attachment as rebuilt from its PDF (531 rows,
// columns series, seq, occupation, code, note).
//
//go:embed catalog-seed.csv
var CatalogSeed []byte
