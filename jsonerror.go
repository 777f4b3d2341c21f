package guantong

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// WholeFile is the field a decoding error names when it is about no one key.
const WholeFile = "(文件)"

// DecodeError turns an encoding/json error met while reading a data file (a policy file, the
// holiday table, a committee's rules) into a FieldError that names the key and says in
// Chinese what is wrong, so that every loader reports alike.
func DecodeError(err error) FieldError {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	const unknown = "json: unknown field "
	msg := err.Error()
	switch {
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = WholeFile
		}
		return FieldError{Field: field, Message: fmt.Sprintf("类型不对：应为 %s，实为 JSON %s", te.Type, te.Value)}
	case errors.As(err, &se):
		return FieldError{Field: WholeFile, Message: fmt.Sprintf("不是有效的 JSON（第 %d 字节）：%v", se.Offset, err)}
	case strings.HasPrefix(msg, unknown):
		return FieldError{Field: strings.Trim(strings.TrimPrefix(msg, unknown), `"`), Message: "未知字段"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return FieldError{Field: WholeFile, Message: "不是完整的 JSON：文件在中途结束"}
	case errors.Is(err, io.EOF):
		return FieldError{Field: WholeFile, Message: "文件为空"}
	}
	return FieldError{Field: WholeFile, Message: msg}
}
