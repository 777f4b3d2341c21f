package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// workerForm is a 钳工 技师 who obtained the certificate on the given date, with passing
// assessments for 2023-2025, checked on 2026-12-31.
func workerForm(obtained string) url.Values {
	return url.Values{
		"as_of":                 {"2026-12-31"},
		"employer_kind":         {"企业"},
		"skills.0.occupation":   {"钳工（6-20-01-01）"},
		"skills.0.level":        {"技师"},
		"skills.0.obtained":     {obtained},
		"assessments.0.year":    {"2023"},
		"assessments.0.result":  {"合格"},
		"assessments.1.year":    {"2024"},
		"assessments.1.result":  {"合格"},
		"assessments.2.year":    {"2025"},
		"assessments.2.result":  {"合格"},
		"skills.1.occupation":   {""}, // an empty row is skipped
		"titles.0.series":       {""},
		"work.0.from":           {""},
		"targets.0.occupation":  {""},
		"awards.0.name":         {""},
		"skills.2.level":        {""},
		"assessments.x.result":  {"合格"}, // not a row number: ignored
		"assessments.07.result": {"合格"}, // nor is a number written otherwise
		"unknown_field_ignored": {"x"},
	}
}

func TestCheckAnswers(t *testing.T) {
	ts := newTestServer(t)
	status, body := post(t, ts, "/check", workerForm("2021-06-30"))
	if status != 200 {
		t.Fatalf("eligible worker: status %d", status)
	}
	card := optionCard(t, body, "工程系列 中级职称")
	for _, want := range []string{"可以申报", "2024-06-30 起可申报", "申报评审", "评审委员会", `href="/plan/%E4%B8%89%28%E4%B8%80%292"`} {
		if !strings.Contains(card, want) {
			t.Errorf("eligible worker's 中级 card lacks %q:\n%s", want, card)
		}
	}

	status, body = post(t, ts, "/check", workerForm("2025-01-10"))
	if status != 200 {
		t.Fatalf("worker not yet eligible: status %d", status)
	}
	card = optionCard(t, body, "工程系列 中级职称")
	for _, want := range []string{"暂不能申报", "2028年1月10日起可申报", "年限条件于 2028-01-10 满足", "✗", ">三(一)2</a>"} {
		if !strings.Contains(card, want) {
			t.Errorf("not-yet worker's 中级 card lacks %q:\n%s", want, card)
		}
	}
	if !strings.Contains(body, "未提供工作经历") {
		t.Errorf("the engine's warning about work history is not shown")
	}
}

// TestCheckReverse: an engineer with a 中级 title at a self-evaluation enterprise asks for a
// skill evaluation as 钳工 (open to 工程) and as 焊工 (an access-type occupation).
func TestCheckReverse(t *testing.T) {
	ts := newTestServer(t)
	status, body := post(t, ts, "/check", url.Values{
		"as_of":                {"2026-12-31"},
		"employer_kind":        {"企业"},
		"self_evaluation":      {"1"},
		"titles.0.series":      {"工程"},
		"titles.0.level":       {"中级"},
		"titles.0.obtained":    {"2020-11-15"},
		"related":              {"钳工"},
		"targets.0.occupation": {"6-20-01-01"},
		"targets.1.occupation": {"6-18-02-04"},
	})
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	card := optionCard(t, body, "钳工（6-20-01-01） 技师")
	for _, want := range []string{"可以申报", "职业技能评价", "2021-11-15 起可申报", "职业技能等级证书", "理论知识考试", ">三(二)2</a>"} {
		if !strings.Contains(card, want) {
			t.Errorf("the 钳工 技师 card lacks %q:\n%s", want, card)
		}
	}
	if !strings.Contains(body, "职业资格证书") {
		t.Errorf("the 焊工 option does not name 职业资格证书 (三(二)6)")
	}
}

// optionCard returns the HTML of the option card whose heading is what.
func optionCard(t *testing.T, body, what string) string {
	t.Helper()
	for _, part := range strings.Split(body, "<article")[1:] {
		part, _, _ = strings.Cut(part, "</article>")
		if strings.Contains(part, "<h4>"+what+"</h4>") {
			return part
		}
	}
	t.Fatalf("no option card %q in the page", what)
	return ""
}

// TestCheckValidation: a page with mistakes comes back with each message next to its field and
// what was typed kept.
func TestCheckValidation(t *testing.T) {
	ts := newTestServer(t)
	form := workerForm("2021-13-01")
	form.Set("skills.1.occupation", "钳")
	form.Set("skills.1.level", "九级")
	form.Set("work.0.from", "2020-01-01")
	form.Set("work.0.to", "2019-01-01")
	form.Set("targets.0.occupation", "没有这个工种")
	status, body := post(t, ts, "/check", form)
	if status != http.StatusUnprocessableEntity {
		t.Errorf("status %d, want 422", status)
	}
	for _, want := range []string{
		"请更正以下",
		`value="2021-13-01"`, "「2021-13-01」不是真实存在的日期",
		`value="钳"`, "「钳」可指", "「九级」不是职业技能等级",
		"请填写取得日期",
		"对应表中没有「没有这个工种」",
		`href="#skills-0-obtained">第1张证书的取得日期：「2021-13-01」`,
		`id="skills-0-obtained" name="skills.0.obtained" value="2021-13-01" inputmode="numeric" autocomplete="off" placeholder="如 2021-06-30" aria-invalid="true"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, `id="result"`) {
		t.Errorf("a page with mistakes shows an answer")
	}
}

func TestWarningText(t *testing.T) {
	for in, want := range map[string]string{
		"person.skills[0].occupation_code: 1-01-01-01 不在工种与职称系列对应表中（内置对应表缺若干页，可用 --catalog 载入完整的官方对应表）": "第1张证书的职业编码：1-01-01-01 不在工种与职称系列对应表中（内置对应表缺若干页，以人社部门公布的完整对应表为准）",
		"person.awards[1].name: 「某奖」不在绿色通道所列奖项、称号之中（三(一)4）":                                             "第2个奖项的名称：「某奖」不在绿色通道所列奖项、称号之中（三(一)4）",
		"会议于 12: 00 开始": "会议于 12: 00 开始", // a colon not after a field path stays
		"未提供工作经历，按取得证书后连续从事技术技能工作计算": "未提供工作经历，按取得证书后连续从事技术技能工作计算",
	} {
		if got := warningText(in); got != want {
			t.Errorf("warningText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2021-06-30", "2021-06-30"}, {"2021-6-30", "2021-06-30"}, {"2021/6/3", "2021-06-03"},
		{"2021.06.30", "2021-06-30"}, {"2021年6月30日", "2021-06-30"}, {"20210630", "2021-06-30"},
		{" 2021-06-30 ", "2021-06-30"},
		{"2021-02-29", ""}, {"2021-13-01", ""}, {"30/06/2021", ""}, {"明天", ""}, {"1900-01-01", ""}, {"", ""},
	} {
		d, msg := parseDate(tt.in)
		if d.String() != tt.want || (tt.want == "") != (msg != "") {
			t.Errorf("parseDate(%q) = %q, %q; want %q", tt.in, d, msg, tt.want)
		}
	}
}

func TestResolveOccupation(t *testing.T) {
	s := newServer(t)
	for _, tt := range []struct{ typed, code, name string }{
		{"6-20-01-01", "6-20-01-01", ""},
		{"钳工（6-20-01-01）", "6-20-01-01", "钳工"},
		{"钳工", "6-20-01-01", "钳工"},
		{"9-99-99-99", "9-99-99-99", ""}, // not a code pattern of the table: a name search, which fails
		{"1-01-01-01", "1-01-01-01", ""}, // a code not in the table: the engine warns
		{"钳", "", ""},
	} {
		code, name, problem := s.resolveOccupation(tt.typed)
		if tt.code == "9-99-99-99" {
			if problem == "" {
				t.Errorf("resolve(%q): no problem", tt.typed)
			}
			continue
		}
		if code != tt.code || name != tt.name || (tt.code == "") != (problem != "") {
			t.Errorf("resolve(%q) = %q %q %q; want %q %q", tt.typed, code, name, problem, tt.code, tt.name)
		}
	}
}
