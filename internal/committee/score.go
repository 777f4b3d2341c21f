package committee

import (
	"fmt"
	"strings"

	"guantong"
)

// Score is one expert's score of one applicant in one review method.
type Score struct {
	ExpertID    int64
	ApplicantID int64
	Method      string
	Points      Points
}

// CombinedScore combines the scores of a group's methods by their weights: the weighted mean
// of the per-method means. Each method's mean is rounded half up to the hundredth (Mean);
// the weighted sum of those means, over 100, is rounded half up once more. The experts see
// the rounded means on the sheet, so anyone can redo the sum by hand. Every method of the
// group needs at least one score; a method the group does not use is refused.
func CombinedScore(g *Group, scores map[string][]Points) (Points, error) {
	for method := range scores {
		if _, ok := g.Method(method); !ok {
			return 0, guantong.Errorf(guantong.EInvalid, "%s不采用「%s」", g.Name, method)
		}
	}
	var sum, weights int64
	var missing []string
	for _, m := range g.Methods {
		mean, ok := Mean(scores[m.Method])
		if !ok {
			missing = append(missing, m.Method)
			continue
		}
		sum += int64(m.Weight) * int64(mean)
		weights += int64(m.Weight)
	}
	if len(missing) > 0 {
		return 0, guantong.Errorf(guantong.EConflict, "尚未评分：%s", strings.Join(missing, "、"))
	}
	if weights == 0 {
		return 0, guantong.Errorf(guantong.EInvalid, "%s没有评价方式", g.Name)
	}
	return Points(divRound(sum, weights)), nil
}

// MethodScore is one line of an applicant's score sheet.
type MethodScore struct {
	Method    string `json:"method"`
	Weight    int    `json:"weight"`
	PassScore Points `json:"pass_score,omitempty"`
	Count     int    `json:"count"` // scores entered by eligible experts
	Mean      Points `json:"mean"`  // zero when Count is
	BelowPass bool   `json:"below_pass"`
}

// Sheet is an applicant's score sheet: the means per method, the combined score and the
// achievement points. Scores entered by an expert who later withdrew from the applicant do
// not count.
type Sheet struct {
	ApplicantID  int64         `json:"applicant_id"`
	Group        string        `json:"group"`
	Methods      []MethodScore `json:"methods"`
	Complete     bool          `json:"complete"` // every method has a score
	Combined     Points        `json:"combined"` // zero unless Complete
	BelowPass    []string      `json:"below_pass,omitempty"`
	Achievements Points        `json:"achievement_points"` // reference for 业绩评审, not in Combined
}

// Achievement is one skill contribution put forward as evidence (三(一)3); the domain type,
// named here for the rules that count it.
type Achievement = guantong.Achievement

// CheckAchievement adds the problems of an achievement to es, keyed under at.
func CheckAchievement(a Achievement, es *guantong.FieldErrors, at string) {
	if !known(AchievementTypes, a.Type) {
		es.Add(at+".type", "%q 不是成果类型（%s）", a.Type, strings.Join(AchievementTypes, "、"))
	}
	if strings.TrimSpace(a.Title) == "" {
		es.Add(at+".title", "不能为空")
	}
}

// AchievementPoints counts a group's points for achievements: each counted type gives its
// points per achievement up to the type's cap, and the total is capped by the group's cap.
// Types the group does not count give nothing. The result is whole points as Points.
func AchievementPoints(g *Group, as []Achievement) Points {
	per := map[string]int{}
	for _, a := range as {
		per[a.Type]++
	}
	total := 0
	for _, r := range g.Achievements {
		p := per[r.Type] * r.Points
		if r.Cap > 0 && p > r.Cap {
			p = r.Cap
		}
		total += p
	}
	if total > g.AchievementCap {
		total = g.AchievementCap
	}
	return Points(total * 100)
}

// sheet builds the score sheet of applicant a of the meeting.
func (m *Meeting) sheet(a *Applicant) Sheet {
	g, _ := m.rules.Group(a.Group)
	byMethod := map[string][]Points{}
	for _, s := range m.scores {
		if s.ApplicantID == a.ID && m.Eligible(s.ExpertID, a.ID) {
			byMethod[s.Method] = append(byMethod[s.Method], s.Points)
		}
	}
	sh := Sheet{ApplicantID: a.ID, Group: g.Name, Complete: true, Achievements: AchievementPoints(g, a.Achievements)}
	for _, r := range g.Methods {
		ms := MethodScore{Method: r.Method, Weight: r.Weight, PassScore: r.PassScore, Count: len(byMethod[r.Method])}
		if mean, ok := Mean(byMethod[r.Method]); ok {
			ms.Mean = mean
			if r.PassScore > 0 && mean < r.PassScore {
				ms.BelowPass = true
				sh.BelowPass = append(sh.BelowPass, r.Method)
			}
		} else {
			sh.Complete = false
		}
		sh.Methods = append(sh.Methods, ms)
	}
	if sh.Complete {
		sh.Combined, _ = CombinedScore(g, byMethod)
	}
	return sh
}

// scoreReasons says the sheet in reasons, one per method below its pass score, or one for the
// combined score.
func scoreReasons(sh Sheet) []guantong.Reason {
	var rs []guantong.Reason
	for _, ms := range sh.Methods {
		if ms.BelowPass {
			rs = append(rs, guantong.Reason{Clause: ClauseMethod, Met: false,
				Text: fmt.Sprintf("%s平均 %s 分，低于合格分 %s 分，不进入表决", ms.Method, ms.Mean, ms.PassScore)})
		}
	}
	if len(rs) == 0 && sh.Complete {
		parts := make([]string, len(sh.Methods))
		for i, ms := range sh.Methods {
			parts[i] = fmt.Sprintf("%s %s×%d%%", ms.Method, ms.Mean, ms.Weight)
		}
		rs = append(rs, guantong.Reason{Clause: ClauseMethod, Met: true,
			Text: fmt.Sprintf("综合得分 %s 分（%s）", sh.Combined, strings.Join(parts, " + "))})
	}
	return rs
}
