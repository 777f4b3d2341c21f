package guantong

import "testing"

func TestMask(t *testing.T) {
	for _, c := range []struct{ in, id, phone string }{
		{"130102199001011237", "130102********1237", "**************1237"},
		{"13812345678", "138123*5678", "138****5678"},
		{"123", "***", "***"},
		{"", "", ""},
	} {
		if got := MaskID(c.in); got != c.id {
			t.Errorf("MaskID(%q) = %q, want %q", c.in, got, c.id)
		}
		if got := MaskPhone(c.in); got != c.phone {
			t.Errorf("MaskPhone(%q) = %q, want %q", c.in, got, c.phone)
		}
	}
}
