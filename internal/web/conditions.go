package web

import (
	"fmt"
	"strings"

	"guantong"
)

// conditions lists what the plan asks of the option an application is for, from the policy
// in force: the page of an application not yet checked shows them, so that a refusal of an
// option the engine does not list for the person (a 技师 applying for 副高级) is not left
// without its conditions.
func (s *Server) conditions(app guantong.Application) []noteView {
	p := s.eng().Params()
	var out []noteView
	add := func(clause, format string, args ...any) {
		out = append(out, noteView{Clause: clause, Text: fmt.Sprintf(format, args...)})
	}
	switch app.Route {
	case guantong.RouteTitleReview:
		for _, r := range p.Forward {
			if r.Title == app.Level.Title {
				add("三(一)2", "持有%s及以上职业资格或职业技能等级证书，取得后从事技术技能工作满%d年", r.Skill, r.Years)
			}
		}
		if awards := s.awardsFor(app); len(awards) > 0 {
			add("三(一)4", "或获得%s（不受年限限制）", strings.Join(awards, "、"))
		}
		add("三(一)2", "近%d年年度考核合格", p.Assessment.Years)
		add("二(三)", "证书的职业在工种与职称系列对应表中对应%s系列", app.Series)
	case guantong.RouteTitleRecognition:
		add("三(一)4", "获得%s之一", strings.Join(s.awardsFor(app), "、"))
		add("三(一)2", "近%d年年度考核合格", p.Assessment.Years)
	case guantong.RouteSkillEvaluation:
		for t := guantong.Title5; t <= guantong.Title1; t++ {
			if step, ok := p.Reverse.TitleToSkill[t]; ok && step.Skill == app.Level.Skill {
				add("三(二)2", "具有%s职称，所评职业与现岗位相对应", t)
			}
		}
	}
	return out
}

// awardsFor lists the awards of the green channel that open the application's route and level.
func (s *Server) awardsFor(app guantong.Application) []string {
	var out []string
	for _, g := range s.eng().Params().GreenChannel {
		if g.Route == app.Route && g.Level == app.Level.Title {
			out = append(out, g.Award)
		}
	}
	return out
}
