package guantong

import "testing"

// TestTextProblem: issue 13.2, the text a field may hold.
func TestTextProblem(t *testing.T) {
	for _, tt := range []struct {
		rule   string
		in     string
		secret bool
		bad    bool
	}{
		{"Chinese text is text", "河北冀钢集团有限公司", false, false},
		{"tabs and new lines are text", "第一行\n第二行\t", false, false},
		{"NUL is refused (PostgreSQL cannot store it)", "张\x00三", false, true},
		{"NUL is refused in a password too", "pass\x00word", true, true},
		{"bytes that are not UTF-8 are refused", "\xff\xfe名", false, true},
		{"a truncated UTF-8 sequence is refused", "张\xe4\xb8", false, true},
		{"U+202E RIGHT-TO-LEFT OVERRIDE is refused in a name", "\u202egnp.exe", false, true},
		{"U+2066 LEFT-TO-RIGHT ISOLATE is refused", "a\u2066b", false, true},
		{"U+200F RIGHT-TO-LEFT MARK is refused", "a\u200fb", false, true},
		{"U+200D ZERO WIDTH JOINER is not a direction control", "a\u200db", false, false},
		{"a password may hold a direction control", "pass\u202eword", true, false},
	} {
		if got := TextProblem(tt.in, tt.secret); (got != "") != tt.bad {
			t.Errorf("%s: TextProblem(%q) = %q", tt.rule, tt.in, got)
		}
	}
	if got := CleanText("\u202egnp\x00.exe\xff"); got != "gnp.exe" {
		t.Errorf("CleanText: %q", got)
	}
}
