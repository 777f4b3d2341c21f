package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/service"
)

// The forms and the check document: one validator (document.Decode), one encoder, an edit
// that merges into the stored person, and the answer in a worker's words.

// apiDraft is a draft as an API caller writes it, with every field the application form has
// no box for: certificate numbers and editions, a title's specialty, education levels and a
// second diploma, a target with its item, an award's occupation, the identity document
// type, the name the service replaces with the records', and a field of a later contract.
const apiDraft = `{
	"name": "张三",
	"id_type": "居民身份证",
	"skills": [
		{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30", "certificate_no": "S000012345", "classification": "2015"},
		{"occupation_code": "6-20-03-01", "occupation": "机床装调维修工", "level": "高级工", "obtained": "2018-05-20", "certificate_no": "S000067890"}
	],
	"titles": [{"series": "工程", "specialty": "机械制造", "level": "助理级", "obtained": "2020-01-01"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}],
	"work": [{"from": "2012-07-01", "to": null}],
	"awards": [{"name": "全国技术能手", "year": 2022, "occupation_code": "6-20-01-01"}],
	"education": [
		{"level": "大专", "major": "机电一体化技术", "related_codes": ["6-20-01-01"]},
		{"level": "本科", "major": "机械工程"}
	],
	"targets": [{"occupation_code": "4-13-04-01", "item": "游泳"}],
	"a_field_added_later": {"kept": true}
}`

// TestEditKeepsEveryField (issue 14 item 3): an API-written draft saved through the page
// unchanged reads back the same document; a row changed on the page keeps what belongs to it
// and loses what belonged to the certificate it replaced.
func TestEditKeepsEveryField(t *testing.T) {
	w := newWorld(t)
	zs := w.as("zhangsan")
	path, v, save := draftByAPI(t, w, zs, apiDraft)
	_, body := zs.get(path)
	mustShow(t, "the edit page", body, `name="skills.0.occupation" value="钳工（6-20-01-01）"`, `<option value="" selected>居民身份证</option>`,
		`value="机电一体化技术"`)
	saved := save(formValues(t, body, "apply-form"))
	sameJSON(t, "saved unchanged", saved.Document, apiDraft)
	if saved.Version != v.Version+1 {
		t.Errorf("version %d after one save from %d", saved.Version, v.Version)
	}

	// The first certificate's date corrected: its number stays. The second replaced by
	// another occupation: the old number goes with it. The title's series changed: its
	// specialty goes. The diploma's major changed: its level stays, the second diploma too.
	_, body = zs.get(path)
	form := formValues(t, body, "apply-form")
	form.Set("skills.0.obtained", "2021-07-01")
	form.Set("skills.1.occupation", "焊工（6-18-02-04）")
	form.Set("titles.0.series", "实验技术")
	form.Set("major", "机械设计")
	g := save(form).Document
	for _, want := range []string{`"certificate_no":"S000012345"`, `"obtained":"2021-07-01"`, `{"level":"大专","major":"机械设计"`,
		`{"level":"本科","major":"机械工程"}`, `"item":"游泳"`, `"a_field_added_later":{"kept":true}`, `"name":"张三"`} {
		if !strings.Contains(string(g), want) {
			t.Errorf("after the edit the document lacks %s:\n%s", want, g)
		}
	}
	for _, gone := range []string{"S000067890", "机械制造", "机床装调维修工"} {
		if strings.Contains(string(g), gone) {
			t.Errorf("after the edit the document keeps %s of a row replaced:\n%s", gone, g)
		}
	}
}

// draftByAPI writes zhangsan's draft for 工程 中级 with the person document doc through the
// service, as an API caller does. It returns the draft's edit page, the draft, and save, which
// posts a form to the edit page as zs (zhangsan's browser) and reads the draft back.
func draftByAPI(t *testing.T, w *world, zs *client, doc string) (string, service.View, func(url.Values) service.View) {
	t.Helper()
	ctx := context.Background()
	sess, err := w.s.svc.Login(ctx, "zhangsan", service.DemoPassword("zhangsan"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := w.s.svc.Authenticate(ctx, sess.Token)
	if err != nil {
		t.Fatal(err)
	}
	v, err := w.s.svc.CreateApplication(ctx, &u, service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: json.RawMessage(doc)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/applications/%d/edit", v.ID)
	return path, v, func(form url.Values) service.View {
		t.Helper()
		status, body := zs.postFile(path, form, "", nil)
		if status != 200 || !strings.Contains(body, "修改已保存") {
			t.Fatalf("saving: %d\n%.3000s", status, body)
		}
		saved, err := w.s.svc.Application(ctx, &u, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		return saved
	}
}

// sameJSON reports a difference between two JSON documents, whatever their spacing and order.
func sameJSON(t *testing.T, what string, got json.RawMessage, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s, the document differs:\n got %s\nwant %s", what, got, compactJSON(t, want))
	}
}

// TestFormAgreesWithDocument (issue 14 item 4): the self-check, the application form and the
// check document accept and refuse the same persons, because Decode alone decides; the form's
// messages name its fields in words, never a field path.
func TestFormAgreesWithDocument(t *testing.T) {
	w := newWorld(t)
	zs := w.as("zhangsan")
	for _, tt := range []struct {
		rule, year, award string // the award as the form takes it, and as a document
		ok                bool
		message           string // on both forms, next to the award's year
	}{
		{"an award's year from 1949 (contract: years 1949—2100)", "1949", `{"name": "全国技术能手", "year": 1949}`, true, ""},
		{"an award's year before 1949", "1948", `{"name": "全国技术能手", "year": 1948}`, false, "第1个奖项的获得年份：1948 不是合理的年份（1949—2100）"},
		{"an award needs its year (三(一)4, 以证书或文件为准)", "", `{"name": "全国技术能手"}`, false, "第1个奖项的获得年份：请填写获得年份"},
		{"a year that is no number", "去年", `{"name": "全国技术能手", "year": "去年"}`, false, "第1个奖项的获得年份：「去年」不是年份"},
	} {
		t.Run(tt.rule, func(t *testing.T) {
			doc := `{"person": {"awards": [` + tt.award + `]}}`
			if _, err := document.Decode([]byte(doc)); (err == nil) != tt.ok {
				t.Fatalf("the document %s: %v, want ok %v", doc, err, tt.ok)
			}
			check := workerForm("2021-06-30")
			check.Set("awards.0.name", "全国技术能手")
			check.Set("awards.0.year", tt.year)
			apply := titleForm("2021-06-30")
			apply.Set("awards.0.name", "全国技术能手")
			apply.Set("awards.0.year", tt.year)
			for name, page := range map[string]func() (int, string){
				"self-check":       func() (int, string) { return post(t, w.ts, "/check", check) },
				"application form": func() (int, string) { return zs.postFile("/applications/new", apply, "", nil) },
			} {
				status, body := page()
				if tt.ok {
					if status != 200 {
						t.Errorf("%s: status %d, want 200", name, status)
					}
					continue
				}
				if status != http.StatusUnprocessableEntity {
					t.Errorf("%s: status %d, want 422", name, status)
				}
				mustShow(t, name, body, `href="#awards-0-year">`+tt.message, `id="awards-0-year" name="awards.0.year" value="`+tt.year+`"`)
				if strings.Contains(body, "person.") {
					t.Errorf("%s shows a field path", name)
				}
			}
		})
	}
}

// TestFormTargetItemAndIDType (contract version 2: target objects with item; id_type): the
// self-check's 子项 reaches the engine as the target's item, and the application form's
// 证件类型 is saved and shown again.
func TestFormTargetItemAndIDType(t *testing.T) {
	f := readCheckForm(url.Values{"as_of": {"2026-12-31"}, "targets.0.occupation": {"4-13-04-01"}, "targets.0.item": {"游泳"},
		"targets.1.occupation": {"6-20-01-01"}}, 3)
	req, ok := f.request(newServer(t).resolveOccupation)
	if !ok {
		t.Fatalf("form refused: %v", f.Links)
	}
	if want := []guantong.Target{{OccupationCode: "4-13-04-01", Item: "游泳"}, {OccupationCode: "6-20-01-01"}}; !reflect.DeepEqual(req.Person.Targets, want) {
		t.Errorf("targets %+v, want %+v", req.Person.Targets, want)
	}

	w := newWorld(t)
	zs := w.as("zhangsan")
	form := titleForm("2021-06-30")
	form.Set("id_type", "居民身份证x")
	status, body := zs.postFile("/applications/new", form, "", nil)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown identity document: %d", status)
	}
	mustShow(t, "an unknown identity document", body, `href="#id_type">证件类型：「居民身份证x」不是证件类型`)
	form.Set("id_type", guantong.IDHongKongMacao)
	if status, body = zs.postFile("/applications/new", form, "", nil); status != 200 {
		t.Fatalf("a 港澳居民居住证 holder: %d\n%.2000s", status, body)
	}
	created, err := url.Parse(zs.last) // /applications/N?done=created
	if err != nil {
		t.Fatal(err)
	}
	_, body = zs.get(created.Path + "/edit")
	mustShow(t, "the edit page", body, `<option value="港澳居民居住证" selected>港澳居民居住证</option>`)
}

// fourOutcomes is an answer with one option of each status of contract version 2, a reason
// resting on a declared fact, a note of not_applicable and a warning carrying a field path.
func fourOutcomes() guantong.Answer {
	years := guantong.Reason{Clause: "三(一)2", Met: true, Text: "取得技师后从事技术技能工作满3年：2024-06-30 已满"}
	title := func(series string, level guantong.TitleLevel, status string, reasons ...guantong.Reason) guantong.Option {
		return guantong.Option{Route: guantong.RouteTitleReview, Series: series, Level: guantong.Level{Title: level}, OccupationCode: "6-20-01-01",
			Status: status, Eligible: status == guantong.StatusEligible, Authority: series + "系列评审委员会", Reasons: reasons}
	}
	notYet := title("实验技术", guantong.Title3, guantong.StatusNotYet,
		guantong.Reason{Clause: "三(一)2", Met: false, Text: "取得技师后从事技术技能工作满3年：将于 2027-06-30 届满"})
	notYet.YearsMetOn = guantong.MakeDate(2027, 6, 30)
	needs := title("工艺美术", guantong.Title3, guantong.StatusNeedsInformation, years,
		guantong.Reason{Clause: "三(一)2", Met: true, Text: "近3年年度考核：2025 年度未填写"})
	needs.Missing = []string{"person.assessments[2025]"}
	return guantong.Answer{
		AsOf: guantong.MakeDate(2026, 12, 31),
		Options: []guantong.Option{
			title("工程", guantong.Title2, guantong.StatusIneligible, guantong.Reason{Clause: "三(一)2", Met: false, Text: "须取得高级技师证书"}, years),
			needs, notYet,
			title("工程", guantong.Title3, guantong.StatusEligible, years,
				guantong.Reason{Clause: "三(一)4", Met: true, Text: "全国技术能手", ConfirmBy: guantong.ConfirmByOffice}),
		},
		NotApplicable: []guantong.Note{{Clause: "三(二)2", Text: "未持有职称，不能申请职业技能评价"}},
		Warnings:      []string{"person.skills[0].occupation_code: 1-01-01-01 不在对应表中"},
	}
}

// outcomesServer serves the self-check page with the answer fourOutcomes at /outcomes.
func outcomesServer(t *testing.T) *httptest.Server {
	s := newServer(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			mux := http.NewServeMux()
			s.Routes(mux)
			mux.ServeHTTP(w, r)
			return
		}
		a := fourOutcomes()
		p := checkPage{Form: newCheckForm(a.AsOf, s.assessmentYears(a.AsOf)), Answer: s.answerView(guantong.Request{AsOf: a.AsOf}, a), Choices: s.choices()}
		s.render(w, r, http.StatusOK, "check", page{Title: "自助测评结果", Nav: "check", Data: p})
	}))
	t.Cleanup(ts.Close)
	return ts
}

// TestCheckOutcomes (contract version 2, status): each option says its outcome in words a
// worker understands, the eligible first; declared facts name who confirms them; the notes of
// not_applicable stand with their clauses; no field path or status key reaches the page.
func TestCheckOutcomes(t *testing.T) {
	ts := outcomesServer(t)
	_, body := get(t, ts, "/outcomes")
	for _, tt := range []struct{ status, card, badge, outcome string }{
		{"eligible", "工程系列 中级职称", "可以申报", "可以申报"},
		{"not_yet", "实验技术系列 中级职称", "暂不能申报", "2027年6月30日起可申报"},
		{"needs_information", "工艺美术系列 中级职称", "还需补充", "还需补充：2025年度考核结果"},
		{"ineligible", "工程系列 副高级职称", "不符合", "不符合：须取得高级技师证书"},
	} {
		card := optionCard(t, body, tt.card)
		mustShow(t, tt.status+" card", card, `<span class="badge">`+tt.badge+`</span>`, `<p class="outcome">`+tt.outcome+`</p>`)
	}
	mustShow(t, "the page", body,
		`<span class="confirm">需由职改办确认</span>`,
		`未持有职称，不能申请职业技能评价<a class="clause" href="/plan/%E4%B8%89%28%E4%BA%8C%292">三(二)2</a>`,
		"第1张证书的职业编码：1-01-01-01 不在对应表中",
		"共 4 个选项，1 个可以申报，1 个到期后可申报，1 个还需补充信息，1 个不符合")
	if i, j := strings.Index(body, "工程系列 中级职称"), strings.Index(body, "工程系列 副高级职称"); i > j {
		t.Errorf("the eligible option is not listed first")
	}
	for _, leak := range []string{"person.", "needs_information", "not_yet", ">ineligible", "occupation_code"} {
		if strings.Contains(body, leak) {
			t.Errorf("the page shows %q", leak)
		}
	}
}

// TestPathWords: field paths in a worker's words.
func TestPathWords(t *testing.T) {
	for path, want := range map[string]string{
		"person.skills[0].obtained":                    "第1张证书的取得日期",
		"person.skills[1]":                             "第2张证书",
		"person.titles[0].level":                       "第1项职称的层级",
		"person.work[3].to":                            "第4段工作经历的结束日期",
		"person.awards[0].occupation_code":             "第1个奖项的职业编码",
		"person.targets[1].item":                       "第2个申报职业的子项",
		"person.education[1].level":                    "第2份毕业证书的学历",
		"person.assessments[2025]":                     "2025年度考核结果",
		"person.assessments[0].result":                 "第1条年度考核的考核结果",
		"person.id_number":                             "证件号码",
		"person.employer.kind":                         "单位类型",
		"person.work":                                  "工作经历",
		"person.something_new[0].x":                    "相关信息",
		"person.skills[0].a_field_of_a_later_contract": "第1张证书的内容",
	} {
		if got := pathWords(path); got != want {
			t.Errorf("pathWords(%q) = %q, want %q", path, got, want)
		}
	}
	if got := messageText(`"2021-13-01" 不是日期（YYYY-MM-DD）`); got != "「2021-13-01」不是日期（YYYY-MM-DD）" {
		t.Errorf("messageText: %q", got)
	}
	// A refusal of the document at submission, above the application.
	if got := joinErrs(errs{"person.id_number": `"E1234" 不是 18 位公民身份号码（5 位）`}); got != "证件号码：「E1234」不是 18 位公民身份号码（5 位）" {
		t.Errorf("joinErrs: %q", got)
	}
}

// TestRefusedOptionShowsConditions (issue 9: a refused 副高级 on the application page showed no
// conditions): a 技师 applying for 工程 副高级, which the engine does not list for him, is
// refused with the conditions of 副高级 beside the refusal, from the policy in force.
func TestRefusedOptionShowsConditions(t *testing.T) {
	w := newWorld(t)
	zs := w.as("zhangsan")
	form := titleForm("2021-06-30")
	form.Set("title_level", "副高级")
	status, body := zs.postFile("/applications/new", form, "", nil)
	if status != 200 {
		t.Fatalf("the draft: %d", status)
	}
	mustShow(t, "the draft", body, "申报「工程系列 副高级职称」的条件", "持有高级技师及以上职业资格或职业技能等级证书，取得后从事技术技能工作满4年",
		`<a class="clause" href="/plan/%E4%B8%89%28%E4%B8%80%292">三(一)2</a>`)
	status, body = zs.post("/applications/1/act", url.Values{"action": {"submit"}, "version": {version(t, body)}})
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("submitting 副高级 as a 技师: %d", status)
	}
	mustShow(t, "the refusal", body, "方案未为申报人列出", "申报「工程系列 副高级职称」的条件", "满4年")
}

// TestPublicPagesSayNoCode (issue 9: words shown to people): the self-check's answer and
// form, and the plan, show no Go file or function name and no field path. (The page of one
// clause is the engine's work: its branch drops the implementation's file names.)
func TestPublicPagesSayNoCode(t *testing.T) {
	ts := newTestServer(t)
	pages := map[string]func() (int, string){
		"/check": func() (int, string) { return get(t, ts, "/check") },
		"/check (answer)": func() (int, string) {
			f := workerForm("2025-01-10")
			f.Set("awards.0.name", "全国技术能手")
			f.Set("awards.0.year", "2022")
			f.Set("skills.1.occupation", "1-01-01-01") // a code not in the table: a warning with a field path
			f.Set("skills.1.level", "技师")
			f.Set("skills.1.obtained", "2020-01-01")
			return post(t, ts, "/check", f)
		},
		"/plan":             func() (int, string) { return get(t, ts, "/plan") },
		"/check (mistakes)": func() (int, string) { return post(t, ts, "/check", url.Values{"skills.0.level": {"技师"}}) },
	}
	for name, page := range pages {
		status, body := page()
		if status != 200 && status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d", name, status)
		}
		if name == "/check (answer)" {
			mustShow(t, name, body, "第2张证书的职业编码：")
		}
		for _, leak := range []string{"internal/", ".go ", "person.", "occupation_code", "func "} {
			if strings.Contains(body, leak) {
				i := strings.Index(body, leak)
				t.Errorf("%s shows %q: …%s…", name, leak, body[max(0, i-80):min(len(body), i+80)])
			}
		}
	}
}

// TestCheckOutcomesOfTheEngine (contract version 2, status and not_applicable): the
// self-check's answers from the engine in force, in words. A 钳工 技师 since 2021-06-30 with
// passing years is eligible for 中级; since 2025-01-10, 中级 comes on a date; without the 2025
// assessment, 中级 needs it; with 2025 failed, 中级 is refused by that year; a 中级工 alone has no
// option, and the page says why with its clause.
func TestCheckOutcomesOfTheEngine(t *testing.T) {
	ts := newTestServer(t)
	without2025 := workerForm("2021-06-30")
	without2025.Del("assessments.2.result")
	failed2025 := workerForm("2021-06-30")
	failed2025.Set("assessments.2.result", "不合格")
	for _, tt := range []struct {
		status  string
		form    url.Values
		want    string // in the 工程 中级 card
		outcome string
	}{
		{"eligible", workerForm("2021-06-30"), "可以申报", "可以申报"},
		{"not_yet", workerForm("2025-01-10"), "暂不能申报", "2028年1月10日起可申报"},
		{"needs_information", without2025, "还需补充", "还需补充：2025年度考核结果"},
		{"ineligible", failed2025, "不符合", "不符合："},
	} {
		status, body := post(t, ts, "/check", tt.form)
		if status != 200 {
			t.Fatalf("%s: status %d", tt.status, status)
		}
		mustShow(t, tt.status+": the 工程 中级 card", optionCard(t, body, "工程系列 中级职称"),
			`<span class="badge">`+tt.want+`</span>`, `<p class="outcome">`+tt.outcome)
	}

	only := url.Values{"as_of": {"2026-12-31"}, "skills.0.occupation": {"钳工"}, "skills.0.level": {"中级工"}, "skills.0.obtained": {"2021-06-30"}}
	status, body := post(t, ts, "/check", only)
	if status != 200 {
		t.Fatalf("a 中级工 alone: status %d", status)
	}
	mustShow(t, "a 中级工 alone", body, "没有可以申报的选项", "为什么没有可以申报的选项",
		`最高技能等级为中级工，申报职称须持有高级工及以上证书<a class="clause" href="/plan/%E4%B8%89%28%E4%B8%80%291">三(一)1</a>`)
	if strings.Contains(body, "<article") {
		t.Errorf("a 中级工 alone is shown an option")
	}
}

// TestAssessmentYears (contract default 2: a year's assessment is due on 03-31 of the next
// year): the form fills in the years the engine asks about on the date of the check.
func TestAssessmentYears(t *testing.T) {
	s := newServer(t)
	for _, tt := range []struct {
		asOf guantong.Date
		want []int
	}{
		{guantong.MakeDate(2027, 1, 10), []int{2023, 2024, 2025}},
		{guantong.MakeDate(2027, 3, 31), []int{2024, 2025, 2026}},
		{guantong.MakeDate(2027, 4, 1), []int{2024, 2025, 2026}},
	} {
		if got := s.assessmentYears(tt.asOf); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("on %s: %v, want %v", tt.asOf, got, tt.want)
		}
		f := newCheckForm(tt.asOf, s.assessmentYears(tt.asOf))
		if f.Years != 3 || f.Assessments[0].Year != fmt.Sprint(tt.want[0]) {
			t.Errorf("on %s the form has %d rows from %s", tt.asOf, f.Years, f.Assessments[0].Year)
		}
	}
}
