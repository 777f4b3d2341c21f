package web

import (
	"net/http"

	"guantong"
)

// officeSections are the 职改办's work: qualification checks, the notices it publishes and
// their objections (三(一)5).
var officeSections = []section{
	{"review", "待资格审核", "单位已推荐。打开申报，对照系统审查结果和证明材料：通过即公示，或退回单位、不予通过。", "没有待审核的申报。",
		[]guantong.Stage{guantong.StageRecommended}},
	{"notice", "资格审核公示", "公示期间处理异议；期满且异议均已处理后提交评委会。", "没有公示中的申报。",
		[]guantong.Stage{guantong.StageNotice}},
	{"result", "评审结果公示", "评委会评审通过后的公示：处理异议。", "没有公示中的评审结果。",
		[]guantong.Stage{guantong.StageResultNotice}},
	{"done", "已办理", "", "暂无。", nil},
}

// officePage is GET /office: the queue of the 职改办 of the user's region.
func (s *Server) officePage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleOffice)
	if u == nil {
		return
	}
	s.renderQueue(w, r, u, "office", "审核工作台", "office")
}
