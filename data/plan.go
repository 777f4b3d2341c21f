package data

import _ "embed"

// Plan is the text of the plan (关于进一步加强高技能人才与专业技术人才职业发展贯通的实施方案), as
// extracted from the published PDF, with its attachment; internal/plan splits it into clauses.
//
//go:embed plan.txt
var Plan []byte
