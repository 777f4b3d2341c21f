package workbook_test

import (
	"slices"
	"strings"
	"testing"

	"guantong/internal/workbook"
)

// PersonFields names the kinds of fact a sheet has columns for, so that the staff import
// leaves the others as registered (docs/staff.md).
func TestPersonFields(t *testing.T) {
	for _, c := range []struct {
		name, headers string
		want          []string
	}{
		{"names and phones only", "姓名,证件号码,手机号码", nil},
		{"one certificate column is the certificates", "姓名,证书2等级", []string{"skills"}},
		{"the whole template", strings.Join(workbook.StaffHeaders(), ","),
			[]string{"skills", "titles", "assessments", "work", "awards", "education", "targets"}},
		{"lists in any order", "工作经历,姓名,年度考核,职称1系列", []string{"titles", "assessments", "work"}},
	} {
		r, err := workbook.NewReader(strings.NewReader(c.headers+"\n"), workbook.CSV)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := r.PersonFields(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		r.Close()
	}
}
