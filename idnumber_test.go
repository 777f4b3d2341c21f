package guantong

import (
	"strings"
	"testing"
)

// TestIDNumberProblem: issue 13.4, ID numbers that cannot be true, and lengths counted in
// characters.
func TestIDNumberProblem(t *testing.T) {
	for _, tt := range []struct {
		rule, id, want string // want: a part of the message, "" for valid
	}{
		{"GB 11643: a valid number", "130102199001011237", ""},
		{"GB 11643: the check character x in lower case", "11010519491231002x", ""},
		{"a birth date in the future (2099) cannot be true", "130102209901011239", "晚于今天"},
		{"a birth date before 1900 cannot be true", "130102189912311231", "早于 1900 年"},
		{"a wrong check character", "130102199001011238", "校验码错误"},
		{"a length is counted in characters, not bytes", "１３０１０２１９９００１０１１２３７", "应为半角数字"},
		{"a short number says its length in characters", "１３０１０２", "（6 位）"},
	} {
		got := IDNumberProblem(tt.id)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: IDNumberProblem(%q) = %q, want %q", tt.rule, tt.id, got, tt.want)
		}
	}
	if got := NormalizeIDNumber(" １３０１０２１９９００１０１１２３ｘ "); got != "13010219900101123X" {
		t.Errorf("NormalizeIDNumber: %q", got)
	}
}
