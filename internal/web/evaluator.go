package web

import (
	"net/http"

	"guantong"
)

// evaluatorSections are the work of an evaluation organisation, a department, or an employer
// that evaluates its own staff (三(二)3-6).
var evaluatorSections = []section{
	{"assessing", "评价中", "录入理论知识考试和操作技能考核成绩；具有相关专业毕业证书的免理论知识考试（三(二)3）。", "没有评价中的申报。",
		[]guantong.Stage{guantong.StageAssessing}},
	{"passed", "待发证", "评价合格，颁发证书。", "没有待发证的申报。", []guantong.Stage{guantong.StagePassed}},
	{"done", "已办结", "", "暂无。", nil},
}

// evaluatorPage is GET /evaluator: the skill applications routed to the user's organisation.
func (s *Server) evaluatorPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleEvaluator, guantong.RoleHR)
	if u == nil {
		return
	}
	s.renderQueue(w, r, u, "evaluator", "评价工作台", "evaluator") // HR sees its staff's own evaluations on /employer
}
