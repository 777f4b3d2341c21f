package data

import "embed"

// Policies holds the dated policy files, one per policy year (policy/hebei-2021.json …): the
// numbers and lists the rules in internal/policy use.
//
//go:embed policy/*.json
var Policies embed.FS
