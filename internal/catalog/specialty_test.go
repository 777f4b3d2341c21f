package catalog

import (
	"slices"
	"testing"
)

// TestSpecialties: the list per series (issue 12 item 2) holds the specialties by which the
// qualification names are looked up, and nothing for a series it does not know.
func TestSpecialties(t *testing.T) {
	for _, tc := range []struct{ series, want string }{
		{"工程", "机械工程"}, {"农业", "畜牧"}, {"体育", "教练员"}, {"技工院校教师", "实习指导教师"}, {"艺术", "舞台技术"},
	} {
		if !slices.Contains(Specialties(tc.series), tc.want) {
			t.Errorf("Specialties(%s) = %v, lacks %s", tc.series, Specialties(tc.series), tc.want)
		}
	}
	if got := Specialties("无此系列"); got != nil {
		t.Errorf("an unknown series has specialties %v", got)
	}
}
