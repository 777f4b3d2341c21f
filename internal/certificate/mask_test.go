package certificate

import (
	"testing"

	"guantong"
)

func TestMaskName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"张三丰", "张*丰"},
		{"张三", "张*"},
		{"欧阳娜娜", "欧**娜"},
		{"阿依古丽·买买提", "阿***·**提"},
		{"王", "*"},
		{" 李四 ", "李*"},
		{"", ""},
	} {
		if got := MaskName(c.in); got != c.want {
			t.Errorf("MaskName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// ID numbers and phones: the root package's helpers, as issue 3 wrote them.
	if got := guantong.MaskID("130102199001011237"); got != "130102********1237" {
		t.Errorf("MaskID = %q", got)
	}
	if got := guantong.MaskPhone("13812345678"); got != "138****5678" {
		t.Errorf("MaskPhone = %q", got)
	}
}

func TestPublic(t *testing.T) {
	st := guantong.CertificateStatus{Number: "n", Name: "张三丰", IDNumber: "130102199001011237", Series: "工程", Status: StatusRevoked}
	p := Public(st)
	if p.Name != "张*丰" || p.IDNumber != "130102********1237" || p.Series != "工程" || p.Status != StatusRevoked {
		t.Errorf("Public = %+v", p)
	}
	if pp := Public(p); pp != p {
		t.Errorf("masking twice changed %+v to %+v", p, pp)
	}
	if StatusName(StatusRevoked) != "已撤销" || StatusName(StatusValid) != "有效" {
		t.Error("status names")
	}
}
