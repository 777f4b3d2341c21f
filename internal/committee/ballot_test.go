package committee

import (
	"reflect"
	"testing"

	"guantong"
)

func TestQuorum(t *testing.T) {
	for _, c := range []struct {
		name             string
		members, present int
		f                Fraction
		want             bool
	}{
		{"quorum missing 9 of 15", 15, 9, TwoThirds, false},
		{"quorum exactly two thirds 10 of 15", 15, 10, TwoThirds, true},
		{"quorum all 15 of 15", 15, 15, TwoThirds, true},
		{"quorum 6 of 9 is two thirds", 9, 6, TwoThirds, true},
		{"quorum 5 of 9 is not", 9, 5, TwoThirds, false},
		{"quorum 17 of 25 (16.67 rounds up)", 25, 17, TwoThirds, true},
		{"quorum 16 of 25", 25, 16, TwoThirds, false},
		{"quorum more present than members is an error", 15, 16, TwoThirds, false},
		{"quorum of no committee", 0, 0, TwoThirds, false},
		{"quorum of a half 5 of 10", 10, 5, Fraction{1, 2}, true},
	} {
		if got := Quorum(c.members, c.present, c.f); got != c.want {
			t.Errorf("%s: Quorum(%d, %d, %s) = %v", c.name, c.members, c.present, c.f, got)
		}
	}
}

func TestTally(t *testing.T) {
	for _, c := range []struct {
		name                   string
		yes, no, abstain, base int
		f                      Fraction
		passed                 bool
		needed, missing        int
	}{
		{"exactly two thirds passes 10 of 15", 10, 5, 0, 15, TwoThirds, true, 10, 0},
		{"one short of two thirds fails 9 of 15", 9, 6, 0, 15, TwoThirds, false, 10, 0},
		{"tie below two thirds 7-7", 7, 7, 0, 14, TwoThirds, false, 10, 0},
		{"abstentions count as not yes 9-0-6 of 15", 9, 0, 6, 15, TwoThirds, false, 10, 0},
		{"abstentions do not stop a pass 10-0-5 of 15", 10, 0, 5, 15, TwoThirds, true, 10, 0},
		{"missing votes count as not yes 9 of 15 with 4 not voted", 9, 2, 0, 15, TwoThirds, false, 10, 4},
		{"exactly two thirds of 12 is 8", 8, 4, 0, 12, TwoThirds, true, 8, 0},
		{"two thirds of 14 needs 10 (9.33 up)", 10, 4, 0, 14, TwoThirds, true, 10, 0},
		{"unanimous", 3, 0, 0, 3, TwoThirds, true, 2, 0},
		{"no voters: nothing passes", 0, 0, 0, 0, TwoThirds, false, 0, 0},
		{"more votes than voters: nothing passes", 10, 6, 0, 15, TwoThirds, false, 10, 0},
		{"a half passes 5 of 10", 5, 5, 0, 10, Fraction{1, 2}, true, 5, 0},
	} {
		r := Tally(c.yes, c.no, c.abstain, c.base, c.f)
		if r.Passed != c.passed || r.Needed != c.needed || r.Missing != c.missing {
			t.Errorf("%s: Tally(%d, %d, %d, %d, %s) = passed %v needed %d missing %d, want %v %d %d",
				c.name, c.yes, c.no, c.abstain, c.base, c.f, r.Passed, r.Needed, r.Missing, c.passed, c.needed, c.missing)
		}
	}
}

func TestFraction(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Fraction
		ok   bool
	}{
		{"2/3", Fraction{2, 3}, true},
		{" 3 / 4 ", Fraction{3, 4}, true},
		{"1", Fraction{1, 1}, true},
		{"3/2", Fraction{}, false},
		{"0/3", Fraction{}, false},
		{"2/0", Fraction{}, false},
		{"-1/3", Fraction{}, false},
		{"0.667", Fraction{}, false},
		{"", Fraction{}, false},
	} {
		got, err := ParseFraction(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseFraction(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestBallotBoxDoubleVote(t *testing.T) {
	var b BallotBox
	if err := b.Cast(1, 7, Yes); err != nil {
		t.Fatal(err)
	}
	err := b.Cast(1, 7, No)
	if guantong.ErrorCode(err) != guantong.EConflict {
		t.Fatalf("double vote refused: got %v", err)
	}
	if got := b.Counts(1); got.Yes != 1 || got.No != 0 {
		t.Errorf("a refused vote changed the counts: %+v", got)
	}
	if err := b.Cast(2, 7, No); err != nil {
		t.Errorf("the same expert on another applicant: %v", err)
	}
	b.Close(1)
	if err := b.Cast(1, 8, Yes); guantong.ErrorCode(err) != guantong.EConflict {
		t.Errorf("vote on a closed tally: %v", err)
	}
	if err := b.Cast(3, 8, Choice(9)); guantong.ErrorCode(err) != guantong.EInvalid {
		t.Errorf("bad choice: %v", err)
	}
}

// TestBallotSecrecy reads the tables and proves that they cannot link a ballot to its
// expert: for five experts voting on one applicant, every assignment of choices to experts
// and every order of voting that yields the same counts leaves byte-for-byte the same tables.
// What the tables hold is then a function of the counts alone, which the result publishes
// anyway, so they tell no one more than the result does.
func TestBallotSecrecy(t *testing.T) {
	experts := []int64{11, 12, 13, 14, 15}
	orders := [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}}
	type counts struct{ yes, no, abstain int }
	type tables struct {
		cast    []CastRow
		tallies []TallyRow
	}
	seen := map[counts]tables{}
	runs := 0
	choices := make([]Choice, len(experts))
	var each func(i int)
	each = func(i int) {
		if i < len(experts) {
			for _, c := range []Choice{Yes, No, Abstain} {
				choices[i] = c
				each(i + 1)
			}
			return
		}
		for _, order := range orders {
			var b BallotBox
			var k counts
			for _, j := range order {
				if err := b.Cast(42, experts[j], choices[j]); err != nil {
					t.Fatal(err)
				}
				switch choices[j] {
				case Yes:
					k.yes++
				case No:
					k.no++
				default:
					k.abstain++
				}
			}
			b.Close(42)
			cast, tallies := b.Tables()
			got := tables{cast, tallies}
			runs++
			if want, ok := seen[k]; ok && !reflect.DeepEqual(got, want) {
				t.Fatalf("choices %v in order %v leave tables %+v, other votes with the same counts %+v", choices, order, got, want)
			}
			seen[k] = got
			for _, c := range cast {
				if c.Applicant != 42 {
					t.Fatalf("cast row %+v", c)
				}
			}
		}
	}
	each(0)
	if runs != 243*len(orders) || len(seen) != 21 {
		t.Errorf("ran %d votes with %d distinct counts, want %d and 21", runs, len(seen), 243*len(orders))
	}
	// The rows themselves have no place for a choice next to an expert.
	for _, typ := range []reflect.Type{reflect.TypeFor[CastRow](), reflect.TypeFor[TallyRow]()} {
		var names []string
		for f := range typ.Fields() {
			names = append(names, f.Name)
		}
		t.Logf("%s: %v", typ.Name(), names)
	}
	if _, ok := reflect.TypeFor[TallyRow]().FieldByName("Expert"); ok {
		t.Error("a tally row names an expert")
	}
	if reflect.TypeFor[CastRow]().NumField() != 2 {
		t.Error("a cast row holds more than applicant and expert")
	}
}
