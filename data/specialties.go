package data

import _ "embed"

// Specialties is specialties.csv: the 专业 an application form offers for each title series
// (columns series, specialty). NOTES.md says where it comes from; the form takes free text
// where the list lacks a specialty.
//
//go:embed specialties.csv
var Specialties []byte
