package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"guantong"
)

// The rows of the self-check and the application form: as many of each kind as the person
// has, never cut to the rows the form shows by default.

// TestReadCheckFormRows: every posted row is read, in the order of its number, numbered afresh;
// each kind keeps at least its default rows and gets one empty row after the last in use.
func TestReadCheckFormRows(t *testing.T) {
	work := func(f *checkForm) []string {
		var out []string
		for _, r := range f.Work {
			out = append(out, r.From+"~"+r.To)
		}
		return out
	}
	for _, tt := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"nothing posted: the default rows", url.Values{}, []string{"~", "~", "~"}},
		{"one row: the defaults", url.Values{"work.0.from": {"2012-07-01"}}, []string{"2012-07-01~", "~", "~"}},
		{"rows filled to the default: one to spare", url.Values{"work.0.from": {"2012-07-01"}, "work.1.from": {"2014-01-01"}, "work.2.from": {"2016-01-01"}},
			[]string{"2012-07-01~", "2014-01-01~", "2016-01-01~", "~"}},
		{"numbers with gaps, in order", url.Values{"work.10.from": {"2020-01-01"}, "work.0.from": {"2012-07-01"}, "work.3.to": {"2015-12-31"}, "work.2.from": {"2014-01-01"}},
			[]string{"2012-07-01~", "2014-01-01~", "~2015-12-31", "2020-01-01~", "~"}},
		{"empty rows at the end beyond the defaults go", url.Values{"work.0.from": {"2012-07-01"}, "work.1.from": {"2014-01-01"}, "work.2.from": {"2016-01-01"},
			"work.3.from": {"2018-01-01"}, "work.4.from": {""}, "work.5.to": {""}, "work.6.from": {""}},
			[]string{"2012-07-01~", "2014-01-01~", "2016-01-01~", "2018-01-01~", "~"}},
		{"an empty row between is kept as typed", url.Values{"work.0.from": {"2012-07-01"}, "work.1.from": {""}, "work.2.from": {"2016-01-01"}, "work.3.from": {"2018-01-01"}},
			[]string{"2012-07-01~", "~", "2016-01-01~", "2018-01-01~", "~"}},
		{"not row numbers: ignored", url.Values{"work.x.from": {"2012-07-01"}, "work.-1.from": {"2012-07-01"}, "work.01.from": {"2012-07-01"}, "work.from": {"2012-07-01"}, "workx.0.from": {"2012-07-01"}},
			[]string{"~", "~", "~"}},
		{"more rows posted than maxRows, most empty: the empty ones go", manyEmpty(), []string{"2014-01-01~", "2020-01-01~", "~"}},
	} {
		f := readCheckForm(tt.form, 3)
		if got := work(f); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: work rows %q, want %q", tt.name, got, tt.want)
		}
		if len(f.Skills) != skillRows || len(f.Titles) != titleRows || len(f.Assessments) != 3 || len(f.Awards) != awardRows || len(f.Targets) != targetRows {
			t.Errorf("%s: the other kinds lack their default rows: %d %d %d %d %d", tt.name, len(f.Skills), len(f.Titles), len(f.Assessments), len(f.Awards), len(f.Targets))
		}
	}

	// maxRows rows in use: no row to spare beyond them.
	full := url.Values{}
	for i := range maxRows {
		full.Set(fmt.Sprintf("awards.%d.name", i), "全国技术能手")
	}
	if f := readCheckForm(full, 3); len(f.Awards) != maxRows {
		t.Errorf("%d awards in use: %d rows, want %d", maxRows, len(f.Awards), maxRows)
	}
}

// manyEmpty is maxRows+5 work rows, two of them filled.
func manyEmpty() url.Values {
	v := url.Values{}
	for i := range maxRows + 5 {
		v.Set(fmt.Sprintf("work.%d.from", i), "")
	}
	v.Set("work.5.from", "2014-01-01")
	v.Set("work.21.from", "2020-01-01")
	return v
}

// gappedWorker is a 钳工 技师 since 2021-06-30 whose work stopped from 2022-04-01 to
// 2022-09-30 (183 days): the 3 years of 连续从事 (三(一)2) are met 183 days late.
func gappedWorker() url.Values {
	f := workerForm("2021-06-30")
	f.Set("work.0.from", "2021-06-30")
	f.Set("work.0.to", "2022-03-31")
	f.Set("work.1.from", "2022-10-01")
	f.Set("work.1.to", "2023-12-31")
	f.Set("work.2.from", "2024-01-01")
	return f
}

// TestCheckWorkBeyondDefaultRows (三(一)2, 从事技术技能工作满3年 with gaps pushing the date back):
// a fourth work period, posted under any row number, is read and closes the gap; the form
// comes back with it and one empty row more.
func TestCheckWorkBeyondDefaultRows(t *testing.T) {
	ts := newTestServer(t)
	status, body := post(t, ts, "/check", gappedWorker())
	if status != 200 {
		t.Fatalf("three periods: status %d", status)
	}
	mustShow(t, "the 中级 card with a gap of 183 days", optionCard(t, body, "工程系列 中级职称"), "2024-12-30 起可申报")

	form := gappedWorker()
	form.Set("work.7.from", "2022-04-01") // the script numbers rows on; no-JS posts 0..n: both are rows
	form.Set("work.7.to", "2022-09-30")
	status, body = post(t, ts, "/check", form)
	if status != 200 {
		t.Fatalf("four periods: status %d", status)
	}
	mustShow(t, "the 中级 card with the gap closed", optionCard(t, body, "工程系列 中级职称"), "2024-06-30 起可申报")
	mustShow(t, "the form again", body,
		`name="work.3.from" value="2022-04-01"`, `name="work.3.to" value="2022-09-30"`, // renumbered after 0-2
		`name="work.4.from" value=""`) // one to spare
	if strings.Contains(body, `name="work.5.from"`) {
		t.Errorf("more than one empty work row to spare")
	}

	// A mistake in a row beyond the defaults is named by its row and field.
	form.Set("work.7.to", "2022-13-01")
	status, body = post(t, ts, "/check", form)
	if status != 422 {
		t.Fatalf("a wrong fourth period: status %d, want 422", status)
	}
	mustShow(t, "the page with a mistake in 工作经历 4", body,
		`href="#work-3-to">第4段工作经历的结束日期：「2022-13-01」不是真实存在的日期`,
		`id="work-3-to" name="work.3.to" value="2022-13-01"`)

	// An impossible period (ending before it starts) is the engine's warning, not a mistake
	// (contract version 2): the answer names it by its row.
	form.Set("work.7.to", "2022-01-01")
	if status, body = post(t, ts, "/check", form); status != 200 {
		t.Fatalf("a fourth period ending before it starts: status %d, want 200", status)
	}
	mustShow(t, "the answer", body, "第4段工作经历的结束日期：2022-01-01 早于开始日期 2022-04-01")
}

// TestCheckRowLimit: more than maxRows rows of a kind in use is a message naming the kind,
// next to it and in the summary, with every row kept as typed; nothing is dropped silently.
func TestCheckRowLimit(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		kind, label string
		row         func(url.Values, int)
	}{
		{"work", "工作经历", func(f url.Values, i int) {
			d := guantong.MakeDate(2000, 1, 1).AddDays(30 * i)
			f.Set(fmt.Sprintf("work.%d.from", i), d.String())
			f.Set(fmt.Sprintf("work.%d.to", i), d.AddDays(20).String())
		}},
		{"awards", "奖项", func(f url.Values, i int) {
			f.Set(fmt.Sprintf("awards.%d.name", i), "全国技术能手")
			f.Set(fmt.Sprintf("awards.%d.year", i), strconv.Itoa(2000+i))
		}},
		{"skills", "证书", func(f url.Values, i int) {
			f.Set(fmt.Sprintf("skills.%d.occupation", i), "6-20-01-01")
			f.Set(fmt.Sprintf("skills.%d.level", i), "高级工")
			f.Set(fmt.Sprintf("skills.%d.obtained", i), strconv.Itoa(1990+i)+"-01-01")
		}},
	} {
		form := workerForm("2021-06-30")
		for k := range form {
			if strings.HasPrefix(k, tt.kind+".") {
				form.Del(k)
			}
		}
		for i := range maxRows {
			tt.row(form, i)
		}
		if status, body := post(t, ts, "/check", form); status != 200 {
			t.Errorf("%s: %d rows: status %d, want 200\n%.2000s", tt.kind, maxRows, status, body)
		}
		tt.row(form, maxRows)
		status, body := post(t, ts, "/check", form)
		if status != 422 {
			t.Errorf("%s: %d rows: status %d, want 422", tt.kind, maxRows+1, status)
			continue
		}
		msg := fmt.Sprintf("最多填写 %d 项，现有 %d 项，请删去多余的", maxRows, maxRows+1)
		mustShow(t, tt.kind+" beyond the limit", body,
			fmt.Sprintf(`<a href="#%s">%s：%s</a>`, tt.kind, tt.label, msg),
			fmt.Sprintf(`<fieldset class="rows" id="%s"`, tt.kind),
			fmt.Sprintf(`<p class="field-error" id="%s-error">%s</p>`, tt.kind, msg),
			fmt.Sprintf(`name="%s.%d.`, tt.kind, maxRows)) // the last row kept
	}
}

// TestEditKeepsEveryRow: a draft written through the service with more rows than the form
// shows by default (5 work periods, 4 certificates, 4 assessments, 3 awards) comes back in
// the edit page whole, and saved unchanged, as the browser posts the page, is the same
// document.
func TestEditKeepsEveryRow(t *testing.T) {
	w := newWorld(t)
	doc := `{
		"skills": [
			{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30"},
			{"occupation_code": "6-20-01-02", "occupation": "轴承制造工", "level": "高级工", "obtained": "2018-05-20"},
			{"occupation_code": "6-20-01-03", "occupation": "齿轮制造工", "level": "中级工", "obtained": "2015-03-01"},
			{"occupation_code": "6-20-03-01", "occupation": "机床装调维修工", "level": "高级工", "obtained": "2019-09-09"}
		],
		"titles": [{"series": "工程", "level": "助理级", "obtained": "2020-01-01"}],
		"assessments": [{"year": 2022, "result": "称职"}, {"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}],
		"work": [
			{"from": "2012-07-01", "to": "2014-12-31"},
			{"from": "2015-03-01", "to": "2017-06-30"},
			{"from": "2017-09-01", "to": "2019-12-31"},
			{"from": "2020-02-01", "to": "2022-08-31"},
			{"from": "2022-10-01", "to": null}
		],
		"awards": [{"name": "全国技术能手", "year": 2022}, {"name": "河北省技术能手", "year": 2020}, {"name": "中华技能大奖", "year": 2024}],
		"education": [{"major": "机电一体化技术", "related_codes": ["6-20-01-01", "6-20-03-01"]}]
	}`
	zs := w.as("zhangsan")
	path, v, save := draftByAPI(t, w, zs, doc)
	status, body := zs.get(path)
	if status != 200 {
		t.Fatalf("edit page: %d", status)
	}
	mustShow(t, "the edit page", body,
		`name="skills.3.occupation" value="机床装调维修工（6-20-03-01）"`, `name="skills.4.occupation" value=""`,
		`name="assessments.3.year" value="2025"`,
		`name="work.4.from" value="2022-10-01"`, `name="work.4.to" value=""`, `name="work.5.from" value=""`,
		`name="awards.2.name"`, `name="awards.3.name"`)
	if strings.Contains(body, `name="work.6.from"`) {
		t.Errorf("the edit page offers more than one empty work row")
	}

	form := formValues(t, body, "apply-form")
	if got := form.Get("awards.2.name"); got != "中华技能大奖" {
		t.Fatalf("the third award reads %q in the form", got)
	}
	saved := save(form)
	sameJSON(t, "saved unchanged", saved.Document, doc)
	if saved.Version != v.Version+1 {
		t.Errorf("version %d after one save from %d", saved.Version, v.Version)
	}
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

var (
	formIn   = regexp.MustCompile(`(?s)<form [^>]*class="[^"]*\b%s\b[^"]*"[^>]*>(.*?)</form>`)
	inputIn  = regexp.MustCompile(`<input\b[^>]*>`)
	selectIn = regexp.MustCompile(`(?s)<select\b([^>]*)>(.*?)</select>`)
	optionIn = regexp.MustCompile(`<option\b([^>]*)>([^<]*)`)
	textIn   = regexp.MustCompile(`(?s)<textarea\b([^>]*)>(.*?)</textarea>`)
	attrIn   = regexp.MustCompile(`\s([a-z-]+)(?:="([^"]*)")?`)
)

// formValues is what a browser posts for the form of the given class on the page: each named
// input (a checkbox or radio only when checked, no file), each select's chosen option (the
// first when none is marked), each textarea.
func formValues(t *testing.T, page, class string) url.Values {
	t.Helper()
	re := regexp.MustCompile(strings.Replace(formIn.String(), "%s", regexp.QuoteMeta(class), 1))
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form of class %s on the page", class)
	}
	attrs := func(tag string) map[string]string {
		out := map[string]string{}
		for _, a := range attrIn.FindAllStringSubmatch(tag, -1) {
			out[a[1]] = html.UnescapeString(a[2])
		}
		return out
	}
	v := url.Values{}
	for _, tag := range inputIn.FindAllString(m[1], -1) {
		a := attrs(strings.TrimSuffix(strings.TrimPrefix(tag, "<input"), ">"))
		_, checked := a["checked"]
		switch {
		case a["name"] == "", a["type"] == "file", a["type"] == "submit":
		case (a["type"] == "checkbox" || a["type"] == "radio") && !checked:
		case a["type"] == "checkbox" || a["type"] == "radio":
			v.Add(a["name"], cmp.Or(a["value"], "on"))
		default:
			v.Add(a["name"], a["value"])
		}
	}
	for _, s := range selectIn.FindAllStringSubmatch(m[1], -1) {
		name := attrs(s[1])["name"]
		var chosen string
		for i, o := range optionIn.FindAllStringSubmatch(s[2], -1) {
			a := attrs(o[1])
			value, ok := a["value"]
			if !ok {
				value = html.UnescapeString(o[2])
			}
			if _, selected := a["selected"]; selected || i == 0 {
				chosen = value
			}
		}
		v.Add(name, chosen)
	}
	for _, ta := range textIn.FindAllStringSubmatch(m[1], -1) {
		v.Add(attrs(ta[1])["name"], html.UnescapeString(ta[2]))
	}
	return v
}
