// Package statstest writes a generated province for the statistics' tests and benchmarks:
// applications with a spread of stages, routes, series, levels, regions, employer kinds,
// decisions, certificates, revocations, objections and stage spells, and what the dashboard
// must show for them, counted in Go from the generator's own choices.
package statstest

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

// T0 is when the generated applications were created.
var T0 = time.Date(2026, 1, 5, 1, 0, 0, 0, time.UTC)

var (
	Regions   = []string{"石家庄市", "唐山市", "保定市", "邯郸市"}
	empKinds  = []string{guantong.KindEnterprise, guantong.KindInstitute, guantong.KindOrgan}
	stages    = []guantong.Stage{guantong.StageSubmitted, guantong.StageNotice, guantong.StageCommittee, guantong.StageGranted, guantong.StageAssessing, guantong.StageIssued, guantong.StageRevoked}
	objStatus = []string{guantong.ObjectionOpen, guantong.ObjectionUpheld, guantong.ObjectionDismissed}
)

// Expected holds what the dashboard must show for a generated database, counted here in Go
// from the generator's own choices, independently of the SQL.
type Expected struct {
	ByDim       map[string]map[string]int64 // dimension → raw key → count
	Decided     map[[2]string]int64         // committee, group
	Passed      map[[2]string]int64
	Days        map[string][]int    // stage → days of each spell
	Certs       map[[2]string]int64 // month, kind
	Revocations map[string]int64
	Objections  map[string]int64
}

// Seed writes n applications, in one transaction, and returns what the province's dashboard
// (region "") or one region's must show.
func Seed(tb testing.TB, st *store.Store, n int, region string) Expected {
	ctx := context.Background()
	tb.Helper()
	ex := Expected{ByDim: map[string]map[string]int64{}, Decided: map[[2]string]int64{}, Passed: map[[2]string]int64{},
		Days: map[string][]int{}, Certs: map[[2]string]int64{}, Revocations: map[string]int64{}, Objections: map[string]int64{}}
	count := func(dim, key string) {
		if ex.ByDim[dim] == nil {
			ex.ByDim[dim] = map[string]int64{}
		}
		ex.ByDim[dim][key]++
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		var emps []guantong.Organisation
		for _, r := range Regions {
			for _, k := range empKinds {
				o := guantong.Organisation{Kind: guantong.OrgEmployer, Name: r + k, Region: r, EmployerKind: k, CreatedAt: T0}
				if err := tx.InsertOrganisation(ctx, &o); err != nil {
					return err
				}
				emps = append(emps, o)
			}
		}
		var committees []guantong.Organisation
		for _, s := range []string{"工程", "实验技术"} {
			c, err := tx.CommitteeFor(ctx, s, guantong.Title3) // the demo province's, when seeded over it
			if err != nil {
				c = guantong.Organisation{Kind: guantong.OrgCommittee, Name: "河北省" + s + "系列中级职称评审委员会", Series: s, Level: guantong.Title3, CreatedAt: T0}
				if err := tx.InsertOrganisation(ctx, &c); err != nil {
					return err
				}
			}
			committees = append(committees, c)
		}
		for i := range n {
			emp := emps[(i/3)%len(emps)]
			p := guantong.Applicant{Name: fmt.Sprintf("申报人%d", i), IDNumber: fmt.Sprintf("G%017d", i), EmployerID: emp.ID, CreatedAt: T0}
			if err := tx.InsertApplicant(ctx, &p); err != nil {
				return err
			}
			a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
				Series: []string{"工程", "实验技术"}[i%2], Level: guantong.Level{Title: guantong.Title3}, Stage: stages[i%len(stages)],
				Document: json.RawMessage(`{}`), CreatedAt: T0, UpdatedAt: T0}
			if i%5 == 0 {
				a.Kind, a.Route, a.Series, a.Level, a.OccupationCode = guantong.KindSkill, guantong.RouteSkillEvaluation, "", guantong.Level{Skill: guantong.Skill3}, "6-20-01-01"
			} else if i%11 == 0 {
				a.Route = guantong.RouteTitleRecognition
			}
			mine := region == "" || emp.Region == region
			if a.Kind == guantong.KindTitle && i%3 == 0 {
				c := committees[i%2]
				a.CommitteeID, a.Decision = c.ID, guantong.DecisionPassed
				if (i/3)%5 == 0 || (i/3)%7 == 0 { // about a third fail, not the same share in every group
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
					ex.Decided[g]++
					if a.Decision == guantong.DecisionPassed {
						ex.Passed[g]++
					}
				}
			}
			if i%6 == 0 {
				a.Certificate = fmt.Sprintf("C%09d", i)
				a.CertifiedOn = guantong.MakeDate(2025+(i/72)%2, time.Month((i/6)%12+1), 15) // two years, every month
				if mine {
					ex.Certs[[2]string{a.CertifiedOn.String()[:7], a.Kind}]++
				}
				if i%60 == 0 {
					a.RevokedOn = a.CertifiedOn.AddDays(20)
					if mine {
						ex.Revocations[a.RevokedOn.String()[:7]]++
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
					Status: objStatus[i%3], LodgedAt: T0}
				if err := tx.InsertObjection(ctx, &o); err != nil {
					return err
				}
				if mine {
					ex.Objections[objStatus[i%3]]++
				}
			}
			if i%4 == 0 { // two spells: submitted for i%30 days, then notice for i%7
				d1, d2 := i%30, i%7
				a.Stage = guantong.StageSubmitted
				if err := tx.RecordSpell(ctx, a, T0.Add(time.Duration(d1)*24*time.Hour+time.Hour)); err != nil {
					return err
				}
				a.Stage = guantong.StageNotice
				if err := tx.RecordSpell(ctx, a, T0.Add(time.Duration(d1+d2)*24*time.Hour+2*time.Hour)); err != nil {
					return err
				}
				if mine {
					ex.Days["submitted"] = append(ex.Days["submitted"], d1)
					ex.Days["notice"] = append(ex.Days["notice"], d2)
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

// NearestRank is the p-th percentile of vs by the nearest-rank method, computed on the
// sorted values themselves.
func NearestRank(vs []int, p float64) int {
	s := slices.Clone(vs)
	slices.Sort(s)
	k := int(p*float64(len(s)) + 0.999999999)
	return s[max(k, 1)-1]
}
