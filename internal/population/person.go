package population

import (
	"fmt"
	"math/rand/v2"

	"guantong"
)

// builder draws one person.
type builder struct {
	g *Generator
	r *rand.Rand
	i int
}

func (b *builder) chance(p float64) bool { return b.r.Float64() < p }

// between returns a date uniformly in [from, to].
func (b *builder) between(from, to guantong.Date) guantong.Date {
	n := from.DaysUntil(to)
	if n <= 0 {
		return from
	}
	return from.AddDays(b.r.IntN(n + 1))
}

func (b *builder) person() Person {
	r, ref := b.r, b.g.ref
	d := districtWeights.pick(r)
	region := guantong.Districts[d]
	age := 22 + r.IntN(39) // 22 … 60 at ref
	birth := b.between(guantong.MakeDate(ref.Year()-age, 1, 1), guantong.MakeDate(ref.Year()-age, 12, 28))
	p := guantong.Person{Name: b.name()}
	if b.chance(0.02) {
		p.IDType = guantong.IDPassport
		p.IDNumber = fmt.Sprintf("E%08d", r.IntN(100000000))
	} else {
		p.IDNumber = residentID(districts[d].code, birth, r.IntN(1000))
	}
	kind := employerKinds[employerKindWeights.pick(r)]
	p.Employer = guantong.Employer{Name: fmt.Sprintf("%s第%d%s", region, 1+r.IntN(400), employerSuffix(kind)), Kind: kind}
	if kind == guantong.KindEnterprise && b.chance(0.15) {
		p.Employer.SelfEvaluation = true
	}

	// Work starts between 18 and 22; certificates follow one level after another.
	start := b.between(birth.AddYears(18), birth.AddYears(22))
	occ := b.g.occ.pick(r)
	p.Skills = b.skills(occ, start)
	p.Work = b.work(start)
	p.Assessments = b.assessments(start)
	if b.chance(0.12) {
		b.title(&p, occ, start)
	}
	for _, a := range awards {
		if b.chance(a.share) {
			aw := guantong.Award{Name: a.name, Year: ref.Year() - r.IntN(8)}
			if b.chance(0.8) {
				aw.OccupationCode = occ.code
			}
			p.Awards = append(p.Awards, aw)
		}
	}
	if b.chance(0.4) {
		p.Education = []guantong.Education{{Level: "大专", Major: occ.name + "相关专业", RelatedCodes: []string{occ.code}}}
	}
	return Person{Region: region, Person: p}
}

func employerSuffix(kind string) string {
	switch kind {
	case guantong.KindInstitute:
		return "研究所"
	case guantong.KindTechSchool:
		return "技工学校"
	case guantong.KindOrgan:
		return "机关服务中心"
	case guantong.KindOther:
		return "合作社"
	}
	return "制造有限公司"
}

func (b *builder) name() string {
	n := []rune{surnames[b.r.IntN(len(surnames))], givenChars[b.r.IntN(len(givenChars))]}
	if b.chance(0.7) {
		n = append(n, givenChars[b.r.IntN(len(givenChars))])
	}
	return string(n)
}

// maxSkills is the most certificates a person lists.
const maxSkills = 3

// skills draws the certificates: the highest level by highestWeights, reached in steps of
// stepMinYears … stepMaxYears from 中级工 a few years after start; levels that would fall
// after ref are not reached. Each level below the highest is listed half the time.
func (b *builder) skills(occ occupation, start guantong.Date) []guantong.Skill {
	want := highestLevels[highestWeights.pick(b.r)]
	var out []guantong.Skill
	at := b.between(start.AddYears(1), start.AddYears(4))
	for l := guantong.Skill4; l <= want && !at.After(b.g.ref); l++ {
		out = append(out, guantong.Skill{OccupationCode: occ.code, Occupation: occ.name, Level: l, Obtained: at,
			CertificateNo: fmt.Sprintf("S%09d", b.r.IntN(1000000000))})
		at = at.AddDays(365*stepMinYears + b.r.IntN(365*(stepMaxYears-stepMinYears)))
	}
	// Keep the highest; each lower one half the time, at most maxSkills in all (the staff
	// template's certificate groups).
	kept := out[:0]
	for i, s := range out {
		if i == len(out)-1 || b.chance(0.5) {
			kept = append(kept, s)
		}
	}
	if len(kept) > maxSkills {
		kept = kept[len(kept)-maxSkills:]
	}
	return kept
}

// work: 30% give no work history (continuous work is assumed), 70% one period from start;
// of these 15% have a gap of 30 to 400 days, and 3% stopped working.
func (b *builder) work(start guantong.Date) []guantong.WorkPeriod {
	if b.chance(0.3) {
		return nil
	}
	ref := b.g.ref
	if b.chance(0.15) {
		gapFrom := b.between(start.AddYears(1), ref.AddDays(-400))
		if gapFrom.After(start) {
			back := gapFrom.AddDays(30 + b.r.IntN(371))
			if back.Before(ref) {
				return []guantong.WorkPeriod{{From: start, To: gapFrom.AddDays(-1)}, {From: back}}
			}
		}
	}
	if b.chance(0.03) {
		return []guantong.WorkPeriod{{From: start, To: b.between(start.AddYears(1), ref)}}
	}
	return []guantong.WorkPeriod{{From: start}}
}

// assessments: the four years before ref's year, from the year after work started; 3% of
// people lack one year.
func (b *builder) assessments(start guantong.Date) []guantong.Assessment {
	var out []guantong.Assessment
	skip := -1
	if b.chance(0.03) {
		skip = b.r.IntN(4)
	}
	for k := 4; k >= 1; k-- {
		y := b.g.ref.Year() - k
		if y <= start.Year() || 4-k == skip {
			continue
		}
		out = append(out, guantong.Assessment{Year: y, Result: results[resultWeights.pick(b.r)]})
	}
	return out
}

// title gives a title obtained after some years of work and, 70% of the time, the
// occupation of the current post as a target for a skill evaluation (三(二)).
func (b *builder) title(p *guantong.Person, occ occupation, start guantong.Date) {
	series := titleSeries[titleSeriesWeights.pick(b.r)]
	level := titleLevels[titleLevelWeights.pick(b.r)]
	at := b.between(start.AddYears(2), b.g.ref)
	p.Titles = append(p.Titles, guantong.Title{Series: series, Specialty: "机械", Level: level, Obtained: at})
	if b.chance(0.7) {
		p.Targets = append(p.Targets, guantong.Target{OccupationCode: occ.code})
	}
}

// residentID returns a valid 18-character resident ID number (GB 11643-1999).
func residentID(area string, birth guantong.Date, seq int) string {
	s := fmt.Sprintf("%s%04d%02d%02d%03d", area, birth.Year(), int(birth.Month()), birth.Day(), seq)
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	return s + string("10X98765432"[sum%11])
}
