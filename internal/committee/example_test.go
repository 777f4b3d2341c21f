package committee_test

import (
	"encoding/json"
	"fmt"

	"guantong/internal/committee"
)

// Ten yes votes of fifteen are exactly two thirds, which is enough (2/3以上 includes 2/3).
func ExampleTally() {
	r := committee.Tally(10, 4, 1, 15, committee.TwoThirds)
	fmt.Println(r.Passed, r.Text())
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	// Output:
	// true 同意 10 票、不同意 4 票、弃权 1 票；同意票达到 15 人的 2/3（至少 10 票）
	// {"yes":10,"no":4,"abstain":1,"missing":0,"withdrawn":0,"base":15,"needed":10,"passed":true,"fraction":"2/3"}
}

func ExampleQuorum() {
	fmt.Println(committee.Quorum(15, 9, committee.TwoThirds), committee.Quorum(15, 10, committee.TwoThirds))
	// Output: false true
}
