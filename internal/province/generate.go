package province

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/store"
)

// generator holds the organisations applications are spread over.
type generator struct {
	o           Options
	r           *rand.Rand
	occupations []catalog.Entry
	offices     map[string]int64 // by region
	employers   []guantong.Organisation
	committees  map[string]int64 // by series and level
	evaluators  []int64
}

var titleLevels = []guantong.TitleLevel{guantong.Title4, guantong.Title3, guantong.Title2, guantong.Title1}

// organisations writes the districts' offices, the employers, committees and evaluation
// organisations, keeping those that exist, and reads back all of them.
func (g *generator) organisations(ctx context.Context, st *store.Store) (int, error) {
	at := store.Millis(g.o.Now)
	var rows [][]any
	org := func(kind, name, region, employerKind string, self bool, series string, level guantong.TitleLevel, prefix string) {
		rows = append(rows, []any{kind, name, region, employerKind, self, series, level.String(), "", prefix, at})
	}
	for _, region := range Regions {
		org(guantong.OrgOffice, region+"职称改革领导小组办公室", region, "", false, "", 0, "")
	}
	count := map[string]int{}
	for _, kind := range []string{guantong.KindEnterprise, guantong.KindInstitute, guantong.KindOrgan, guantong.KindTechSchool, guantong.KindOther} {
		for range g.o.Employers {
			ri := g.weighted(regionWeights)
			region := Regions[ri]
			i := count[region+kind]
			count[region+kind]++
			self := kind == guantong.KindEnterprise && g.r.IntN(20) == 0
			prefix := ""
			if self {
				prefix = fmt.Sprintf("自评%s%d", short(region), i+1)
			}
			org(guantong.OrgEmployer, employerName(g.r, region, kind, i), region, kind, self, "", 0, prefix)
		}
	}
	for _, series := range catalog.SeriesNames() {
		for _, l := range titleLevels {
			org(guantong.OrgCommittee, fmt.Sprintf("河北省%s系列%s职称评审委员会", series, l), "", "", false, series, l, "")
		}
	}
	for i := range g.o.Evaluators {
		name := fmt.Sprintf("河北省%s行业职业技能等级认定中心", trades[i%len(trades)])
		if i >= len(trades) {
			name = fmt.Sprintf("河北省%s行业职业技能等级认定第%d中心", trades[i%len(trades)], i/len(trades)+1)
		}
		org(guantong.OrgEvaluator, name, "", "", false, "", 0, fmt.Sprintf("S13%05d", i+1))
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		return tx.BulkInsert(ctx, "organisations", []string{"kind", "name", "region", "employer_kind", "self_evaluation",
			"series", "level", "occupations", "cert_prefix", "created_at"}, rows, true)
	})
	if err != nil {
		return 0, fmt.Errorf("province: organisations: %w", err)
	}
	g.offices, g.committees = map[string]int64{}, map[string]int64{}
	total := 0
	for _, kind := range []string{guantong.OrgOffice, guantong.OrgEmployer, guantong.OrgCommittee, guantong.OrgEvaluator} {
		orgs, err := st.Organisations(ctx, kind)
		if err != nil {
			return 0, err
		}
		slices.SortFunc(orgs, func(a, b guantong.Organisation) int { return int(a.ID - b.ID) })
		total += len(orgs)
		for _, o := range orgs {
			switch kind {
			case guantong.OrgOffice:
				g.offices[o.Region] = o.ID
			case guantong.OrgEmployer:
				g.employers = append(g.employers, o)
			case guantong.OrgCommittee:
				g.committees[o.Series+o.Level.String()] = o.ID
			case guantong.OrgEvaluator:
				g.evaluators = append(g.evaluators, o.ID)
			}
		}
	}
	if len(g.employers) == 0 || len(g.evaluators) == 0 {
		return 0, fmt.Errorf("province: no employers or evaluation organisations to apply through")
	}
	return total, nil
}

// weighted returns an index with probability proportional to its weight.
func (g *generator) weighted(weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := g.r.IntN(sum)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// Stages and how often an application is found in each.
var (
	titleStages = []guantong.Stage{guantong.StageDraft, guantong.StageSubmitted, guantong.StageReturned, guantong.StageRecommended,
		guantong.StageNotice, guantong.StageCommittee, guantong.StageResultNotice, guantong.StageGranted, guantong.StageRejected,
		guantong.StageFailed, guantong.StageWithdrawn, guantong.StageRevoked}
	titleWeights = []int{5, 8, 3, 12, 8, 10, 6, 35, 5, 5, 2, 1}
	skillStages  = []guantong.Stage{guantong.StageDraft, guantong.StageSubmitted, guantong.StageReturned, guantong.StageAssessing,
		guantong.StagePassed, guantong.StageIssued, guantong.StageRegistered, guantong.StageFailed, guantong.StageWithdrawn}
	skillWeights = []int{5, 8, 3, 20, 10, 12, 32, 7, 3}
	seriesOf     = []string{"工程", "工程", "工程", "工程", "工程", "工程", "农业", "实验技术", "工艺美术", "技工院校教师", "艺术", "体育", "文物博物"}
)

// batch returns n people and their applications (PersonID still to set), the people
// numbered from first.
func (g *generator) batch(first, n int) ([]guantong.Applicant, []guantong.Application) {
	people := make([]guantong.Applicant, n)
	apps := make([]guantong.Application, n)
	span := int64(730 * 24 * time.Hour / time.Millisecond)
	end := g.o.Now.UnixMilli()
	for i := range n {
		// Large employers first: the square skews the choice towards the low indexes.
		u := g.r.Float64()
		emp := g.employers[int(u*u*float64(len(g.employers)))]
		ri := max(slices.Index(Regions, emp.Region), 0)
		created := time.UnixMilli(end - 86400000 - g.r.Int64N(span)).UTC()
		people[i] = guantong.Applicant{Name: name(g.r), IDNumber: idNumber(ri, first+i), Phone: phone(g.r), EmployerID: emp.ID, CreatedAt: created}
		a := &apps[i]
		*a = guantong.Application{EmployerID: emp.ID, CreatedAt: created, UpdatedAt: created.Add(time.Duration(g.r.IntN(60*24)) * time.Hour)}
		if g.r.IntN(10) < 7 {
			g.title(a, emp, first+i)
		} else {
			g.skill(a, emp, first+i)
		}
		a.Document = document(people[i].Name, emp, a, g.occupations[g.r.IntN(len(g.occupations))])
	}
	return people, apps
}

// title makes a an application for a title, at a stage with what that stage has recorded.
func (g *generator) title(a *guantong.Application, emp guantong.Organisation, n int) {
	a.Kind, a.Route = guantong.KindTitle, guantong.RouteTitleReview
	if g.r.IntN(10) == 0 {
		a.Route = guantong.RouteTitleRecognition
	}
	a.Series = seriesOf[g.r.IntN(len(seriesOf))]
	l := titleLevels[g.weighted([]int{3, 5, 2, 1})]
	a.Level = guantong.Level{Title: l}
	a.Stage = titleStages[g.weighted(titleWeights)]
	switch a.Stage {
	case guantong.StageDraft, guantong.StageSubmitted, guantong.StageReturned, guantong.StageWithdrawn:
		return
	}
	a.OfficeID = g.offices[emp.Region]
	day := guantong.DateOf(a.CreatedAt.In(guantong.Shanghai)).AddDays(20)
	a.Notice = &guantong.Period{From: day, Until: day.AddDays(7)}
	switch a.Stage {
	case guantong.StageRecommended, guantong.StageRejected:
		a.Notice = nil
		return
	case guantong.StageNotice:
		return
	}
	a.CommitteeID = g.committees[a.Series+l.String()]
	if a.Stage == guantong.StageCommittee {
		return
	}
	a.Decision = guantong.DecisionPassed
	if a.Route == guantong.RouteTitleRecognition {
		a.Decision = guantong.DecisionRecognised
	}
	if a.Stage == guantong.StageFailed {
		a.Decision = guantong.DecisionFailed
		return
	}
	day = day.AddDays(60)
	a.ResultNotice = &guantong.Period{From: day, Until: day.AddDays(7)}
	if a.Stage == guantong.StageResultNotice {
		return
	}
	a.CertifiedOn = day.AddDays(10)
	a.Certificate = fmt.Sprintf("演示-%d-%08d", a.CertifiedOn.Year(), n)
	if a.Stage == guantong.StageRevoked {
		a.RevokedOn, a.RevokeReason = a.CertifiedOn.AddDays(90), "材料弄虚作假（演示数据）"
	}
}

// skill makes a an application for a skill evaluation, routed to an evaluation organisation
// or to the employer when it evaluates its own staff.
func (g *generator) skill(a *guantong.Application, emp guantong.Organisation, n int) {
	e := g.occupations[g.r.IntN(len(g.occupations))]
	a.Kind, a.Route, a.OccupationCode, a.Series = guantong.KindSkill, guantong.RouteSkillEvaluation, e.Code, e.Series
	a.Level = guantong.Level{Skill: []guantong.SkillLevel{guantong.Skill3, guantong.Skill2, guantong.Skill1}[g.weighted([]int{2, 5, 2})]}
	a.EvaluatorID = g.evaluators[g.r.IntN(len(g.evaluators))]
	if emp.SelfEvaluation {
		a.EvaluatorID = emp.ID
	}
	a.Stage = skillStages[g.weighted(skillWeights)]
	day := guantong.DateOf(a.CreatedAt.In(guantong.Shanghai)).AddDays(45)
	switch a.Stage {
	case guantong.StagePassed:
		theory, practical := float64(60+g.r.IntN(40)), float64(60+g.r.IntN(40))
		a.Theory = &guantong.Result{Score: &theory, Passed: true, On: day}
		a.Practical = &guantong.Result{Score: &practical, Passed: true, On: day.AddDays(3)}
	case guantong.StageIssued, guantong.StageRegistered:
		a.CertifiedOn = day.AddDays(20)
		a.Certificate = fmt.Sprintf("演示S-%d-%08d", a.CertifiedOn.Year(), n)
		if a.Stage == guantong.StageRegistered {
			a.RegisteredOn = a.CertifiedOn.AddDays(15)
		}
	}
}

// document is the applicant's own account, as the form would have stored it.
func document(name string, emp guantong.Organisation, a *guantong.Application, e catalog.Entry) json.RawMessage {
	obtained := guantong.DateOf(a.CreatedAt).AddYears(-6).String()
	b, _ := json.Marshal(map[string]any{
		"name":     name,
		"employer": map[string]any{"name": emp.Name, "kind": emp.EmployerKind},
		"skills":   []any{map[string]any{"occupation_code": e.Code, "occupation": e.Occupation, "level": "技师", "obtained": obtained}},
		"work":     []any{map[string]any{"from": guantong.DateOf(a.CreatedAt).AddYears(-15).String(), "to": nil}},
	})
	return b
}
