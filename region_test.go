package guantong

import "testing"

func TestNormalizeRegion(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"a listed city stays", "石家庄市", "石家庄市", true},
		{"a city without 市 gains it (issue 10: 石家庄 broke routing)", "石家庄", "石家庄市", true},
		{"the province's name is dropped", "河北省保定市", "保定市", true},
		{"a directly administered city", "定州", "定州市", true},
		{"雄安 is the new area", "雄安", "雄安新区", true},
		{"a provincial department is 省直", "省人力资源和社会保障厅", "省直", true},
		{"spaces are trimmed", " 唐山市 ", "唐山市", true},
		{"a place outside the list is not guessed", "北京市", "", false},
		{"empty names nothing", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := NormalizeRegion(c.in)
			if got != c.want || ok != c.ok {
				t.Errorf("NormalizeRegion(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
	if len(Regions) != 15 {
		t.Errorf("Regions has %d districts, want 15 (11 cities, 定州, 辛集, 雄安新区, 省直)", len(Regions))
	}
}
