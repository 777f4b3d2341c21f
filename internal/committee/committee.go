// Package committee is the review committee (评委会) as pure, deterministic logic: the rules
// each committee reviews by (groups, methods, weights, achievement types, quorum and pass
// fractions), loaded from a data file per committee; and the meeting, from attendance to
// results: quorum, conflicts of interest (回避), scores, the secret ballot and the decision.
//
// The plan asks committees to review skilled applicants in their own group by several
// methods, weighing their skill contributions (三(一)3, 三(一)6). The national rules for title
// review (职称评审管理暂行规定, 人社部令第40号, 2019) add that a meeting needs at least two
// thirds of the committee present, that an applicant passes with the yes votes of at least
// two thirds of the experts present, by secret ballot, and that an expert with a conflict of
// interest withdraws. Every two-thirds comparison here is integer arithmetic on a Fraction,
// never a float.
//
// The package has no SQL and no HTTP: the store rebuilds a Meeting from its rows and asks it
// whether the next action is allowed; docs/committee.md has the tables.
package committee

import (
	"fmt"
	"strconv"
	"strings"
)

// Clauses cited in reasons.
const (
	ClauseRules  = "职称评审管理暂行规定" // quorum, two-thirds vote, secret ballot, 回避
	ClauseMethod = "三(一)6"      // review methods, skilled applicants in their own group
	ClauseSkill  = "三(一)3"      // skill contributions
	ClauseGreen  = "三(一)4"      // 认定 through the green channel
)

// SkilledGroup is the group in which skilled applicants are reviewed apart (三(一)6:
// 对高技能人才单独分组、单独评审). Every rules file has it; the workflow sends title
// applications to it.
const SkilledGroup = "高技能人才组"

// Review methods a committee may combine (三(一)6).
const (
	MethodTheory      = "理论知识考试"
	MethodPractical   = "技能操作考核"
	MethodPerformance = "业绩评审"
	MethodInterview   = "面试答辩"
	MethodContest     = "竞赛选拔"
)

// Methods lists the review methods in the order of the plan.
var Methods = []string{MethodTheory, MethodPractical, MethodPerformance, MethodInterview, MethodContest}

// Achievement types: the skill contributions of 三(一)3, in the order of the plan.
const (
	AchContest     = "技能竞赛获奖"
	AchWorkMethod  = "行业工法"
	AchOperation   = "操作法"
	AchProject     = "完成项目"
	AchReport      = "技术报告"
	AchExperience  = "经验总结"
	AchStandard    = "行业标准"
	AchTransfer    = "成果转化"
	AchProblem     = "解决生产难题"
	AchInnovation  = "技术改造革新"
	AchProcess     = "工艺改进"
	AchApprentices = "传技带徒"
)

// AchievementTypes lists the twelve achievement types.
var AchievementTypes = []string{
	AchContest, AchWorkMethod, AchOperation, AchProject, AchReport, AchExperience,
	AchStandard, AchTransfer, AchProblem, AchInnovation, AchProcess, AchApprentices,
}

func known(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Fraction is a rational number Num/Den in (0, 1], such as the two thirds of the quorum and
// of the vote. It is compared by cross-multiplying integers, so that 10 of 15 is exactly two
// thirds.
type Fraction struct {
	Num, Den int
}

// TwoThirds is the default quorum and pass fraction.
var TwoThirds = Fraction{2, 3}

// ParseFraction reads "2/3", or "1" for one whole.
func ParseFraction(s string) (Fraction, error) {
	s = strings.TrimSpace(s)
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		den = "1"
	}
	n, err1 := strconv.Atoi(strings.TrimSpace(num))
	d, err2 := strconv.Atoi(strings.TrimSpace(den))
	if err1 != nil || err2 != nil {
		return Fraction{}, fmt.Errorf("%q 不是分数（如 2/3）", s)
	}
	f := Fraction{n, d}
	if !f.Valid() {
		return Fraction{}, fmt.Errorf("%q 须大于 0 且不大于 1", s)
	}
	return f, nil
}

// Valid reports whether f is in (0, 1].
func (f Fraction) Valid() bool { return f.Den > 0 && f.Num > 0 && f.Num <= f.Den }

// String returns "2/3".
func (f Fraction) String() string { return fmt.Sprintf("%d/%d", f.Num, f.Den) }

// AtLeast reports whether part is at least f of whole: part*Den >= whole*Num. Chinese
// rules say "2/3以上", and 以上 includes the number itself, so exactly two thirds is enough.
func (f Fraction) AtLeast(part, whole int) bool {
	return int64(part)*int64(f.Den) >= int64(whole)*int64(f.Num)
}

// Needed returns the smallest part that is at least f of whole: ceil(whole*Num/Den).
func (f Fraction) Needed(whole int) int {
	if whole <= 0 {
		return 0
	}
	return int((int64(whole)*int64(f.Num) + int64(f.Den) - 1) / int64(f.Den))
}

// Quorum reports whether present experts make a quorum of a committee of members: at least
// f of them (present*Den >= members*Num). A committee without members has no quorum.
func Quorum(members, present int, f Fraction) bool {
	return members > 0 && present <= members && f.AtLeast(present, members)
}
