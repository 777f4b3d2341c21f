package stats_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
)

var ctx = context.Background()

// t0 is when the generated applications were created.
var t0 = time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC)

var (
	regions   = []string{"石家庄市", "唐山市", "保定市", "邯郸市"}
	empKinds  = []string{guantong.KindEnterprise, guantong.KindInstitute, guantong.KindOrgan}
	stages    = []guantong.Stage{guantong.StageSubmitted, guantong.StageNotice, guantong.StageCommittee, guantong.StageGranted, guantong.StageAssessing, guantong.StageIssued, guantong.StageRevoked}
	objStatus = []string{guantong.ObjectionOpen, guantong.ObjectionUpheld, guantong.ObjectionDismissed}
)

// expected holds what the dashboard must show for a generated database, counted here in Go
// from the generator's own choices, independently of the SQL.
type expected struct {
	byDim       map[string]map[string]int64 // dimension → raw key → count
	decided     map[[2]string]int64         // committee, group
	passed      map[[2]string]int64
	days        map[string][]int // stage → days of each spell
	certs       map[[2]string]int64
	revocations map[string]int64
	objections  map[string]int64
}

// seed writes n applications with a spread of stages, routes, series, levels, regions,
// employer kinds, decisions, certificates, revocations, objections and stage spells, and
// returns what the province's dashboard must show (region "" ) or one region's.
func seed(tb testing.TB, st *store.Store, n int, region string) expected {
	tb.Helper()
	ex := expected{byDim: map[string]map[string]int64{}, decided: map[[2]string]int64{}, passed: map[[2]string]int64{},
		days: map[string][]int{}, certs: map[[2]string]int64{}, revocations: map[string]int64{}, objections: map[string]int64{}}
	count := func(dim, key string) {
		if ex.byDim[dim] == nil {
			ex.byDim[dim] = map[string]int64{}
		}
		ex.byDim[dim][key]++
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		var emps []guantong.Organisation
		for _, r := range regions {
			for _, k := range empKinds {
				o := guantong.Organisation{Kind: guantong.OrgEmployer, Name: r + k, Region: r, EmployerKind: k, CreatedAt: t0}
				if err := tx.InsertOrganisation(ctx, &o); err != nil {
					return err
				}
				emps = append(emps, o)
			}
		}
		var committees []guantong.Organisation
		for _, s := range []string{"工程", "实验技术"} {
			c := guantong.Organisation{Kind: guantong.OrgCommittee, Name: "河北省" + s + "系列中级职称评审委员会", Series: s, Level: guantong.Title3, CreatedAt: t0}
			if err := tx.InsertOrganisation(ctx, &c); err != nil {
				return err
			}
			committees = append(committees, c)
		}
		for i := range n {
			emp := emps[(i/3)%len(emps)]
			p := guantong.Applicant{Name: fmt.Sprintf("申报人%d", i), IDNumber: fmt.Sprintf("G%017d", i), EmployerID: emp.ID, CreatedAt: t0}
			if err := tx.InsertApplicant(ctx, &p); err != nil {
				return err
			}
			a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
				Series: []string{"工程", "实验技术"}[i%2], Level: guantong.Level{Title: guantong.Title3}, Stage: stages[i%len(stages)],
				Document: json.RawMessage(`{}`), CreatedAt: t0, UpdatedAt: t0}
			if i%5 == 0 {
				a.Kind, a.Route, a.Series, a.Level, a.OccupationCode = guantong.KindSkill, guantong.RouteSkillEvaluation, "", guantong.Level{Skill: guantong.Skill3}, "6-20-01-01"
			} else if i%11 == 0 {
				a.Route = guantong.RouteTitleRecognition
			}
			mine := region == "" || emp.Region == region
			if a.Kind == guantong.KindTitle && i%3 == 0 {
				c := committees[i%2]
				a.CommitteeID, a.Decision = c.ID, guantong.DecisionPassed
				if i%4 == 0 {
					a.Decision = guantong.DecisionFailed
				}
				if (i/6)%2 == 0 { // both groups before each committee
					a.ReviewGroup = "高技能人才组"
				}
				g := [2]string{c.Name, a.ReviewGroup}
				if g[1] == "" {
					g[1] = "其他申报人"
				}
				if mine {
					ex.decided[g]++
					if a.Decision == guantong.DecisionPassed {
						ex.passed[g]++
					}
				}
			}
			if i%6 == 0 {
				a.Certificate = fmt.Sprintf("C%09d", i)
				a.CertifiedOn = guantong.MakeDate(2026, time.Month(i%12+1), 15)
				if mine {
					ex.certs[[2]string{a.CertifiedOn.String()[:7], a.Kind}]++
				}
				if i%60 == 0 {
					a.RevokedOn = a.CertifiedOn.AddDays(20)
					if mine {
						ex.revocations[a.RevokedOn.String()[:7]]++
					}
				}
			}
			if err := tx.InsertApplication(ctx, &a); err != nil {
				return err
			}
			if mine {
				count("stage", string(a.Stage))
				count("route", a.Route)
				count("series", a.Series)
				count("level", a.Level.String())
				count("region", emp.Region)
				count("employer_kind", emp.EmployerKind)
			}
			if i%10 == 0 {
				o := guantong.Objection{ApplicationID: a.ID, Notice: guantong.StageNotice, Name: "某", Contact: "1", Text: "异议",
					Status: objStatus[i%3], LodgedAt: t0}
				if err := tx.InsertObjection(ctx, &o); err != nil {
					return err
				}
				if mine {
					ex.objections[objStatus[i%3]]++
				}
			}
			if i%4 == 0 { // two spells: submitted for i%30 days, then notice for i%7
				d1, d2 := i%30, i%7
				a.Stage = guantong.StageSubmitted
				if err := tx.RecordSpell(ctx, a, t0.Add(time.Duration(d1)*24*time.Hour+time.Hour)); err != nil {
					return err
				}
				a.Stage = guantong.StageNotice
				if err := tx.RecordSpell(ctx, a, t0.Add(time.Duration(d1+d2)*24*time.Hour+2*time.Hour)); err != nil {
					return err
				}
				if mine {
					ex.days["submitted"] = append(ex.days["submitted"], d1)
					ex.days["notice"] = append(ex.days["notice"], d2)
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ex
}

// nearestRank is the p-th percentile of vs by the nearest-rank method, computed on the
// sorted values themselves.
func nearestRank(vs []int, p float64) int {
	s := slices.Clone(vs)
	slices.Sort(s)
	k := int(p*float64(len(s)) + 0.999999999)
	return s[max(k, 1)-1]
}
