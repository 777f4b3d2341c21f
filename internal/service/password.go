package service

import (
	"strings"
	"unicode"

	"guantong"
)

// PasswordRule is the one rule for a password someone chooses, on the pages, through the API
// and on the command line, said as the pages' hints and the command's prompt say it.
const PasswordRule = "密码须至少 10 个字符，含字母、数字、符号中的至少两种，且不能与用户名相同"

// CheckPassword checks a password someone chooses for the account username (creating it,
// changing it, or resetting it from the command line): at least 10 characters, of at least
// two kinds among letters (Chinese ones too), digits and symbols (anything else), and not
// the username itself, in any case; and at most 72 bytes, all that bcrypt reads. A long
// passphrase such as "河北-职称-申报" passes as well as "Hebei2026x". The passwords guantong
// makes itself (one-time passwords, the demo's) are not chosen and not checked here.
//
// The rule does not refuse a password that merely contains the username: the demo's own
// (admin-demo-2026) do, as do the ones its users and tests were shown; ten characters of two
// kinds already keep "chief" plus a year out.
func CheckPassword(username, password string) error {
	var letter, digit, symbol bool
	for _, r := range password {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			symbol = true
		}
	}
	kinds := 0
	for _, k := range []bool{letter, digit, symbol} {
		if k {
			kinds++
		}
	}
	weak := len([]rune(password)) < 10 || kinds < 2 || strings.EqualFold(password, username)
	switch {
	case weak:
		return guantong.FieldErrors{{Field: "password", Message: PasswordRule}}
	case len(password) > 72:
		return guantong.FieldErrors{{Field: "password", Message: "密码不能超过 72 字节"}}
	}
	return nil
}

// chosenPassword checks a password someone chose for username (CheckPassword) and hashes it.
// What is wrong with it is added to es, with an empty hash; err is for a failing hash.
func (s *Service) chosenPassword(username, password string, es *guantong.FieldErrors) (string, error) {
	if err := CheckPassword(username, password); err != nil {
		*es = append(*es, err.(guantong.FieldErrors)...)
		return "", nil
	}
	hash, err := s.hashPassword(password)
	if fe, ok := err.(guantong.FieldErrors); ok {
		*es = append(*es, fe...)
		return "", nil
	}
	return hash, err
}
