package policy_test

import (
	"testing"

	"guantong"
)

// typical is one typical applicant: a 钳工 with 高级工 and 技师, five years of work with one
// gap, three assessments, one target occupation.
var typical = guantong.Request{AsOf: date("2026-12-31"), Person: guantong.Person{
	Name:     "李师傅",
	Employer: guantong.Employer{Name: "唐山某机械厂", Kind: "企业"},
	Skills:   []guantong.Skill{fitter(guantong.Skill3, "2016-05-20"), fitter(guantong.Skill2, "2021-06-30")},
	Work: []guantong.WorkPeriod{
		{From: date("2010-07-01"), To: date("2019-12-31")},
		{From: date("2020-03-01")},
	},
	Assessments: passed(2023, 2024, 2025),
}}

// BenchmarkCheck measures one typical check, decoded input to decision (goal: < 2 µs and
// < 20 allocations on the 2-core CI machine; figures in docs/performance.md).
func BenchmarkCheck(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		engine.Check(typical)
	}
}

// BenchmarkCheckBatch checks 1,000 varied people per iteration, as an employer screening
// its staff would.
func BenchmarkCheckBatch(b *testing.B) {
	people := make([]guantong.Request, 1000)
	levels := []guantong.SkillLevel{guantong.Skill3, guantong.Skill2, guantong.Skill1}
	codes := []string{"6-20-01-01", "6-16-02-11", "6-17-02-02", "6-28-01-14", "4-13-04-03"}
	for i := range people {
		p := typical
		p.Person.Skills = []guantong.Skill{{
			OccupationCode: codes[i%len(codes)], Level: levels[i%len(levels)],
			Obtained: date("2015-01-01").AddDays(i * 3),
		}}
		if i%4 == 0 {
			p.Person.Titles = []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}}
			p.Person.Targets = []guantong.Target{{OccupationCode: codes[(i+1)%len(codes)]}}
		}
		if i%10 == 0 {
			p.Person.Awards = []guantong.Award{{Name: "河北省技术能手", Year: 2022}}
		}
		people[i] = p
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range people {
			engine.Check(p)
		}
	}
}
