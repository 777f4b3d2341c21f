package web

import (
	"net/http"

	"guantong/internal/plan"
)

// clauseView is one clause with what the engine checks for it, in words: the public sees no
// file, function or field names (policy.Rule.Code is for developers).
type clauseView struct {
	plan.Clause
	Checks string // 引擎检查：… ("" where the engine checks nothing)
}

// planPage is the data of templates/plan.html.
type planPage struct {
	Title    string
	Preamble string
	Policy   string // the policy parameters in force: hebei-2021
	Clauses  []clauseView
}

// clausePage is the data of templates/clause.html.
type clausePage struct {
	Clause     clauseView
	Parents    []plan.Clause // from the section down
	Children   []clauseView
	Prev, Next *plan.Clause
	Policy     string
}

func (s *Server) clauseView(c plan.Clause) clauseView {
	r := s.rule(c.ID)
	return clauseView{Clause: c, Checks: r.Checks}
}

// planPage is GET /plan: the whole plan, clause by clause, each with an anchor.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	p := planPage{Title: plan.Title(), Preamble: plan.Preamble(), Policy: s.eng().Params().ID}
	for _, c := range plan.Clauses() {
		p.Clauses = append(p.Clauses, s.clauseView(c))
	}
	s.render(w, r, http.StatusOK, "plan", page{Title: "政策原文", Nav: "plan", Data: p})
}

// clausePage is GET /plan/{id}: one clause, where it stands, and its neighbours.
func (s *Server) clausePage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c, ok := plan.Lookup(id)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "条款不存在", "方案中没有编号为「"+id+"」的条款。条款编号形如 三(一)2：章、括号中的节、项。")
		return
	}
	p := clausePage{Clause: s.clauseView(c), Policy: s.eng().Params().ID}
	for parent := c.Parent(); parent != ""; {
		pc, _ := plan.Lookup(parent)
		p.Parents = append([]plan.Clause{pc}, p.Parents...)
		parent = pc.Parent()
	}
	all := plan.Clauses()
	for i, x := range all {
		if x.Parent() == c.ID {
			p.Children = append(p.Children, s.clauseView(x))
		}
		if x.ID == c.ID {
			if i > 0 {
				p.Prev = &all[i-1]
			}
			if i+1 < len(all) {
				p.Next = &all[i+1]
			}
		}
	}
	s.render(w, r, http.StatusOK, "clause", page{Title: "政策原文 " + c.ID, Nav: "plan", Data: p})
}
