package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/service"
)

// A committee's membership (评委会组成): the admin picks its members from the expert pool,
// each with a role; the service checks them against the committee's rules (min_members,
// min_skilled_members, 三(一)6; one chair at most). The committee's secretary reads it. A
// meeting keeps the members it was set up with, so a change applies to the next meeting.

// membersPage is the data of templates/members.html.
type membersPage struct {
	Committee guantong.Organisation
	Rules     *committee.Rules
	Members   []memberRow
	Skilled   int // skilled experts among the members
	Pool      []poolRow
	Roles     []roleChoice
	Admin     bool // the form is the admin's
	Problems  []string
	Saved     bool
}

// KindName names the kind of committee (按系列组建的评委会…), whose least size differs.
func (p *membersPage) KindName() string { return committee.KindName(p.Rules.Kind) }

// Term is a member's term of office in years (职称评审管理暂行规定).
func (p *membersPage) Term() int { return committee.BuiltinRegulation().TermYears }

// memberRow is a member as the page shows them.
type memberRow struct {
	guantong.Member
	Employer string
}

// RoleName says a member's role as a committee does.
func (m memberRow) RoleName() string { return memberRoleName(m.Role) }

// poolRow is an active expert of the pool in the form: ticked or not, with the role chosen.
type poolRow struct {
	guantong.Expert
	Employer string
	Ticked   bool
	Role     string
}

type roleChoice struct{ Value, Label string }

// memberRoles are the roles of a committee member, in the form's order.
var memberRoles = []roleChoice{{guantong.CommitteeMember, "委员"}, {guantong.CommitteeViceChair, "副主任委员"}, {guantong.CommitteeChair, "主任委员"}}

func memberRoleName(role string) string {
	for _, c := range memberRoles {
		if c.Value == role {
			return c.Label
		}
	}
	return role
}

// committeeMembers is GET /admin/committees/{id}.
func (s *Server) committeeMembers(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin, guantong.RoleSecretary)
	if !ok {
		return
	}
	d, err := s.membersData(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, m := range d.Members {
		i := slices.IndexFunc(d.Pool, func(p poolRow) bool { return p.ID == m.ID })
		if i >= 0 {
			d.Pool[i].Ticked, d.Pool[i].Role = true, m.Role
		}
	}
	d.Saved = r.URL.Query().Get("saved") != ""
	s.renderMembers(w, r, http.StatusOK, d)
}

// committeeSetMembers is POST /admin/committees/{id}: the ticked experts become the
// members. Refused, the page shows why above the form, the ticks as submitted.
func (s *Server) committeeSetMembers(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return
	}
	if !s.readForm(w, r, 64<<10) {
		return
	}
	d, err := s.membersData(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ticked := r.PostForm["expert"]
	var in []service.MemberInput
	for i, p := range d.Pool {
		key := strconv.FormatInt(p.ID, 10)
		if !slices.Contains(ticked, key) {
			continue
		}
		d.Pool[i].Ticked, d.Pool[i].Role = true, r.PostForm.Get("role-"+key)
		in = append(in, service.MemberInput{ExpertID: p.ID, Role: d.Pool[i].Role})
	}
	if _, err := s.svc.SetCommitteeMembers(r.Context(), u, id, in); err != nil {
		var fes guantong.FieldErrors
		switch {
		case errors.As(err, &fes):
			for _, fe := range fes {
				d.Problems = append(d.Problems, fe.Message)
			}
		case guantong.ErrorCode(err) == guantong.EConflict, guantong.ErrorCode(err) == guantong.EInvalid:
			d.Problems = []string{err.Error()}
		default:
			s.fail(w, r, err)
			return
		}
		s.renderMembers(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	http.Redirect(w, r, "/admin/committees/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
}

// membersData gathers the committee, its rules and members and, for the admin, the pool. The
// service decides who may read the committee (the admin, its own secretary).
func (s *Server) membersData(ctx context.Context, u *guantong.User, id int64) (*membersPage, error) {
	members, err := s.svc.CommitteeMembers(ctx, u, id)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Organisations(ctx, u, "")
	if err != nil {
		return nil, err
	}
	d := &membersPage{Roles: memberRoles, Admin: u.Role == guantong.RoleAdmin}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
		if o.ID == id {
			d.Committee = o
		}
	}
	d.Rules = committee.For(d.Committee.Series, d.Committee.Level)
	for _, m := range members {
		d.Members = append(d.Members, memberRow{Member: m, Employer: names[m.EmployerID]})
		if m.Skilled {
			d.Skilled++
		}
	}
	if !d.Admin {
		return d, nil
	}
	pool, err := s.svc.Experts(ctx, u)
	if err != nil {
		return nil, err
	}
	for _, e := range pool {
		if e.Active {
			d.Pool = append(d.Pool, poolRow{Expert: e, Employer: names[e.EmployerID], Role: guantong.CommitteeMember})
		}
	}
	return d, nil
}

func (s *Server) renderMembers(w http.ResponseWriter, r *http.Request, status int, d *membersPage) {
	nav := "committee"
	if d.Admin {
		nav = "experts"
	}
	s.render(w, r, status, "members", page{Title: d.Committee.Name + " · 评委会组成", Nav: nav, Data: d})
}
