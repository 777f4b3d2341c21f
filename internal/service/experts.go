package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
)

// The expert pool (专家库) and the committees' membership, kept by the admin. Each expert has
// a login of role expert with which they score and vote, secretly, in the meetings they sit
// in; skilled experts are marked (三(一)6: 积极吸纳优秀高技能人才参加相关职称评审委员会、专家库).

// ExpertUpdate is what the pool says of an expert: who they are, where they work (the same
// employer as an applicant is a conflict of interest), their series, specialty and levels,
// and whether they are a skilled expert. CreateExpert and UpdateExpert check it alike
// (expertFields); the login is not part of it.
type ExpertUpdate struct {
	Name       string `json:"name"`
	EmployerID int64  `json:"employer_id"`
	Series     string `json:"series"`
	Specialty  string `json:"specialty"`
	TitleLevel string `json:"title_level"` // the title held, if any: 中级…正高级
	SkillLevel string `json:"skill_level"` // the skill level held, if any: 高级工…高级技师
	Skilled    bool   `json:"skilled"`     // a skilled expert (三(一)6); needs a skill level of 高级工 or above
}

// NewExpert is an expert to add to the pool. Username and Password, when given, create the
// expert's login (role expert) in the same step; UserID links an existing login of role
// expert instead.
type NewExpert struct {
	ExpertUpdate
	Username string `json:"username"`
	Password string `json:"password"`
	UserID   int64  `json:"user_id"`
}

// CreateExpert adds an expert to the pool (admin only), with their login.
func (s *Service) CreateExpert(ctx context.Context, u *guantong.User, in NewExpert) (guantong.Expert, error) {
	if err := s.requireAdmin(u); err != nil {
		return guantong.Expert{}, err
	}
	now := s.now().UTC()
	e := guantong.Expert{Active: true, CreatedAt: now}
	var es guantong.FieldErrors
	var hash string
	switch {
	case in.Username != "" && in.UserID != 0:
		es.Add("user_id", "username 与 user_id 只能给出一个")
	case in.Username != "":
		if !usernamePattern.MatchString(in.Username) {
			es.Add("username", "须为 3 到 32 个小写字母、数字或 _ . -，以字母或数字开头")
		}
		var err error
		if hash, err = s.chosenPassword(in.Username, in.Password, &es); err != nil {
			return e, err
		}
	}
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		fes, err := s.expertFields(ctx, tx, in.ExpertUpdate, &e)
		if err != nil {
			return err
		}
		es = append(fes, es...)
		if in.UserID != 0 {
			problem, err := s.expertLogin(ctx, tx, in.UserID)
			if err != nil {
				return err
			}
			if problem != "" {
				es.Add("user_id", "%s", problem)
			}
			e.UserID = in.UserID
		}
		if len(es) > 0 {
			return es
		}
		if in.Username != "" {
			nu := guantong.User{Username: in.Username, Name: e.Name, Role: guantong.RoleExpert, CreatedAt: now}
			if err := tx.InsertUser(ctx, &nu, hash); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, u, "create_user", subjectOf("user", nu.ID), nu); err != nil {
				return err
			}
			e.UserID = nu.ID
		}
		if err := tx.InsertExpert(ctx, &e); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "create_expert", subjectOf("expert", e.ID), e)
	})
	return e, err
}

// expertFields checks in and sets the expert's fields from it; what is wrong comes back as
// field errors. The employer must be an organisation of kind employer.
func (s *Service) expertFields(ctx context.Context, tx *store.Tx, in ExpertUpdate, e *guantong.Expert) (guantong.FieldErrors, error) {
	e.Name, e.EmployerID, e.Series = strings.TrimSpace(in.Name), in.EmployerID, strings.TrimSpace(in.Series)
	e.Specialty, e.Skilled = strings.TrimSpace(in.Specialty), in.Skilled
	e.Title, e.Skill = 0, 0
	var es guantong.FieldErrors
	if e.Name == "" {
		es.Add("name", "不能为空")
	}
	if in.TitleLevel != "" {
		l, ok := guantong.ParseTitleLevel(in.TitleLevel)
		if !ok {
			es.Add("title_level", "须为职称层级（%s）", strings.Join(guantong.TitleLevels(), "、"))
		}
		e.Title = l
	}
	if in.SkillLevel != "" {
		l, ok := guantong.ParseSkillLevel(in.SkillLevel)
		if !ok {
			es.Add("skill_level", "须为职业技能等级（%s）", strings.Join(guantong.SkillLevels(), "、"))
		}
		e.Skill = l
	}
	if e.Skilled && e.Skill < guantong.Skill3 {
		es.Add("skilled", "高技能人才专家须具有高级工及以上职业技能等级（skill_level）")
	}
	if e.Series != "" && !slices.Contains(s.Engine().Params().Series, e.Series) {
		es.Add("series", "须为 %s 之一", strings.Join(s.Engine().Params().Series, "、"))
	}
	o, err := tx.Organisation(ctx, e.EmployerID)
	if err != nil && guantong.ErrorCode(err) != guantong.ENotFound {
		return nil, err
	}
	if err != nil || o.Kind != guantong.OrgEmployer {
		es.Add("employer_id", "须为一个用人单位的编号")
	}
	return es, nil
}

// Expert returns one expert of the pool, to those who read the pool.
func (s *Service) Expert(ctx context.Context, u *guantong.User, id int64) (guantong.Expert, error) {
	if err := readsPool(u); err != nil {
		return guantong.Expert{}, err
	}
	return s.store.Expert(ctx, id)
}

// UpdateExpert changes what the pool says of an expert (admin only), checked as CreateExpert
// checks a new one; their login and whether they are active stay as they are. A new
// employer counts from the next meeting: a meeting already set up keeps each member's
// employer of that day. Unmarking a skilled expert is refused while it would leave a
// committee they sit on with fewer skilled experts than its rules ask (三(一)6): the admin
// changes the membership first.
func (s *Service) UpdateExpert(ctx context.Context, u *guantong.User, id int64, in ExpertUpdate) (guantong.Expert, error) {
	if err := s.requireAdmin(u); err != nil {
		return guantong.Expert{}, err
	}
	var e guantong.Expert
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.LockCommittees(ctx); err != nil {
			return err
		}
		before, err := tx.Expert(ctx, id)
		if err != nil {
			return err
		}
		e = before
		es, err := s.expertFields(ctx, tx, in, &e)
		if err != nil {
			return err
		}
		if err := s.seatedProblems(ctx, tx, before, e, &es); err != nil {
			return err
		}
		if len(es) > 0 {
			return es
		}
		if err := tx.UpdateExpert(ctx, e); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "update_expert", subjectOf("expert", e.ID), map[string]any{"before": before, "after": e})
	})
	return e, err
}

// seatedProblems adds to es, for each committee the expert sits on, what the edit from
// before to e would break: a member without the title its members must hold
// (committee.Rules.Qualified, at title_level), or, the skilled mark taken off, fewer skilled
// experts than its rules ask (三(一)6, at skilled).
func (s *Service) seatedProblems(ctx context.Context, tx *store.Tx, before, e guantong.Expert, es *guantong.FieldErrors) error {
	ids, err := tx.ExpertCommittees(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, cid := range ids {
		org, err := committeeOrg(ctx, tx, cid)
		if err != nil {
			return err
		}
		rules := committee.For(org.Series, org.Level)
		ce := poolExpert(e)
		if why := rules.Qualified(&ce); why != "" {
			es.Add("title_level", "%s是%s的成员，修改后%s；请先调整评委会组成", e.Name, org.Name, why)
		}
		if !before.Skilled || e.Skilled {
			continue
		}
		members, err := tx.CommitteeMembers(ctx, cid)
		if err != nil {
			return err
		}
		skilled := 0
		for _, m := range members {
			if m.Active && m.Skilled && m.ID != e.ID {
				skilled++
			}
		}
		if skilled < rules.MinSkilledMembers {
			es.Add("skilled", "%s是%s的成员，取消高技能人才专家标记后该评委会高技能人才专家 %d 人，少于 %d 人（三(一)6）；请先调整评委会组成",
				e.Name, org.Name, skilled, rules.MinSkilledMembers)
		}
	}
	return nil
}

// SetExpertActive takes an expert out of the pool (active false: 停用) or back into it (admin
// only). Only active experts can be seated on a committee; an expert who sits on one is
// not taken out (EConflict, naming the committees): the admin changes the membership first.
// Meetings already set up keep their members, and the expert's login stays, for them.
// Setting what already is changes nothing.
func (s *Service) SetExpertActive(ctx context.Context, u *guantong.User, id int64, active bool) (guantong.Expert, error) {
	if err := s.requireAdmin(u); err != nil {
		return guantong.Expert{}, err
	}
	var e guantong.Expert
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.LockCommittees(ctx); err != nil {
			return err
		}
		var err error
		if e, err = tx.Expert(ctx, id); err != nil {
			return err
		}
		if e.Active == active {
			return nil
		}
		action := "activate_expert"
		if !active {
			action = "deactivate_expert"
			ids, err := tx.ExpertCommittees(ctx, id)
			if err != nil {
				return err
			}
			var names []string
			for _, cid := range ids {
				org, err := committeeOrg(ctx, tx, cid)
				if err != nil {
					return err
				}
				names = append(names, org.Name)
			}
			if len(names) > 0 {
				return guantong.Errorf(guantong.EConflict, "%s是%s的成员，不能停用：请先在评委会组成中将其调出",
					e.Name, strings.Join(names, "、"))
			}
		}
		if err := tx.SetExpertActive(ctx, id, active); err != nil {
			return err
		}
		e.Active = active
		return s.audit(ctx, tx, u, action, subjectOf("expert", id), map[string]any{"name": e.Name, "active": active})
	})
	return e, err
}

// expertLogin says what keeps a user from becoming an expert's login, "" when nothing: it
// must be of role expert and linked to no expert yet.
func (s *Service) expertLogin(ctx context.Context, tx *store.Tx, userID int64) (string, error) {
	users, err := tx.Users(ctx)
	if err != nil {
		return "", err
	}
	for _, x := range users {
		if x.ID != userID {
			continue
		}
		if x.Role != guantong.RoleExpert {
			return fmt.Sprintf("账号 %s 的角色是%s，须为评审专家", x.Username, guantong.RoleName(x.Role)), nil
		}
		if _, err := tx.ExpertByUser(ctx, userID); err == nil {
			return fmt.Sprintf("账号 %s 已关联其他专家", x.Username), nil
		} else if guantong.ErrorCode(err) != guantong.ENotFound {
			return "", err
		}
		return "", nil
	}
	return fmt.Sprintf("没有编号为 %d 的账号", userID), nil
}

// Experts lists the expert pool to the admin and to committee secretaries.
func (s *Service) Experts(ctx context.Context, u *guantong.User) ([]guantong.Expert, error) {
	if err := readsPool(u); err != nil {
		return nil, err
	}
	return s.store.Experts(ctx)
}

// readsPool refuses all but the admin and committee secretaries, who read the pool.
func readsPool(u *guantong.User) error {
	if err := signedIn(u); err != nil {
		return err
	}
	if u.Role != guantong.RoleAdmin && u.Role != guantong.RoleSecretary {
		return guantong.Errorf(guantong.EForbidden, "只有管理员和评委会秘书可以查看专家库")
	}
	return nil
}

// MemberInput is one member of a committee as the admin sets it: an expert of the pool and
// their role (chair, vice_chair or member; empty is member).
type MemberInput struct {
	ExpertID int64  `json:"expert_id"`
	Role     string `json:"role"`
	Renew    bool   `json:"renew"` // a new term from today for a member already seated (续聘)
}

// SetCommitteeMembers replaces a committee's membership (admin only). The committee's rules,
// with the regulation's (committee.For), decide how many members and skilled members it
// needs and the title each member holds (committee.Rules.Members); there is at most one
// chair. A member already seated keeps the day of appointment their term runs from, unless
// Renew; a new member's term starts today. Meetings already set up keep their members.
func (s *Service) SetCommitteeMembers(ctx context.Context, u *guantong.User, committeeID int64, in []MemberInput) ([]guantong.Member, error) {
	if err := s.requireAdmin(u); err != nil {
		return nil, err
	}
	var out []guantong.Member
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		org, err := committeeOrg(ctx, tx, committeeID)
		if err != nil {
			return err
		}
		if err := tx.LockCommittee(ctx, committeeID); err != nil { // against an expert taken out meanwhile
			return err
		}
		pool, err := tx.Experts(ctx)
		if err != nil {
			return err
		}
		seated, err := tx.CommitteeMembers(ctx, committeeID)
		if err != nil {
			return err
		}
		appointed := map[int64]guantong.Date{}
		for _, m := range seated {
			appointed[m.ID] = m.AppointedOn
		}
		var es guantong.FieldErrors
		var cpool []committee.Expert
		byID := map[int64]guantong.Expert{}
		for _, e := range pool {
			if e.Active {
				cpool = append(cpool, poolExpert(e))
				byID[e.ID] = e
			}
		}
		ids, chairs := []int64{}, 0
		out = []guantong.Member{}
		for i, m := range in {
			role := m.Role
			switch role {
			case "":
				role = guantong.CommitteeMember
			case guantong.CommitteeChair:
				chairs++
			case guantong.CommitteeViceChair, guantong.CommitteeMember:
			default:
				es.Add(fmt.Sprintf("[%d].role", i), "须为 chair、vice_chair 或 member")
			}
			ids = append(ids, m.ExpertID)
			since, ok := appointed[m.ExpertID]
			if !ok || m.Renew || since.IsZero() {
				since = s.Today()
			}
			out = append(out, guantong.Member{Expert: byID[m.ExpertID], Role: role, AppointedOn: since})
		}
		if chairs > 1 {
			es.Add("role", "主任委员只能有一名")
		}
		if _, err := committee.For(org.Series, org.Level).Members(cpool, ids); err != nil {
			if fe, ok := err.(guantong.FieldErrors); ok {
				es = append(es, fe...)
			} else {
				return err
			}
		}
		if len(es) > 0 {
			return es
		}
		if err := tx.SetCommitteeMembers(ctx, committeeID, out); err != nil {
			return err
		}
		members := make([]map[string]any, len(out))
		for i, m := range out {
			members[i] = map[string]any{"expert_id": m.ID, "role": m.Role, "appointed_on": m.AppointedOn}
		}
		return s.audit(ctx, tx, u, "set_members", subjectOf("organisation", committeeID), map[string]any{"members": members})
	})
	if err != nil {
		return nil, err
	}
	return s.store.CommitteeMembers(ctx, committeeID)
}

// CommitteeMembers lists a committee's members to the admin and to its secretary.
func (s *Service) CommitteeMembers(ctx context.Context, u *guantong.User, committeeID int64) ([]guantong.Member, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if u.Role != guantong.RoleAdmin && !(u.Role == guantong.RoleSecretary && u.OrgID == committeeID) {
		return nil, guantong.Errorf(guantong.EForbidden, "只有管理员和本评委会秘书可以查看评委会组成")
	}
	if _, err := committeeOrg(ctx, s.store, committeeID); err != nil {
		return nil, err
	}
	return s.store.CommitteeMembers(ctx, committeeID)
}

// committeeOrg returns the organisation of a committee; any other is ENotFound.
func committeeOrg(ctx context.Context, r interface {
	Organisation(context.Context, int64) (guantong.Organisation, error)
}, id int64) (guantong.Organisation, error) {
	o, err := r.Organisation(ctx, id)
	if err == nil && o.Kind != guantong.OrgCommittee {
		err = guantong.Errorf(guantong.ENotFound, "评委会 %d 不存在", id)
	}
	return o, err
}

// poolExpert is an expert of the pool as the committee rules judge them: with the title and
// skill level they hold.
func poolExpert(e guantong.Expert) committee.Expert {
	return committee.Expert{ID: e.ID, Name: e.Name, EmployerID: e.EmployerID, Series: e.Series, Specialty: e.Specialty,
		Title: e.Title, Skill: e.Skill, Skilled: e.Skilled}
}

// termOver returns the last day of a member's term, and whether it has ended by day: a
// member appointed on 2026-01-05 for 3 years sits until 2029-01-04. A member with no day of
// appointment (seated before terms were recorded) has no end.
func termOver(m guantong.Member, day guantong.Date) (guantong.Date, bool) {
	if m.AppointedOn.IsZero() {
		return guantong.Date{}, false
	}
	until := m.AppointedOn.AddYears(committee.BuiltinRegulation().TermYears).AddDays(-1)
	return until, day.After(until)
}
