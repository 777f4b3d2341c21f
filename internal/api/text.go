package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"guantong"
)

// textErrors checks every string of a JSON body (keys' values, at any depth) with
// guantong.TextProblem and names each bad one by its path ("person.name",
// "certificates[0].name"). It reads the raw bytes of each string as well as its value,
// because encoding/json turns bytes that are not UTF-8 into U+FFFD without a word. A body
// that is not JSON is left to decode to report.
func textErrors(body []byte) guantong.FieldErrors {
	type frame struct {
		array bool
		index int
		key   string
		isKey bool // an object's next string is a key
	}
	var (
		stack []frame
		es    guantong.FieldErrors
		prev  int64
	)
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			if f.array {
				b.WriteString("[" + strconv.Itoa(f.index) + "]")
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
		if b.Len() == 0 {
			return "body"
		}
		return b.String()
	}
	next := func() { // a value has ended: the next is a key, or the next item
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].isKey = true
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return es
		}
		raw := body[prev:dec.InputOffset()]
		prev = dec.InputOffset()
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, frame{isKey: true})
			case '[':
				stack = append(stack, frame{array: true})
			default:
				stack = stack[:len(stack)-1]
				next()
			}
		case string:
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].isKey {
				stack[n-1].key, stack[n-1].isKey = v, false
				continue
			}
			if !utf8.Valid(raw) {
				v = string(raw) // the bytes as sent, so that TextProblem sees what is wrong
			}
			name := path()
			if msg := guantong.TextProblem(v, strings.HasSuffix(name, "password")); msg != "" {
				es.Add(name, "%s", msg)
			}
			next()
		default:
			next()
		}
	}
}
