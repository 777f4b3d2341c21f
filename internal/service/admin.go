package service

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/certificate"
	"guantong/internal/store"
)

// CreateOrganisation stores an employer, 职改办, committee, evaluation organisation or
// department (admin only). Fields that do not apply to the kind must be empty.
func (s *Service) CreateOrganisation(ctx context.Context, u *guantong.User, o guantong.Organisation) (guantong.Organisation, error) {
	if err := s.requireAdmin(u); err != nil {
		return o, err
	}
	if err := s.validOrganisation(&o); err != nil {
		return o, err
	}
	o.ID, o.CreatedAt = 0, s.now().UTC()
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertOrganisation(ctx, &o); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "create_organisation", subjectOf("organisation", o.ID), o)
	})
	return o, err
}

func (s *Service) validOrganisation(o *guantong.Organisation) error {
	var es guantong.FieldErrors
	o.Name = strings.TrimSpace(o.Name)
	if r, ok := guantong.NormalizeRegion(o.Region); ok {
		o.Region = r
	} else {
		o.Region = strings.TrimSpace(o.Region)
	}
	region := func() { // employers and 职改办 only: it routes title applications (三(一)5)
		need := "须从" + strings.Join(guantong.Regions, "、") + "中选择"
		if o.Region == "" || !guantong.ValidRegion(o.Region) {
			es.Add("region", "%s", need)
		}
	}
	if o.Name == "" {
		es.Add("name", "不能为空")
	}
	if o.CertPrefix != "" { // it starts certificate numbers: internal/certificate must accept it
		o.CertPrefix = certificate.Normalize(o.CertPrefix)
		if _, err := certificate.SkillNumber(o.CertPrefix, 2000, 1); err != nil {
			es.Add("cert_prefix", "%s", err.Error())
		}
	}
	need := func(field string, ok bool, format string, args ...any) {
		if !ok {
			es.Add(field, format, args...)
		}
	}
	none := func(field string, empty bool) { need(field, empty, "%s不设此项", guantong.OrgKindName(o.Kind)) }
	p := s.Engine().Params()
	switch o.Kind {
	case guantong.OrgEmployer:
		region()
		need("employer_kind", slices.Contains(guantong.EmployerKinds, o.EmployerKind), "须为 %s 之一", strings.Join(guantong.EmployerKinds, "、"))
		none("series", o.Series == "")
		none("occupations", len(o.Occupations) == 0)
	case guantong.OrgOffice:
		region()
		none("self_evaluation", !o.SelfEvaluation)
		none("series", o.Series == "")
	case guantong.OrgCommittee:
		need("series", slices.Contains(p.Series, o.Series), "须为 %s 之一", strings.Join(p.Series, "、"))
		need("level", o.Level.Valid(), "须为职称层级（%s）", strings.Join(guantong.TitleLevels(), "、"))
		none("self_evaluation", !o.SelfEvaluation)
	case guantong.OrgEvaluator, guantong.OrgDepartment:
		if o.Kind == guantong.OrgDepartment {
			need("occupations", len(o.Occupations) > 0, "须列出所负责鉴定的职业编码")
		}
		for i, c := range o.Occupations {
			need("occupations["+strconv.Itoa(i)+"]", catalog.ValidCode(c), "%q 不是职业编码（如 6-20-01-01）", c)
		}
		none("self_evaluation", !o.SelfEvaluation)
		none("series", o.Series == "")
	default:
		es.Add("kind", "须为 %s 之一", strings.Join(guantong.OrgKinds, "、"))
	}
	return es.Err()
}

// Organisations lists organisations of a kind ("" for all) to any signed-in user: an
// applicant chooses an evaluation organisation from it.
func (s *Service) Organisations(ctx context.Context, u *guantong.User, kind string) ([]guantong.Organisation, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	return s.store.Organisations(ctx, kind)
}

// NewUser is an account to create. An applicant's account comes with their person record
// (Person: name, ID number, phone, employer); a staff account names its organisation.
type NewUser struct {
	Username string              `json:"username"`
	Password string              `json:"password"`
	Name     string              `json:"name"`
	Role     string              `json:"role"`
	OrgID    int64               `json:"org_id"`
	Person   *guantong.Applicant `json:"person"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{2,31}$`)

// CreateUser creates an account (admin only) and, for an applicant, their person record.
func (s *Service) CreateUser(ctx context.Context, u *guantong.User, in NewUser) (guantong.User, error) {
	if err := s.requireAdmin(u); err != nil {
		return guantong.User{}, err
	}
	var es guantong.FieldErrors
	if !usernamePattern.MatchString(in.Username) {
		es.Add("username", "须为 3 到 32 个小写字母、数字或 _ . -，以字母或数字开头")
	}
	if strings.TrimSpace(in.Name) == "" && in.Person == nil {
		es.Add("name", "不能为空")
	}
	if !slices.Contains(guantong.Roles, in.Role) {
		es.Add("role", "须为 %s 之一", strings.Join(guantong.Roles, "、"))
	}
	hash, err := s.chosenPassword(in.Username, in.Password, &es)
	if err != nil {
		return guantong.User{}, err
	}
	nu := guantong.User{Username: in.Username, Name: strings.TrimSpace(in.Name), Role: in.Role, CreatedAt: s.now().UTC()}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if kinds := guantong.RoleOrgKinds(in.Role); kinds != nil {
			o, err := tx.Organisation(ctx, in.OrgID)
			if err != nil || !slices.Contains(kinds, o.Kind) {
				es.Add("org_id", "%s须属于一个%s", guantong.RoleName(in.Role), guantong.OrgKindName(kinds[0]))
			}
			nu.OrgID = in.OrgID
		} else if in.OrgID != 0 {
			es.Add("org_id", "%s不属于任何单位", guantong.RoleName(in.Role))
		}
		if in.Role == guantong.RoleApplicant {
			p, perr := s.validPerson(ctx, tx, in.Person)
			es = append(es, perr...)
			if len(es) > 0 {
				return es
			}
			p.CreatedAt = nu.CreatedAt
			if err := tx.InsertApplicant(ctx, &p); err != nil {
				return err
			}
			nu.PersonID = p.ID
			if nu.Name == "" {
				nu.Name = p.Name
			}
			if err := s.audit(ctx, tx, u, "create_person", subjectOf("person", p.ID), map[string]any{
				"name": p.Name, "id_number": guantong.MaskID(p.IDNumber), "employer_id": p.EmployerID}); err != nil {
				return err
			}
		} else if in.Person != nil {
			es.Add("person", "只有申报人有人员信息")
		}
		if len(es) > 0 {
			return es
		}
		if err := tx.InsertUser(ctx, &nu, hash); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "create_user", subjectOf("user", nu.ID), nu)
	})
	return nu, err
}

// validPerson checks an applicant's record: a name, a valid resident ID number (GB 11643,
// as the check document requires) and an employer.
func (s *Service) validPerson(ctx context.Context, tx *store.Tx, p *guantong.Applicant) (guantong.Applicant, guantong.FieldErrors) {
	var es guantong.FieldErrors
	if p == nil {
		es.Add("person", "申报人须填写人员信息（姓名、身份证号、工作单位）")
		return guantong.Applicant{}, es
	}
	out := guantong.Applicant{Name: strings.TrimSpace(p.Name), IDNumber: guantong.NormalizeIDNumber(p.IDNumber),
		Phone: strings.TrimSpace(p.Phone), EmployerID: p.EmployerID}
	if out.Name == "" {
		es.Add("person.name", "不能为空")
	}
	if out.IDNumber == "" {
		es.Add("person.id_number", "不能为空")
	} else if msg := guantong.IDNumberProblem(out.IDNumber); msg != "" {
		es.Add("person.id_number", "%s", msg)
	}
	if o, err := tx.Organisation(ctx, out.EmployerID); err != nil || o.Kind != guantong.OrgEmployer {
		es.Add("person.employer_id", "须为一个用人单位的编号")
	}
	return out, es
}

// Users lists every account (admin only).
func (s *Service) Users(ctx context.Context, u *guantong.User) ([]guantong.User, error) {
	if err := s.requireAdmin(u); err != nil {
		return nil, err
	}
	return s.store.Users(ctx)
}

// Profile is who a user is: the account, their person record (applicants) and their
// organisation (staff).
type Profile struct {
	User         guantong.User          `json:"user"`
	Person       *guantong.Applicant    `json:"person,omitempty"`
	Organisation *guantong.Organisation `json:"organisation,omitempty"`
}

// Me returns the profile of the signed-in user.
func (s *Service) Me(ctx context.Context, u *guantong.User) (Profile, error) {
	if err := signedIn(u); err != nil {
		return Profile{}, err
	}
	p := Profile{User: *u}
	if u.PersonID != 0 {
		a, err := s.store.Applicant(ctx, u.PersonID)
		if err != nil {
			return p, err
		}
		p.Person = &a
	}
	if u.OrgID != 0 {
		o, err := s.store.Organisation(ctx, u.OrgID)
		if err != nil {
			return p, err
		}
		p.Organisation = &o
	}
	return p, nil
}

func (s *Service) requireAdmin(u *guantong.User) error {
	if err := signedIn(u); err != nil {
		return err
	}
	if u.Role != guantong.RoleAdmin {
		return guantong.Errorf(guantong.EForbidden, "只有管理员可以进行此操作")
	}
	return nil
}
