package guantong

import "fmt"

// IDNumberProblem checks an 18-character resident ID number (GB 11643-1999): 17 digits, a
// real birth date, and the ISO 7064 MOD 11-2 check character. It returns "" when the number
// is valid, else why not, in Chinese.
func IDNumberProblem(id string) string {
	if len(id) != 18 {
		return fmt.Sprintf("不是 18 位公民身份号码（%d 位）", len(id))
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return "前 17 位应为数字"
		}
		sum += int(c-'0') * weights[i]
	}
	if _, err := ParseDate(id[6:10] + "-" + id[10:12] + "-" + id[12:14]); err != nil {
		return "出生日期部分无效"
	}
	want := "10X98765432"[sum%11]
	got := id[17]
	if got == 'x' {
		got = 'X'
	}
	if got != want {
		return "校验码错误"
	}
	return ""
}
