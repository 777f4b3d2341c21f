package guantong

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// IDNumberProblem checks an 18-character resident ID number (GB 11643-1999): 17 digits, a
// birth date that can be true (a real date, from 1900-01-01 to today in Beijing), and the
// ISO 7064 MOD 11-2 check character. It returns "" when the number is valid, else why not,
// in Chinese. Its length is counted in characters: a full-width number (１３０１…) is 18
// long, and is refused for its digits; NormalizeIDNumber turns it into half-width first.
func IDNumberProblem(id string) string {
	if n := utf8.RuneCountInString(id); n != 18 || len(id) != 18 {
		if n == 18 {
			return "应为半角数字（身份证号码中有全角或其他字符）"
		}
		return fmt.Sprintf("不是 18 位公民身份号码（%d 位）", n)
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
	born, err := ParseDate(id[6:10] + "-" + id[10:12] + "-" + id[12:14])
	if err != nil {
		return "出生日期部分无效"
	}
	if born.Before(MakeDate(1900, time.January, 1)) {
		return fmt.Sprintf("出生日期 %s 早于 1900 年，不可能", born)
	}
	if today := Today(time.Now()); born.After(today) {
		return fmt.Sprintf("出生日期 %s 晚于今天（%s），不可能", born, today)
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

// NormalizeIDNumber is an ID number as typed, made comparable: spaces around it dropped,
// full-width digits and letters (from a Chinese input method) made half-width, and the
// check character x upper-cased.
func NormalizeIDNumber(id string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' {
			return r - '０' + '0'
		}
		return r
	}, strings.TrimSpace(id)))
}
