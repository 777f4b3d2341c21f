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
// refuses an ID not in the pool or given twice, and a membership smaller than the rules'
// MinMembers or with fewer skilled experts than MinSkilledMembers.
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
		if e.Skilled {
			skilled++
		}
		members = append(members, Member{ExpertID: e.ID, Name: e.Name, EmployerID: e.EmployerID, Skilled: e.Skilled})
	}
	if len(members) < r.MinMembers {
		es.Add("members", "评委会专家 %d 人，少于 %d 人", len(members), r.MinMembers)
	}
	if skilled < r.MinSkilledMembers {
		es.Add("members", "高技能人才专家 %d 人，少于 %d 人（三(一)6）", skilled, r.MinSkilledMembers)
	}
	if err := es.Err(); err != nil {
		return nil, err
	}
	return members, nil
}
