package document

import (
	"encoding/json"
	"fmt"
	"strconv"

	"guantong"
	"guantong/internal/catalog"
)

// The field readers below each check one JSON value and record a problem at its path.

func (d *decoder) object(path string, v any) (map[string]any, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		d.fail(path, "应为对象，实为 %s", kind(v))
	}
	return obj, ok
}

// each calls f for every element of an optional array, with the element's path.
func (d *decoder) each(path string, v any, f func(at string, v any)) {
	if v == nil {
		return
	}
	arr, ok := v.([]any)
	if !ok {
		d.fail(path, "应为数组，实为 %s", kind(v))
		return
	}
	for i, e := range arr {
		f(path+"["+strconv.Itoa(i)+"]", e)
	}
}

// str reads a required string.
func (d *decoder) str(path string, v any) (string, bool) {
	if v == nil {
		d.fail(path, "缺少此项")
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		d.fail(path, "应为字符串，实为 %s", kind(v))
	}
	return s, ok
}

// optString reads an optional string; null and absent are "".
func (d *decoder) optString(path string, v any) string {
	if v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.fail(path, "应为字符串，实为 %s", kind(v))
	}
	return s
}

func (d *decoder) date(path string, v any) guantong.Date {
	s, ok := d.str(path, v)
	if !ok {
		return guantong.Date{}
	}
	t, err := guantong.ParseDate(s)
	if err != nil {
		d.fail(path, "%q 不是日期（YYYY-MM-DD）", s)
	}
	return t
}

func (d *decoder) code(path string, v any) string {
	s, ok := d.str(path, v)
	if ok && !catalog.ValidCode(s) {
		d.fail(path, "%q 不是职业编码（d-dd-dd-dd，如 6-20-01-01）", s)
	}
	return s
}

func (d *decoder) year(path string, v any) int {
	if v == nil {
		d.fail(path, "缺少此项")
		return 0
	}
	n, ok := v.(json.Number)
	if !ok {
		d.fail(path, "应为整数年份，实为 %s", kind(v))
		return 0
	}
	y, err := strconv.Atoi(n.String())
	if err != nil || y < 1949 || y > 2100 {
		d.fail(path, "%s 不是合理的年份（1949—2100）", n)
		return 0
	}
	return y
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "布尔值"
	case json.Number:
		return "数字"
	case string:
		return "字符串"
	case []any:
		return "数组"
	case map[string]any:
		return "对象"
	}
	return fmt.Sprintf("%T", v)
}

func oneOf(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
