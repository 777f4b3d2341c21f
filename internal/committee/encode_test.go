package committee

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"guantong"
)

// Every built-in rules file, and the default filled in for a committee without its own,
// round-trips through MarshalJSON and LoadRules: a meeting's stored rules are the rules it
// used.
func TestRulesRoundTrip(t *testing.T) {
	all := append([]*Rules{}, Builtin()...)
	all = append(all, For("农业", guantong.Title2))
	for _, r := range all {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		back, err := LoadRules(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v\n%s", r.ID, err, b)
		}
		if !reflect.DeepEqual(back, r) {
			t.Errorf("%s: round trip\n%+v\nwant\n%+v", r.ID, back, r)
		}
	}
}
