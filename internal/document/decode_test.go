package document

import (
	"errors"
	"strings"
	"testing"

	"guantong"
)

func TestDecodeValid(t *testing.T) {
	req, err := Decode([]byte(`{
	  "as_of": "2026-12-31",
	  "person": {
	    "name": "张三", "id_number": "130102199001011237",
	    "employer": {"name": "某钢铁公司", "kind": "企业", "self_evaluation": true},
	    "skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "二级", "obtained": "2021-06-30"}],
	    "titles": [{"series": "工程", "level": "中级", "obtained": "2019-12-01"}],
	    "assessments": [{"year": 2025, "result": "优秀"}],
	    "work": [{"from": "2012-07-01", "to": null}, {"from": "2010-01-01", "to": "2011-01-01"}],
	    "awards": [{"name": "全国技术能手", "year": 2022}],
	    "education": [{"level": "大专", "major": "机电", "related_codes": ["6-20-01-01"]}],
	    "targets": ["6-20-01-01"],
	    "a_field_added_later": {"ignored": true}
	  }
	}`))
	if err != nil {
		t.Fatal(err)
	}
	p := req.Person
	if req.AsOf.String() != "2026-12-31" || p.Skills[0].Level != guantong.Skill2 || p.Titles[0].Level != guantong.Title3 ||
		!p.Employer.SelfEvaluation || p.Work[0].To.IsZero() == false || p.Work[1].To.String() != "2011-01-01" ||
		p.Awards[0].Year != 2022 || p.Targets[0].OccupationCode != "6-20-01-01" || p.Education[0].RelatedCodes[0] != "6-20-01-01" {
		t.Errorf("decoded %+v", req)
	}
}

func TestDecodeEmptyListsAndNoAsOf(t *testing.T) {
	req, err := Decode([]byte(`{"person": {"skills": [], "work": null}}`))
	if err != nil {
		t.Fatal(err)
	}
	if !req.AsOf.IsZero() || len(req.Person.Skills) != 0 {
		t.Errorf("decoded %+v", req)
	}
}

// Every problem is reported with its field path, none half-decoded (contract: exit 2, one
// line per problem).
// Contract v2: grades are policy data (良好, 基本称职, 不称职, 未考核 and an employer's own are
// well-formed), work ending before it starts is the engine's warning, and passport and
// residence-permit numbers are read by id_type.
func TestDecodeAcceptsVersion2(t *testing.T) {
	for _, doc := range []string{
		`{"person": {"assessments": [{"year": 2024, "result": "良好"}, {"year": 2023, "result": "基本称职"}, {"year": 2022, "result": "不称职"}, {"year": 2021, "result": "未考核"}]}}`,
		`{"person": {"work": [{"from": "2020-01-01", "to": "2019-01-01"}]}}`,
		`{"person": {"id_type": "护照", "id_number": "E12345678"}}`,
		`{"person": {"id_type": "台湾居民居住证", "id_number": "830000199001011234"}}`,
	} {
		if _, err := Decode([]byte(doc)); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
	if _, err := Decode([]byte(`{"person": {"id_type": "护照", "id_number": "E1"}}`)); err == nil || !strings.Contains(err.Error(), "person.id_number") {
		t.Errorf("a 2-character passport number: err = %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string // "field: message fragment"
	}{
		{"broken JSON", `{"person": {`, []string{"document: JSON 不完整"}},
		{"not JSON", `hello`, []string{"document: 不是有效的 JSON"}},
		{"empty", ``, []string{"document: 文档为空"}},
		{"trailing data", `{"person":{}} {}`, []string{"document: JSON 文档之后还有多余内容"}},
		{"not an object", `[]`, []string{"document: 应为对象，实为 数组"}},
		{"no person", `{}`, []string{"person: 缺少 person"}},
		{"bad as_of", `{"as_of": "2026-02-30", "person": {}}`, []string{`as_of: "2026-02-30" 不是日期`}},
		{"bad date month", `{"person": {"skills": [{"occupation_code": "6-20-01-01", "level": "技师", "obtained": "2021-13-01"}]}}`,
			[]string{`person.skills[0].obtained: "2021-13-01" 不是日期（YYYY-MM-DD）`}},
		{"unknown skill level", `{"person": {"skills": [{"occupation_code": "6-20-01-01", "level": "特级", "obtained": "2021-01-01"}]}}`,
			[]string{`person.skills[0].level: "特级" 不是职业技能等级`}},
		{"unknown title level", `{"person": {"titles": [{"series": "工程", "level": "高级", "obtained": "2021-01-01"}]}}`,
			[]string{`person.titles[0].level: "高级" 不是职称等级`}},
		{"missing fields", `{"person": {"skills": [{}]}}`,
			[]string{"person.skills[0].occupation_code: 缺少此项", "person.skills[0].obtained: 缺少此项", "person.skills[0].level: 缺少此项"}},
		{"bad code", `{"person": {"targets": ["6-2-1"]}}`, []string{`person.targets[0]: "6-2-1" 不是职业编码`}},
		{"bad ID check digit", `{"person": {"id_number": "130102199001011238"}}`, []string{`person.id_number: "130102199001011238" 校验码错误`}},
		{"bad ID length", `{"person": {"id_number": "13010219900101"}}`, []string{`person.id_number: "13010219900101" 不是 18 位`}},
		{"bad ID birth date", `{"person": {"id_number": "130102199002301233"}}`, []string{"出生日期部分无效"}},
		{"year as string", `{"person": {"assessments": [{"year": "2024", "result": "合格"}]}}`, []string{"person.assessments[0].year: 应为整数年份，实为 字符串"}},
		{"fractional year", `{"person": {"awards": [{"name": "全国技术能手", "year": 2022.5}]}}`, []string{"person.awards[0].year: 2022.5 不是合理的年份"}},
		{"empty result", `{"person": {"assessments": [{"year": 2024, "result": " "}]}}`, []string{`person.assessments[0].result: 不能为空`}},
		{"bad employer kind", `{"person": {"employer": {"kind": "公司"}}}`, []string{`person.employer.kind: "公司" 不是单位类型`}},
		{"self_evaluation not bool", `{"person": {"employer": {"self_evaluation": "yes"}}}`, []string{"person.employer.self_evaluation: 应为 true 或 false"}},
		{"list not array", `{"person": {"skills": {}}}`, []string{"person.skills: 应为数组，实为 对象"}},
		{"several problems at once", `{"as_of": "x", "person": {"skills": [{"occupation_code": "6-20-01-01", "level": "技师", "obtained": "2021-13-01"}], "targets": [1]}}`,
			[]string{"as_of:", "person.skills[0].obtained:", "person.targets[0]: 应为职业编码或对象"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := Decode([]byte(tt.doc))
			var fes guantong.FieldErrors
			if !errors.As(err, &fes) {
				t.Fatalf("err = %v (%+v), want field errors", err, req)
			}
			if len(fes) != len(tt.want) {
				t.Errorf("%d problems %q, want %d", len(fes), fes, len(tt.want))
			}
			for _, w := range tt.want {
				found := false
				for _, fe := range fes {
					found = found || strings.Contains(fe.Error(), w)
				}
				if !found {
					t.Errorf("no problem %q in %q", w, fes)
				}
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	_, err := Decode(make([]byte, MaxSize+1))
	if err == nil || !strings.Contains(err.Error(), "超过") {
		t.Errorf("err = %v", err)
	}
}

// FuzzDecode: any input either decodes to a request whose dates are real and levels valid,
// or gives field errors; never a panic.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"as_of":"2026-12-31","person":{"skills":[{"occupation_code":"6-20-01-01","level":"技师","obtained":"2021-06-30"}]}}`,
		`{"person":{"work":[{"from":"2020-01-01","to":null}],"assessments":[{"year":2024,"result":"合格"}]}}`,
		`{"person":{"id_number":"130102199001011237","titles":[{"series":"工程","level":"中级","obtained":"2019-12-01"}],"targets":["6-20-01-01"]}}`,
		`{"person":{"awards":[{"name":"全国技术能手","year":2022}],"education":[{"related_codes":["6-20-01-01"]}]}}`,
		`[`, `null`, `{"person":null}`, `{"person":{"skills":[null]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		req, err := Decode(b)
		if err != nil {
			var fes guantong.FieldErrors
			if !errors.As(err, &fes) || len(fes) == 0 {
				t.Fatalf("error %v is not field errors", err)
			}
			return
		}
		for _, s := range req.Person.Skills {
			if !s.Level.Valid() || s.Obtained.IsZero() {
				t.Fatalf("accepted skill %+v", s)
			}
		}
		for _, w := range req.Person.Work {
			if w.From.IsZero() || (!w.To.IsZero() && w.To.Before(w.From)) {
				t.Fatalf("accepted work %+v", w)
			}
		}
	})
}
