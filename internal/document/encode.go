package document

import (
	"encoding/json"
	"io"

	"guantong"
)

// WriteAnswer writes an answer as indented JSON. Options and warnings are always arrays,
// never null, so callers can iterate without a check.
func WriteAnswer(w io.Writer, a guantong.Answer) error {
	if a.Options == nil {
		a.Options = []guantong.Option{}
	}
	if a.NotApplicable == nil {
		a.NotApplicable = []guantong.Note{}
	}
	if a.Warnings == nil {
		a.Warnings = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // the answer is data, not HTML: keep 《》<> and Chinese readable
	enc.SetIndent("", "  ")
	return enc.Encode(a)
}
