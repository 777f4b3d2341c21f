package web

import "net/http"

// homePage is the data of templates/home.html.
type homePage struct {
	Policy  string // hebei-2021
	Title   string // the plan's title
	Notices int    // days a 公示 lasts, from the policy
}

// home is GET /: what guantong is for, for whom, and where to start.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p := s.eng().Params()
	s.render(w, r, http.StatusOK, "home", page{Title: "高技能人才与专业技术人才职业发展贯通", Nav: "home",
		Data: homePage{Policy: p.ID, Title: p.Title, Notices: p.Workflow.NoticeWorkdays}})
}
