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

// IDProblem checks an identity document number by its type (contract version 2): the
// resident ID and the three residence permits are 18 characters with the GB 11643 check
// character; a passport or another document is 5 to 20 letters and digits. idType "" is
// 居民身份证. It returns "" when the number is valid, else why not, in Chinese.
func IDProblem(idType, id string) string {
	switch idType {
	case "", IDResident, IDHongKongMacao, IDTaiwan, IDForeignPermanent:
		return IDNumberProblem(id)
	case IDPassport, IDOther:
		if n := len(id); n < 5 || n > 20 {
			return fmt.Sprintf("应为 5 至 20 位字母或数字（%d 位）", n)
		}
		for _, c := range id {
			if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
				return "只能包含字母和数字"
			}
		}
		return ""
	}
	return "证件类型未知"
}
