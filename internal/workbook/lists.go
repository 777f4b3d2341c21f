package workbook

import (
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/catalog"
)

// The cells that hold lists, with their syntax (also on the template's 填写说明 sheet):
//
//	年度考核        2023:合格；2024:优秀；2025:合格
//	工作经历        2012-07-01至2018-03-31；2018-06-01至今   (~ for 至; an empty end is 至今)
//	奖项            全国技术能手:2022:6-20-01-01            (the occupation code may be left out)
//	学历            大专:机电一体化技术:6-20-01-01、6-20-01-02 (the related codes may be left out)
//	现岗位职业编码  6-20-01-01；4-13-04-01:游泳              (an item after the code)
func (r *rowReader) lists() {
	p := &r.rec.Person
	r.each(colAssessments, 2, 2, "“年份:结果”，如 2024:合格", func(col, i int, it string, ps []string) {
		y, ok := year(ps[0])
		if !ok {
			r.fail(col, "第%d项 %q 的年份不是 1949—2100 的整数", i+1, it)
		}
		if !contains(guantong.AssessmentResults, ps[1]) {
			r.fail(col, "第%d项 %q 的结果应为 %s 之一", i+1, it, strings.Join(guantong.AssessmentResults, "、"))
		}
		p.Assessments = append(p.Assessments, guantong.Assessment{Year: y, Result: ps[1]})
	})
	if v, col := r.single(colWork); v != "" {
		for i, it := range items(v) {
			from, to, ok := strings.Cut(strings.NewReplacer("～", "至", "~", "至").Replace(it), "至")
			f, okf := ParseDate(strings.TrimSpace(from))
			if !ok || !okf {
				r.fail(col, "第%d项 %q 应写成“开始日期至结束日期”或“开始日期至今”，如 2012-07-01至今", i+1, it)
				continue
			}
			w := guantong.WorkPeriod{From: f}
			if to = strings.TrimSpace(to); to != "" && to != "今" {
				t, okt := ParseDate(to)
				switch {
				case !okt:
					r.fail(col, "第%d项 %q 的结束日期 %q 不是日期", i+1, it, to)
				case t.Before(f):
					r.fail(col, "第%d项 %q 的结束日期早于开始日期", i+1, it)
				}
				w.To = t
			}
			p.Work = append(p.Work, w)
		}
	}
	r.each(colAwards, 2, 3, "“奖项名称:年份”或“奖项名称:年份:职业编码”", func(col, i int, it string, ps []string) {
		a := guantong.Award{Name: ps[0]}
		var ok bool
		if a.Year, ok = year(ps[1]); !ok {
			r.fail(col, "第%d项 %q 的年份不是 1949—2100 的整数", i+1, it)
		}
		if len(ps) == 3 {
			a.OccupationCode = r.code(col, i, it, ps[2])
		}
		p.Awards = append(p.Awards, a)
	})
	r.each(colEducation, 1, 3, "“学历:专业”或“学历:专业:相关职业编码”", func(col, i int, it string, ps []string) {
		e := guantong.Education{Level: ps[0]}
		if len(ps) > 1 {
			e.Major = ps[1]
		}
		if len(ps) > 2 {
			for _, c := range strings.FieldsFunc(ps[2], func(c rune) bool { return c == ',' || c == '，' || c == '、' }) {
				e.RelatedCodes = append(e.RelatedCodes, r.code(col, i, it, strings.TrimSpace(c)))
			}
		}
		p.Education = append(p.Education, e)
	})
	r.each(colTargets, 1, 2, "“职业编码”或“职业编码:项目”", func(col, i int, it string, ps []string) {
		t := guantong.Target{OccupationCode: r.code(col, i, it, ps[0])}
		if len(ps) == 2 {
			t.Item = ps[1]
		}
		p.Targets = append(p.Targets, t)
	})
}

// each calls f for every item of a list cell that has between lo and hi fields (a problem
// naming the syntax for any other), with its column, index and fields.
func (r *rowReader) each(name string, lo, hi int, syntax string, f func(col, i int, item string, ps []string)) {
	v, col := r.single(name)
	if v == "" {
		return
	}
	for i, it := range items(v) {
		ps := parts(it)
		if len(ps) < lo || len(ps) > hi || ps[0] == "" {
			r.fail(col, "第%d项 %q 应写成%s", i+1, it, syntax)
			continue
		}
		f(col, i, it, ps)
	}
}

// code checks an occupation code inside a list item.
func (r *rowReader) code(col, i int, item, code string) string {
	if !catalog.ValidCode(code) {
		r.fail(col, "第%d项 %q 中 %q 不是职业编码（d-dd-dd-dd，如 6-20-01-01）", i+1, item, code)
	}
	return code
}

func year(s string) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSuffix(s, "年"))
	return y, err == nil && y >= 1949 && y <= 2100
}
