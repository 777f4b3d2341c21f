package committee

import (
	"encoding/json"
	"fmt"
	"sort"

	"guantong"
)

// Choice is a vote on one applicant.
type Choice int8

const (
	Yes     Choice = iota + 1 // 同意
	No                        // 不同意
	Abstain                   // 弃权: counts as not yes
)

var choiceNames = [...]string{"", "同意", "不同意", "弃权"}
var choiceCodes = [...]string{"", "yes", "no", "abstain"}

// ParseChoice reads yes, no or abstain, or their Chinese names.
func ParseChoice(s string) (Choice, bool) {
	for i := 1; i < len(choiceNames); i++ {
		if s == choiceCodes[i] || s == choiceNames[i] {
			return Choice(i), true
		}
	}
	return 0, false
}

// Valid reports whether c is one of the three choices.
func (c Choice) Valid() bool { return c >= Yes && c <= Abstain }

// String returns yes, no or abstain.
func (c Choice) String() string {
	if !c.Valid() {
		return ""
	}
	return choiceCodes[c]
}

// Name returns the Chinese name of the choice.
func (c Choice) Name() string {
	if !c.Valid() {
		return ""
	}
	return choiceNames[c]
}

// BallotBox is the secret ballot of one meeting, held exactly as the store holds it: who has
// voted on which applicant (CastRow, for the double-vote check and the audit), and per
// applicant only the running counts (TallyRow). No ballot row exists, so nothing stored can
// be linked back to an expert: two votes whose choices are swapped between experts leave the
// box in the same state. docs/committee.md gives the SQL and the reasons.
//
// The zero BallotBox is empty and ready to use.
type BallotBox struct {
	cast    map[CastRow]bool
	tallies map[int64]*TallyRow
}

// CastRow is a row of votes_cast: this expert has voted on this applicant. It has no choice.
type CastRow struct {
	Applicant int64
	Expert    int64
}

// TallyRow is a row of ballot_tallies: the counts for one applicant, updated in place. It
// has no expert, no time and no sequence.
type TallyRow struct {
	Applicant        int64
	Yes, No, Abstain int
	Closed           bool
}

// Cast records expert's vote on applicant. A second vote by the same expert on the same
// applicant is refused (EConflict) and changes nothing; so is a vote on a closed tally.
func (b *BallotBox) Cast(applicant, expert int64, c Choice) error {
	if !c.Valid() {
		return guantong.Errorf(guantong.EInvalid, "表决须为同意、不同意或弃权")
	}
	key := CastRow{applicant, expert}
	if b.cast[key] {
		return guantong.Errorf(guantong.EConflict, "已对该申报人投过票，不能再投")
	}
	t := b.tally(applicant)
	if t.Closed {
		return guantong.Errorf(guantong.EConflict, "该申报人的表决已结束")
	}
	if b.cast == nil {
		b.cast = map[CastRow]bool{}
	}
	// One transaction in the store: both writes or neither.
	b.cast[key] = true
	switch c {
	case Yes:
		t.Yes++
	case No:
		t.No++
	case Abstain:
		t.Abstain++
	}
	return nil
}

func (b *BallotBox) tally(applicant int64) *TallyRow {
	if b.tallies == nil {
		b.tallies = map[int64]*TallyRow{}
	}
	t, ok := b.tallies[applicant]
	if !ok {
		t = &TallyRow{Applicant: applicant}
		b.tallies[applicant] = t
	}
	return t
}

// Close closes the tally of applicant: no more votes. In PostgreSQL the close rewrites the
// row, so that its xmin no longer names the last voter's transaction.
func (b *BallotBox) Close(applicant int64) { b.tally(applicant).Closed = true }

// Voted reports whether expert has voted on applicant.
func (b *BallotBox) Voted(applicant, expert int64) bool { return b.cast[CastRow{applicant, expert}] }

// CastCount returns how many experts have voted on applicant.
func (b *BallotBox) CastCount(applicant int64) int {
	n := 0
	for k := range b.cast {
		if k.Applicant == applicant {
			n++
		}
	}
	return n
}

// Counts returns the counts of applicant. Show them only once the tally is closed: a running
// count shown after each vote tells who voted how.
func (b *BallotBox) Counts(applicant int64) TallyRow {
	if t, ok := b.tallies[applicant]; ok {
		return *t
	}
	return TallyRow{Applicant: applicant}
}

// Tables returns the box as the two tables hold it, each in primary-key order: what anyone
// reading the database sees.
func (b *BallotBox) Tables() (cast []CastRow, tallies []TallyRow) {
	for k := range b.cast {
		cast = append(cast, k)
	}
	sort.Slice(cast, func(i, j int) bool {
		if cast[i].Applicant != cast[j].Applicant {
			return cast[i].Applicant < cast[j].Applicant
		}
		return cast[i].Expert < cast[j].Expert
	})
	for _, t := range b.tallies {
		tallies = append(tallies, *t)
	}
	sort.Slice(tallies, func(i, j int) bool { return tallies[i].Applicant < tallies[j].Applicant })
	return cast, tallies
}

// Result is a tallied vote on one applicant.
type Result struct {
	Yes       int      `json:"yes"`
	No        int      `json:"no"`
	Abstain   int      `json:"abstain"`
	Missing   int      `json:"missing"`   // experts of the base who cast no vote, Withdrawn included
	Withdrawn int      `json:"withdrawn"` // withdrawn experts counted in the base (BasePresent only)
	Base      int      `json:"base"`      // the experts the fraction is taken of (see Rules.PassBase)
	Needed    int      `json:"needed"`    // the fewest yes votes that pass
	Fraction  Fraction `json:"-"`
	Passed    bool     `json:"passed"`
}

// MarshalJSON writes the fraction as "2/3".
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	return json.Marshal(struct {
		plain
		Fraction string `json:"fraction"`
	}{plain(r), r.Fraction.String()})
}

// Tally counts a vote: it passes when yes*Den >= base*Num, where base is the number of
// experts the fraction is taken of (by default the experts present minus those who withdrew
// from this applicant; see BaseEligible). Abstentions and missing votes count as not yes.
// With no base, or more votes than the base, nothing passes.
func Tally(yes, no, abstain, base int, f Fraction) Result {
	r := Result{Yes: yes, No: no, Abstain: abstain, Base: base, Needed: f.Needed(base), Fraction: f}
	votes := yes + no + abstain
	if base <= 0 || yes < 0 || no < 0 || abstain < 0 || votes > base || !f.Valid() {
		return r
	}
	r.Missing = base - votes
	r.Passed = f.AtLeast(yes, base)
	return r
}

// Text says the result in a sentence.
func (r Result) Text() string {
	verdict := "未达到"
	if r.Passed {
		verdict = "达到"
	}
	s := fmt.Sprintf("同意 %d 票、不同意 %d 票、弃权 %d 票", r.Yes, r.No, r.Abstain)
	if n := r.Missing - r.Withdrawn; n > 0 {
		s += fmt.Sprintf("、未投票 %d 人", n)
	}
	if r.Withdrawn > 0 {
		s += fmt.Sprintf("、回避 %d 人（计入基数）", r.Withdrawn)
	}
	return fmt.Sprintf("%s；同意票%s %d 人的 %s（至少 %d 票）", s, verdict, r.Base, r.Fraction, r.Needed)
}
