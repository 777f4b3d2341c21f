package committee

import (
	"fmt"

	"guantong"
)

// Expert is one expert of the expert pool (专家库). Skilled marks the outstanding skilled
// workers the plan asks committees to bring in (三(一)6: 积极吸纳优秀高技能人才参加相关职称评审
// 委员会、专家库).
type Expert struct {
	ID         int64
	Name       string
	EmployerID int64 // the organisation the expert works for: same employer as an applicant is a conflict
	Series     string
	Specialty  string
	Title      guantong.TitleLevel // the title the expert holds, if any
	Skill      guantong.SkillLevel // the skill level the expert holds, if any
	Skilled    bool
}

// Member is an expert sitting on a committee, as a meeting sees them.
type Member struct {
	ExpertID   int64
	Name       string
	EmployerID int64
	Skilled    bool
}

// Members draws a committee's members from the pool by expert ID, in the order given. It
// refuses an ID not in the pool or given twice, an expert without the title the rules ask
// (Qualified), and a membership smaller than the rules' MinMembers or with fewer skilled
// experts than MinSkilledMembers.
func (r *Rules) Members(pool []Expert, ids []int64) ([]Member, error) {
	byID := make(map[int64]*Expert, len(pool))
	for i := range pool {
		byID[pool[i].ID] = &pool[i]
	}
	var es guantong.FieldErrors
	var members []Member
	seen := map[int64]bool{}
	skilled := 0
	for i, id := range ids {
		e, ok := byID[id]
		switch {
		case !ok:
			es.Add(fmt.Sprintf("members[%d]", i), "专家 %d 不在专家库中", id)
			continue
		case seen[id]:
			es.Add(fmt.Sprintf("members[%d]", i), "专家 %s 重复", e.Name)
			continue
		}
		seen[id] = true
		if why := r.Qualified(e); why != "" {
			es.Add(fmt.Sprintf("members[%d]", i), "专家 %s %s", e.Name, why)
		}
		if e.Skilled {
			skilled++
		}
		members = append(members, Member{ExpertID: e.ID, Name: e.Name, EmployerID: e.EmployerID, Skilled: e.Skilled})
	}
	if len(members) < r.MinMembers {
		es.Add("members", "%s", r.TooFew(len(members)))
	}
	if skilled < r.MinSkilledMembers {
		es.Add("members", "高技能人才专家 %d 人，少于 %d 人（三(一)6）", skilled, r.MinSkilledMembers)
	}
	if err := es.Err(); err != nil {
		return nil, err
	}
	return members, nil
}

// Qualified says why an expert may not sit on a committee of these rules, "" when they may:
// a member holds at least MinExpertTitle, or, a skilled expert, at least MinSkilledSkill
// (职称评审管理暂行规定; 三(一)6 for skilled experts).
func (r *Rules) Qualified(e *Expert) string {
	if r.MinExpertTitle == 0 || e.Title >= r.MinExpertTitle {
		return ""
	}
	if e.Skilled && r.MinSkilledSkill != 0 && e.Skill >= r.MinSkilledSkill {
		return ""
	}
	held := "没有职称"
	if e.Title != 0 {
		held = "的职称为" + e.Title.String()
	}
	if r.MinSkilledSkill != 0 {
		return fmt.Sprintf("%s；评审%s的评委须具有%s及以上职称，高技能人才专家须为%s及以上", held, r.Level, r.MinExpertTitle, r.MinSkilledSkill)
	}
	return fmt.Sprintf("%s；评审%s的评委须具有%s及以上职称", held, r.Level, r.MinExpertTitle)
}

// TooFew says that a committee of n members is below the rules' minimum.
func (r *Rules) TooFew(n int) string {
	return fmt.Sprintf("评委会专家 %d 人，少于 %d 人（%s%s的下限，职称评审管理暂行规定）", n, r.MinMembers, r.Level, KindName(r.Kind))
}
