package document

import (
	"io"
	"os"
	"testing"

	"guantong"
)

func readExample(b *testing.B) []byte {
	doc, err := os.ReadFile("../../examples/fitter-eligible.json")
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkDecode measures decoding and validating a typical document, apart from the
// check itself.
func BenchmarkDecode(b *testing.B) {
	doc := readExample(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode measures writing a typical answer of three options.
func BenchmarkEncode(b *testing.B) {
	reasons := []guantong.Reason{
		{Clause: "三(一)2", Met: true, Text: "取得技师后从事技术技能工作满3年：2024-06-30 已满"},
		{Clause: "三(一)2", Met: true, Text: "近3年（2023—2025）年度考核均合格"},
		{Clause: "二(三)", Met: true, Text: "钳工(6-20-01-01) 对应 工程 系列"},
	}
	opt := guantong.Option{Route: "title_review", Series: "工程", Level: guantong.Level{Title: guantong.Title3},
		OccupationCode: "6-20-01-01", Eligible: true, Authority: "工程系列中级职称评审委员会（高技能人才组）", Reasons: reasons}
	a := guantong.Answer{Policy: "hebei-2021", Options: []guantong.Option{opt, opt, opt}}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteAnswer(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}
