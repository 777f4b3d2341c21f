package plan

import (
	"strings"
	"testing"
)

func TestClauses(t *testing.T) {
	cs := Clauses()
	// 5 sections; 一: 2 sub-sections + 5 items; 二: 3; 三: 2 sub-sections + 6 + 6 items; 四: 3.
	if len(cs) != 32 {
		for _, c := range cs {
			t.Logf("%s %q %.30q", c.ID, c.Heading, c.Text)
		}
		t.Fatalf("got %d clauses, want 32", len(cs))
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if seen[c.ID] {
			t.Errorf("clause %s appears twice", c.ID)
		}
		seen[c.ID] = true
		if c.Heading == "" && c.Text == "" {
			t.Errorf("clause %s has neither heading nor text", c.ID)
		}
		if strings.ContainsAny(c.Text, ",;()\n") {
			t.Errorf("clause %s text has ASCII punctuation or a line break: %q", c.ID, c.Text)
		}
		if p := c.Parent(); p != "" && !seen[p] {
			t.Errorf("clause %s (#%d): parent %s not before it", c.ID, i, p)
		}
	}
	want := []string{"一", "一(一)", "一(二)", "一(二)1", "一(二)5", "二", "二(三)", "三", "三(一)", "三(一)2",
		"三(一)4", "三(一)6", "三(二)", "三(二)6", "四", "四(二)", "四(三)", "五"}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("clause %s missing", id)
		}
	}
	if cs[0].ID != "一" || cs[len(cs)-1].ID != "五" {
		t.Errorf("first %s, last %s; want 一 and 五", cs[0].ID, cs[len(cs)-1].ID)
	}
}

func TestLookup(t *testing.T) {
	for _, tt := range []struct {
		id, heading string
		contains    []string
	}{
		{"三(一)2", "", []string{"近3年年度考核合格", "取得技师职业资格或职业技能等级后从事技术技能工作满3年"}},
		// The PDF broke 三(二)6 after 公安消防部; the text must read on.
		{"三(二)6", "", []string{"焊工由人力资源社会保障或环境保护部门", "公安消防部门负责实施", "颁发职业资格证书。"}},
		{"三(二)2", "", []string{"相对应职业（工种）的高级工、技师、高级技师"}},
		{"五", "组织保障", []string{"突出工作业绩"}},
		{"三(一)", "高技能人才参加职称评审", nil},
		{"三(二)", "专业技术人员参加职业技能评价", nil},
		{"一(一)", "指导思想", []string{"以习近平新时代中国特色社会主义思想为指导"}},
		{"一(二)1", "坚持尊重规律", []string{"适应人才融合发展趋势"}},
		{"二(三)", "", []string{"严格按照工种与专业对应关系申报相应系列职称"}},
		{"三(一)4", "", []string{"绿色通道", "中华技能大奖", "世界技能大赛铜牌"}},
	} {
		c, ok := Lookup(tt.id)
		if !ok {
			t.Errorf("Lookup(%q): not found", tt.id)
			continue
		}
		if c.Heading != tt.heading {
			t.Errorf("%s heading = %q, want %q", tt.id, c.Heading, tt.heading)
		}
		for _, s := range tt.contains {
			if !strings.Contains(c.Text, s) {
				t.Errorf("%s text lacks %q: %q", tt.id, s, c.Text)
			}
		}
	}
	for _, id := range []string{"", "三(一)7", "六", "附件", "三（一）2"} {
		if _, ok := Lookup(id); ok {
			t.Errorf("Lookup(%q) found a clause", id)
		}
	}
}

func TestNoAttachment(t *testing.T) {
	for _, c := range Clauses() {
		if strings.Contains(c.Text, "6-20-01-01") || strings.Contains(c.Text, "附件") {
			t.Errorf("clause %s holds the attachment: %.60q", c.ID, c.Text)
		}
	}
}

func TestTitleAndPreamble(t *testing.T) {
	if got, want := Title(), "关于进一步加强高技能人才与专业技术人才职业发展贯通的实施方案"; got != want {
		t.Errorf("Title() = %q, want %q", got, want)
	}
	if p := Preamble(); !strings.HasPrefix(p, "为进一步打通") || !strings.Contains(p, "人社部发〔2020〕96号") {
		t.Errorf("Preamble() = %q", p)
	}
}

func TestDepthAndParent(t *testing.T) {
	for _, tt := range []struct {
		id     string
		depth  int
		parent string
	}{
		{"三", 0, ""}, {"三(一)", 1, "三"}, {"三(一)2", 2, "三(一)"}, {"五", 0, ""}, {"四(二)", 1, "四"},
	} {
		c := Clause{ID: tt.id}
		if c.Depth() != tt.depth || c.Parent() != tt.parent {
			t.Errorf("%s: depth %d parent %q, want %d %q", tt.id, c.Depth(), c.Parent(), tt.depth, tt.parent)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, text := range []string{
		"标题\n\n(一)没有章\n",
		"标题\n\n一、章\n\n1. 没有节\n",
		"标题\n\n一、章\n\n一、又一章\n",
		"标题\n\n正文\n",
	} {
		if _, err := parse(text); err == nil {
			t.Errorf("parse(%q): no error", text)
		}
	}
}
