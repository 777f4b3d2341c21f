package document

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"guantong"
)

// everyField is a person with every field of the contract's person part set, the ones no page
// shows (certificate numbers, specialties, education levels, a second diploma, target items,
// id_type, an award's occupation) included.
func everyField() guantong.Person {
	return guantong.Person{
		Name: "李四", IDType: guantong.IDPassport, IDNumber: "E12345678",
		Employer: guantong.Employer{Name: "某机车公司", Kind: guantong.KindEnterprise, SelfEvaluation: true},
		Skills: []guantong.Skill{{OccupationCode: "6-20-01-01", Occupation: "钳工", Level: guantong.Skill2,
			Obtained: guantong.MakeDate(2021, 6, 30), CertificateNo: "S000012345", Classification: "2015"}},
		Titles:      []guantong.Title{{Series: "工程", Specialty: "机械", Level: guantong.Title3, Obtained: guantong.MakeDate(2019, 12, 1)}},
		Assessments: []guantong.Assessment{{Year: 2024, Result: "合格"}, {Year: 2025, Result: "优秀"}},
		Work:        []guantong.WorkPeriod{{From: guantong.MakeDate(2010, 1, 1), To: guantong.MakeDate(2011, 1, 1)}, {From: guantong.MakeDate(2012, 7, 1)}},
		Awards:      []guantong.Award{{Name: "全国技术能手", Year: 2022, OccupationCode: "6-20-01-01"}},
		Education: []guantong.Education{{Level: "大专", Major: "机电一体化技术", RelatedCodes: []string{"6-20-01-01"}},
			{Level: "本科", Major: "机械工程"}},
		Targets: []guantong.Target{{OccupationCode: "6-20-01-01"},
			{OccupationCode: "4-13-04-01", Item: "游泳", Classification: "2015", Direct: "全国职业技能大赛一等奖"}},
	}
}

// TestEncodePersonEveryField (contract, the person part): every field Decode reads is written,
// so a person decodes back unchanged.
func TestEncodePersonEveryField(t *testing.T) {
	p := everyField()
	raw := EncodePerson(p)
	for _, want := range []string{`"certificate_no":"S000012345"`, `"specialty":"机械"`, `"level":"本科"`, `"item":"游泳"`,
		`"id_type":"护照"`, `"year":2022,"occupation_code":"6-20-01-01"`, `"to":null`, `"targets":["6-20-01-01",{`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("encoded person lacks %s:\n%s", want, raw)
		}
	}
	got, err := DecodePerson(raw)
	if err != nil {
		t.Fatalf("decoding the encoded person: %v\n%s", err, raw)
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, p)
	}
}

// FuzzRoundTrip: whatever document Decode accepts, its person written by EncodePerson decodes
// to the same person; one encoder and one decoder agree on every field. The seeds are the
// examples of the contract, so `go test` runs them as a normal test.
func FuzzRoundTrip(f *testing.F) {
	files, err := filepath.Glob("../../examples/*.json")
	if err != nil || len(files) == 0 {
		f.Fatalf("no examples to seed with: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	every, _ := json.Marshal(map[string]json.RawMessage{"person": EncodePerson(everyField())})
	f.Add(every)
	f.Add([]byte(`{"person":{"skills":[{"occupation_code":"6-20-01-01","level":"二级","obtained":"2021-06-30","occupation":" 钳工 "}],"awards":[{"name":" 全国技术能手 ","year":2022}],"targets":[{"occupation_code":"6-20-01-01"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		req, err := Decode(b)
		if err != nil {
			return
		}
		raw := EncodePerson(req.Person)
		got, err := DecodePerson(raw)
		if err != nil {
			t.Fatalf("the encoded person does not decode: %v\n%s", err, raw)
		}
		if !reflect.DeepEqual(got, req.Person) {
			t.Fatalf("round trip changed the person:\n got %+v\nwant %+v\nvia %s", got, req.Person, raw)
		}
	})
}

// TestOverlay: the named fields are written over the stored person, the others kept as they
// were, a field the stored person had and the new one leaves empty removed.
func TestOverlay(t *testing.T) {
	stored := json.RawMessage(`{"name":"李四","id_number":"x","skills":[{"occupation_code":"6-20-01-01","level":"技师","obtained":"2021-06-30"}],
		"awards":[{"name":"全国技术能手","year":2022}],"targets":["6-20-01-01"],"a_field_added_later":{"kept":true}}`)
	p := guantong.Person{Name: "不写入", IDType: guantong.IDPassport,
		Skills: []guantong.Skill{{OccupationCode: "6-20-01-01", Level: guantong.Skill1, Obtained: guantong.MakeDate(2025, 1, 1)}}}
	out, err := Overlay(stored, p, "skills", "awards", "id_type")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got["name"] != "李四" || got["id_number"] != "x" || got["id_type"] != "护照" || got["a_field_added_later"] == nil || got["targets"] == nil {
		t.Errorf("fields not named were not kept, or id_type not written: %s", out)
	}
	if _, ok := got["awards"]; ok {
		t.Errorf("awards, empty in the new person, were kept: %s", out)
	}
	if !strings.Contains(string(out), `"level":"高级技师"`) {
		t.Errorf("skills not written over: %s", out)
	}
	if _, err := Overlay(json.RawMessage(`[1]`), p, "skills"); err == nil {
		t.Errorf("a stored person that is not an object was accepted")
	}
	if out, err := Overlay(nil, p, "skills"); err != nil || !strings.Contains(string(out), "skills") {
		t.Errorf("no stored person: %s, %v", out, err)
	}
}
