package data

import "embed"

// Committees holds the review rules of the committees, one file per committee
// (committees/gongcheng-zhongji.json …) and default.json for a committee without its own:
// groups, review methods and weights, achievement types, quorum and pass fractions.
// internal/committee loads and validates them; docs/committee.md describes the format.
//
//go:embed committees/*.json
var Committees embed.FS
