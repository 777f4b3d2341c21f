package service

import (
	"context"
	"fmt"
	"sync"
	"time"

	"guantong"
	"guantong/internal/store"
)

// DemoAccount is one account of the demo province, with its password.
type DemoAccount struct {
	Username     string
	Password     string
	Role         string
	Name         string
	Organisation string
}

// demoOrgs is the demo province: one employer of each kind (and one that evaluates its own
// staff), the 职改办 of the city and of a provincial department, committees, a social
// training evaluation organisation and the departments of 三(二)6.
var demoOrgs = []guantong.Organisation{
	{Kind: guantong.OrgEmployer, Name: "河北冀钢集团有限公司", Region: "石家庄市", EmployerKind: guantong.KindEnterprise},
	{Kind: guantong.OrgEmployer, Name: "河北冀装智能装备股份有限公司", Region: "石家庄市", EmployerKind: guantong.KindEnterprise, SelfEvaluation: true, CertPrefix: "JZZP"},
	{Kind: guantong.OrgEmployer, Name: "石家庄市农业技术推广中心", Region: "石家庄市", EmployerKind: guantong.KindInstitute},
	{Kind: guantong.OrgEmployer, Name: "石家庄市应急管理局", Region: "石家庄市", EmployerKind: guantong.KindOrgan},
	{Kind: guantong.OrgEmployer, Name: "河北工业技师学院", Region: "省直", EmployerKind: guantong.KindTechSchool},
	{Kind: guantong.OrgEmployer, Name: "石家庄市建筑业协会", Region: "石家庄市", EmployerKind: guantong.KindOther},
	{Kind: guantong.OrgOffice, Name: "石家庄市职称改革领导小组办公室", Region: "石家庄市"},
	{Kind: guantong.OrgOffice, Name: "河北省人力资源和社会保障厅职称改革办公室", Region: "省直"},
	{Kind: guantong.OrgCommittee, Name: "河北省工程系列助理级职称评审委员会", Series: "工程", Level: guantong.Title4},
	{Kind: guantong.OrgCommittee, Name: "河北省工程系列中级职称评审委员会", Series: "工程", Level: guantong.Title3},
	{Kind: guantong.OrgCommittee, Name: "河北省工程系列副高级职称评审委员会", Series: "工程", Level: guantong.Title2},
	{Kind: guantong.OrgCommittee, Name: "河北省工程系列正高级职称评审委员会", Series: "工程", Level: guantong.Title1},
	{Kind: guantong.OrgCommittee, Name: "河北省实验技术系列中级职称评审委员会", Series: "实验技术", Level: guantong.Title3},
	{Kind: guantong.OrgCommittee, Name: "河北省实验技术系列副高级职称评审委员会", Series: "实验技术", Level: guantong.Title2},
	{Kind: guantong.OrgCommittee, Name: "河北省技工院校教师系列中级职称评审委员会", Series: "技工院校教师", Level: guantong.Title3},
	{Kind: guantong.OrgEvaluator, Name: "河北省机械行业职业技能等级认定中心", CertPrefix: "S1300001"},
	{Kind: guantong.OrgDepartment, Name: "河北省职业技能鉴定指导中心（焊工）", Occupations: []string{"6-18-02-04"}},
	{Kind: guantong.OrgDepartment, Name: "河北省消防救援总队", Occupations: []string{"4-07-05-04"}},
	{Kind: guantong.OrgDepartment, Name: "河北省农业农村厅", Occupations: []string{"5-03-01-01"}},
	{Kind: guantong.OrgDepartment, Name: "河北省体育局", Occupations: []string{"4-13-04-01", "4-13-04-03"}},
	{Kind: guantong.OrgDepartment, Name: "河北省交通运输厅", Occupations: []string{"4-02-01-01"}},
}

// demoUsers are the accounts: one per role, and a second applicant and HR for the reverse
// route through an employer that evaluates its own staff. org names an organisation of
// demoOrgs; person, the applicant's record.
var demoUsers = []struct {
	username, name, role, org string
	person                    *guantong.Applicant
}{
	{"admin", "省人社厅管理员", guantong.RoleAdmin, "", nil},
	{"zhangsan", "张三", guantong.RoleApplicant, "河北冀钢集团有限公司", &guantong.Applicant{Name: "张三", IDNumber: "130102199001011237", Phone: "13812345678"}},
	{"lisi", "李四", guantong.RoleApplicant, "河北冀装智能装备股份有限公司", &guantong.Applicant{Name: "李四", IDNumber: "130105198503154216", Phone: "13933335555"}},
	{"hr", "冀钢人事处 王芳", guantong.RoleHR, "河北冀钢集团有限公司", nil},
	{"hr2", "冀装人力资源部 赵强", guantong.RoleHR, "河北冀装智能装备股份有限公司", nil},
	{"office", "石家庄市职改办 刘洋", guantong.RoleOffice, "石家庄市职称改革领导小组办公室", nil},
	{"secretary", "工程中级评委会秘书 陈静", guantong.RoleSecretary, "河北省工程系列中级职称评审委员会", nil},
	{"evaluator", "机械行业认定中心 孙磊", guantong.RoleEvaluator, "河北省机械行业职业技能等级认定中心", nil},
}

// demoExperts are the expert pool of the demo, all members of the 工程 中级 committee: nine,
// the least the regulation allows a 中级 committee for a series (data/regulation.json), so
// that six make its quorum (two thirds); each holds a title above 中级, or is a skilled expert
// with 高级技师 (三(一)6), two of them; 王建国 works at 张三's employer, so that the conflict of
// interest shows when 张三 is reviewed.
var demoExperts = []struct {
	username, name, employer, specialty, title, skill, role string
	skilled                                                 bool
}{
	{"expert1", "王建国", "河北冀钢集团有限公司", "机械制造", "", "高级技师", "member", true},
	{"expert2", "刘秀英", "河北工业技师学院", "机械工程", "正高级", "", "chair", false},
	{"expert3", "赵志刚", "河北冀装智能装备股份有限公司", "机电一体化", "副高级", "", "vice_chair", false},
	{"expert4", "孙丽", "石家庄市建筑业协会", "建筑工程", "副高级", "", "member", false},
	{"expert5", "周明", "石家庄市应急管理局", "安全工程", "中级", "高级技师", "member", true},
	{"expert6", "吴海燕", "河北工业技师学院", "焊接技术", "副高级", "", "member", false},
	{"expert7", "郑国平", "石家庄市农业技术推广中心", "农业机械", "正高级", "", "member", false},
	{"expert8", "冯晓东", "石家庄市建筑业协会", "土木工程", "副高级", "", "member", false},
	{"expert9", "陈立新", "河北工业技师学院", "电气自动化", "副高级", "", "member", false},
}

// demoCommittee is the committee the demo experts sit on.
const demoCommittee = "河北省工程系列中级职称评审委员会"

// DemoPassword is the password of a demo account.
func DemoPassword(username string) string { return username + "-demo-2026" }

// LoadDemo fills an empty database with the demo province and returns its accounts. On a
// database that already has it, it changes nothing and returns the same accounts; a demo
// database from before the expert pool gets the demo experts.
func (s *Service) LoadDemo(ctx context.Context) ([]DemoAccount, error) {
	var out []DemoAccount
	for _, d := range demoUsers {
		out = append(out, DemoAccount{Username: d.username, Password: DemoPassword(d.username), Role: d.role, Name: d.name, Organisation: d.org})
	}
	for _, d := range demoExperts {
		out = append(out, DemoAccount{Username: d.username, Password: DemoPassword(d.username), Role: guantong.RoleExpert,
			Name: d.name, Organisation: d.employer})
	}
	if _, _, err := s.store.UserByUsername(ctx, demoExperts[len(demoExperts)-1].username); err == nil {
		return out, nil // seeded already, experts included: a restart changes nothing
	}
	hashes, err := s.demoHashes(out)
	if err != nil {
		return nil, err
	}
	demo := &guantong.User{Username: "demo"}
	now := s.now().UTC()
	// Under one lock, so that servers started together with --demo on one empty PostgreSQL
	// database seed it once: the others wait, then find it seeded.
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "demo"); err != nil {
			return err
		}
		if _, _, err := tx.UserByUsername(ctx, "admin"); err == nil {
			return s.addDemoExperts(ctx, tx, hashes)
		} else if guantong.ErrorCode(err) != guantong.ENotFound {
			return err
		}
		ids := map[string]int64{}
		for _, o := range demoOrgs {
			o.CreatedAt = now
			if err := tx.InsertOrganisation(ctx, &o); err != nil {
				return err
			}
			ids[o.Name] = o.ID
			if err := s.audit(ctx, tx, demo, "create_organisation", subjectOf("organisation", o.ID), o); err != nil {
				return err
			}
			if o.Kind == guantong.OrgOffice { // where the office's notices take objections: made up, as the demo's people are
				c := guantong.NoticeContact{Phone: "0311-8600" + fmt.Sprintf("%04d", o.ID), Address: o.Region + "人力资源和社会保障局职称科（示例地址）",
					Email: fmt.Sprintf("zgb%d@example.gov.cn", o.ID)}
				if err := tx.SetNoticeContact(ctx, o.ID, c); err != nil {
					return err
				}
			}
		}
		for _, d := range demoUsers {
			u := guantong.User{Username: d.username, Name: d.name, Role: d.role, CreatedAt: now}
			if d.person != nil {
				p := *d.person
				p.EmployerID, p.CreatedAt = ids[d.org], now
				if err := tx.InsertApplicant(ctx, &p); err != nil {
					return err
				}
				u.PersonID = p.ID
			} else if d.org != "" {
				u.OrgID = ids[d.org]
			}
			if d.org != "" && ids[d.org] == 0 {
				return fmt.Errorf("service: demo: no organisation %q", d.org)
			}
			if err := tx.InsertUser(ctx, &u, hashes[d.username]); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, demo, "create_user", subjectOf("user", u.ID), u); err != nil {
				return err
			}
		}
		return s.demoExperts(ctx, tx, demo, ids, now, hashes)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// demoExperts writes the demo's expert pool, with the experts' logins, and seats them on
// the demo committee.
func (s *Service) demoExperts(ctx context.Context, tx *store.Tx, demo *guantong.User, ids map[string]int64, now time.Time, hashes map[string]string) error {
	var members []guantong.Member
	for _, d := range demoExperts {
		u := guantong.User{Username: d.username, Name: d.name, Role: guantong.RoleExpert, CreatedAt: now}
		if err := tx.InsertUser(ctx, &u, hashes[d.username]); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, demo, "create_user", subjectOf("user", u.ID), u); err != nil {
			return err
		}
		e := guantong.Expert{Name: d.name, EmployerID: ids[d.employer], Series: "工程", Specialty: d.specialty, Skilled: d.skilled,
			UserID: u.ID, Active: true, CreatedAt: now}
		e.Title, _ = guantong.ParseTitleLevel(d.title)
		e.Skill, _ = guantong.ParseSkillLevel(d.skill)
		if e.EmployerID == 0 {
			return fmt.Errorf("service: demo: no organisation %q", d.employer)
		}
		if err := tx.InsertExpert(ctx, &e); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, demo, "create_expert", subjectOf("expert", e.ID), e); err != nil {
			return err
		}
		members = append(members, guantong.Member{Expert: e, Role: d.role, AppointedOn: guantong.Today(now)})
	}
	if err := tx.SetCommitteeMembers(ctx, ids[demoCommittee], members); err != nil {
		return err
	}
	roles := make([]map[string]any, len(members))
	for i, m := range members {
		roles[i] = map[string]any{"expert_id": m.ID, "role": m.Role}
	}
	return s.audit(ctx, tx, demo, "set_members", subjectOf("organisation", ids[demoCommittee]), map[string]any{"members": roles})
}

// addDemoExperts writes the demo experts into a demo database that has none.
func (s *Service) addDemoExperts(ctx context.Context, tx *store.Tx, hashes map[string]string) error {
	if _, _, err := tx.UserByUsername(ctx, demoExperts[0].username); err == nil {
		return nil
	} else if guantong.ErrorCode(err) != guantong.ENotFound {
		return err
	}
	orgs, err := tx.Organisations(ctx, "")
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, o := range orgs {
		ids[o.Name] = o.ID
	}
	return s.demoExperts(ctx, tx, &guantong.User{Username: "demo"}, ids, s.now().UTC(), hashes)
}

// demoHashes hashes the passwords of the demo accounts, on every core, before the seeding
// transaction: bcrypt is slow on purpose, and the transaction holds the write lock.
func (s *Service) demoHashes(accounts []DemoAccount) (map[string]string, error) {
	hashes := make([]string, len(accounts))
	errs := make([]error, len(accounts))
	var wg sync.WaitGroup
	for i, a := range accounts {
		wg.Go(func() { hashes[i], errs[i] = s.hashPassword(a.Password) })
	}
	wg.Wait()
	out := make(map[string]string, len(accounts))
	for i, a := range accounts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[a.Username] = hashes[i]
	}
	return out, nil
}
