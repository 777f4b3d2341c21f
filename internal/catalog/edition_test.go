package catalog

import "testing"

func TestResolve(t *testing.T) {
	c := Default()
	tests := []struct {
		name                    string
		code, occupation, class string
		want                    Resolved
	}{
		{"contract: a 2015 code in the table", "4-13-04-03", "", "",
			Resolved{Code: "4-13-04-03", Name: "游泳救生员", Edition: "2015", InTable: true, Known: true}},
		{"contract: 4-13-04-03 named 家庭教育指导师 is read in 2022, and the table lacks it", "4-13-04-03", "家庭教育指导师", "",
			Resolved{Code: "4-13-04-03", Name: "家庭教育指导师", Edition: "2022", Known: true}},
		{"contract: a 2022 code said so is translated through the crosswalk", "4-14-05-03", "", "2022",
			Resolved{Code: "4-13-04-03", Name: "游泳救生员", Edition: "2022", InTable: true, Translated: true, Known: true}},
		{"contract: the 2022 name decides the edition when none is given", "4-14-05-03", "游泳救生员", "",
			Resolved{Code: "4-13-04-03", Name: "游泳救生员", Edition: "2022", InTable: true, Translated: true, Known: true}},
		{"contract: without a name a code not in the table is read in 2015", "4-14-05-03", "", "",
			Resolved{Code: "4-14-05-03", Edition: "2015", Known: true}},
		{"crosswalk: renamed, same code (钳工 is 装配钳工 in 2022)", "6-20-01-01", "", "2022",
			Resolved{Code: "6-20-01-01", Name: "钳工", Edition: "2022", InTable: true, Known: true}},
		{"crosswalk: moved (增材制造设备操作员)", "6-18-01-13", "", "2022",
			Resolved{Code: "6-20-99-00", Name: "增材制造设备操作员", Edition: "2022", InTable: true, Translated: true, Known: true}},
		{"a 2022 code of an occupation the table lacks (its lost pages)", "6-18-02-04", "焊工", "2022",
			Resolved{Code: "6-18-02-04", Name: "焊工", Edition: "2022", Known: true}},
		{"contract: a code in neither edition at hand", "6-99-99-98", "", "",
			Resolved{Code: "6-99-99-98", Edition: "2015"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Resolve(tt.code, tt.occupation, tt.class); got != tt.want {
				t.Errorf("Resolve(%s, %q, %q) = %+v, want %+v", tt.code, tt.occupation, tt.class, got, tt.want)
			}
		})
	}
}

func TestBeyond(t *testing.T) {
	c := Default()
	for _, tt := range []struct{ query, code string }{
		{"焊工", "6-18-02-04"}, {"车工", "6-18-01-01"}, {"6-31-01-03", "6-31-01-03"},
	} {
		got := c.Beyond(tt.query)
		if len(got) != 1 || got[0].Code != tt.code {
			t.Errorf("Beyond(%q) = %v, want %s", tt.query, got, tt.code)
		}
	}
	for _, q := range []string{"钳工", "装配钳工", "游泳救生员", "4-14-05-03", ""} {
		if got := c.Beyond(q); len(got) != 0 {
			t.Errorf("Beyond(%q) = %v: the table has it", q, got)
		}
	}
	if len(edition2022().list) != 1639 {
		t.Errorf("2022 edition: %d occupations, want 1639", len(edition2022().list))
	}
}
