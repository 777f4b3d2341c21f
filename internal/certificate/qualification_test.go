package certificate

import (
	"testing"

	"guantong"
	"guantong/data"
)

func TestQualificationName(t *testing.T) {
	if _, err := loadQualifications(data.QualificationNames); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, series, specialty string
		level                   guantong.TitleLevel
		want                    string
		certain, ok             bool
	}{
		{"工程 中级 is 工程师, any specialty", "工程", "机械工程", guantong.Title3, "工程师", true, true},
		{"工程 正高级", "工程", "", guantong.Title1, "正高级工程师", true, true},
		{"农业 by specialty: 畜牧 副高级", "农业", "畜牧", guantong.Title2, "高级畜牧师", true, true},
		{"农业 without a specialty has no name", "农业", "", guantong.Title3, "", false, false},
		{"文物博物 has no 员级", "文物博物", "", guantong.Title5, "", true, false},
		{"艺术 演员 is a reading to confirm", "艺术", "演员", guantong.Title3, "三级演员", false, true},
		{"an unknown series", "航天", "", guantong.Title3, "", false, false},
	} {
		q, ok := QualificationName(c.series, c.specialty, c.level)
		if ok != c.ok || q.Name != c.want || (ok && q.Certain != c.certain) {
			t.Errorf("%s: %+v %v", c.name, q, ok)
		}
	}
	for _, bad := range []string{"series,specialty\n", "series,specialty,员级,助理级,中级,副高级,正高级,certain\n工程,,a,b,c,d,e,maybe\n",
		"series,specialty,员级,助理级,中级,副高级,正高级,certain\n工程,,a,b,c,d,e,yes\n工程,,a,b,c,d,e,yes\n"} {
		if _, err := loadQualifications([]byte(bad)); err == nil {
			t.Errorf("loaded %q", bad)
		}
	}
}
