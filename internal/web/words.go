package web

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The words the pages use for a person's rows and fields. A worker reads 第1张证书的取得日期,
// never the contract's field path person.skills[0].obtained nor a form field's id: the
// summary of mistakes, the engine's warnings, what an option still needs and the service's
// refusals all name a field through these tables.

// rowKind names one kind of row and the measure word that counts it: 第1张证书, 第2段工作经历.
type rowKind struct{ Name, Unit string }

var rowKinds = map[string]rowKind{
	"skills": {"证书", "张"}, "titles": {"职称", "项"}, "assessments": {"年度考核", "条"},
	"work": {"工作经历", "段"}, "awards": {"奖项", "个"}, "targets": {"申报职业", "个"},
	"education": {"毕业证书", "份"},
}

// fieldWords names the fields of rows and of the person, by the form's names and by the
// contract's; a kind may say a field in its own words ("titles.level": 层级).
var fieldWords = map[string]string{
	"occupation": "职业", "occupation_code": "职业编码", "classification": "职业分类版本", "certificate_no": "证书编号",
	"level": "等级", "titles.level": "层级", "education.level": "学历", "obtained": "取得日期",
	"series": "系列", "specialty": "专业", "year": "年度", "awards.year": "获得年份", "result": "考核结果",
	"from": "开始日期", "to": "结束日期", "name": "名称", "item": "子项", "direct": "直接申报的依据",
	"major": "专业", "related_codes": "相关职业",
}

// topWords names what stands outside the rows, by form id and by field path.
var topWords = map[string]string{
	"as_of": "评估日期", "name": "姓名", "employer_kind": "单位类型", "self_evaluation": "自主评价企业",
	"related": "该专业相关的职业", "major": "毕业证书专业", "id_type": "证件类型",
	"person": "申报人信息", "document": "填写内容", "person.name": "姓名", "person.id_type": "证件类型",
	"person.id_number": "证件号码", "person.employer": "工作单位", "person.employer.name": "单位名称",
	"person.employer.kind": "单位类型", "person.employer.self_evaluation": "自主评价企业",
}

// rowWords names row i (from 0) of a kind: 第1张证书.
func rowWords(kind string, i int) string {
	k, ok := rowKinds[kind]
	if !ok {
		return "填写内容"
	}
	return fmt.Sprintf("第%d%s%s", i+1, k.Unit, k.Name)
}

// fieldOf names a field of a row of a kind: 层级 for a title's level, 等级 for a skill's.
func fieldOf(kind, field string) string {
	if w, ok := fieldWords[kind+"."+field]; ok {
		return w
	}
	if w, ok := fieldWords[field]; ok {
		return w
	}
	return "内容"
}

// fieldLabel names a field of the form by its id for the summary of mistakes: skills-0-obtained
// is 第1张证书的取得日期, work (the whole kind) 工作经历, as_of 评估日期.
func fieldLabel(id string) string {
	parts := strings.SplitN(id, "-", 3)
	if len(parts) == 3 {
		n, _ := strconv.Atoi(parts[1])
		return rowWords(parts[0], n) + "的" + fieldOf(parts[0], parts[2])
	}
	if k, ok := rowKinds[id]; ok {
		return k.Name
	}
	if w, ok := topWords[id]; ok {
		return w
	}
	return "填写内容"
}

var pathParts = regexp.MustCompile(`^person\.([a-z_]+)\[(\d+)\](?:\.([a-z_]+))?`)

// pathWords says a field path of the contract in words: person.skills[0].obtained is
// 第1张证书的取得日期, person.assessments[2025] (a year the answer misses) 2025年度考核结果,
// person.id_number 证件号码. A path it does not know is 相关信息, never the path itself.
func pathWords(path string) string {
	if m := pathParts.FindStringSubmatch(path); m != nil {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "assessments" && n >= 1000 { // a year, not a row: 还需补充 the year's result
			return m[2] + "年度考核结果"
		}
		if _, ok := rowKinds[m[1]]; !ok {
			return "相关信息"
		}
		if m[3] == "" {
			return rowWords(m[1], n)
		}
		return rowWords(m[1], n) + "的" + fieldOf(m[1], m[3])
	}
	if w, ok := topWords[path]; ok {
		return w
	}
	if k, ok := rowKinds[strings.TrimPrefix(path, "person.")]; ok {
		return k.Name
	}
	return "相关信息"
}

var pathIn = regexp.MustCompile(`person(?:\.[a-z_]+|\[\d+\])+`)

// warningText says an engine warning in the page's words: a field path in it becomes the row
// and field it names (person.skills[0].occupation_code: … is 第1张证书的职业编码：…), and the
// command line's advice about --catalog becomes where the complete table is.
func warningText(w string) string {
	if m := pathIn.FindStringIndex(w); m != nil && m[0] == 0 && strings.HasPrefix(w[m[1]:], ": ") {
		w = pathWords(w[:m[1]]) + "：" + w[m[1]+2:]
	}
	w = pathIn.ReplaceAllStringFunc(w, pathWords)
	return strings.Replace(w, "可用 --catalog 载入完整的官方对应表", "以人社部门公布的完整对应表为准", 1)
}

var quoted = regexp.MustCompile(`"((?:[^"\\]|\\.)*)" ?`)

// messageText says a message of the document's decoder in the page's manner: the value it
// quotes as Go does ("2021-13-01" 不是日期) in Chinese quotation marks (「2021-13-01」不是日期),
// any field path in words.
func messageText(m string) string {
	m = quoted.ReplaceAllStringFunc(m, func(q string) string {
		s, err := strconv.Unquote(strings.TrimSpace(q))
		if err != nil {
			return q
		}
		return "「" + s + "」"
	})
	return pathIn.ReplaceAllStringFunc(m, pathWords)
}
