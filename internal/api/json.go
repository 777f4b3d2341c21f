package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"guantong"
)

// maxBody is the largest JSON body accepted.
const maxBody = 1 << 20

// writeJSON writes v as JSON; HTML characters are left as they are (the API serves data,
// never pages).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"服务器内部错误"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// decode reads a JSON body into v, refusing unknown fields and text that cannot be stored
// (textErrors); every problem is a FieldError naming the field.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err == nil {
		if es := textErrors(body); len(es) > 0 {
			return es
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err = dec.Decode(v); err == nil {
			if _, err := dec.Token(); err != io.EOF {
				return guantong.FieldErrors{{Field: "body", Message: "JSON 之后还有多余内容"}}
			}
			return nil
		}
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return guantong.FieldErrors{{Field: "body", Message: "请求体为空，须为 JSON 对象"}}
	case errors.As(err, &big):
		return guantong.FieldErrors{{Field: "body", Message: fmt.Sprintf("请求体超过 %d 字节", maxBody)}}
	case errors.As(err, &syn):
		return guantong.FieldErrors{{Field: "body", Message: fmt.Sprintf("不是有效的 JSON（第 %d 字节）", syn.Offset)}}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return guantong.FieldErrors{{Field: field, Message: "类型不对：应为" + jsonType(typ.Type.Kind().String()) + "，收到 " + typ.Value}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return guantong.FieldErrors{{Field: name, Message: "没有这个字段"}}
	}
	var e *guantong.Error
	if errors.As(err, &e) { // a level or date that does not parse
		return guantong.FieldErrors{{Field: "body", Message: e.Message}}
	}
	return guantong.FieldErrors{{Field: "body", Message: "不是有效的 JSON：" + err.Error()}}
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "bool":
		return "true 或 false"
	case "struct", "map":
		return "对象"
	case "slice", "array":
		return "数组"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "整数"
	}
	return "数字"
}

// pathID reads a numeric path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, guantong.Errorf(guantong.ENotFound, "%s %q 不存在", name, r.PathValue(name))
	}
	return id, nil
}
