package lifecycle

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), Analyzer, "example.com/cycle")
}

// TestDeterministic summarises the same package many times: the functions are
// visited in a different order each time, and the summaries must not change.
func TestDeterministic(t *testing.T) {
	var first map[string]string
	for i := range 10 {
		results := analysistest.Run(t, analysistest.TestData(), Analyzer, "example.com/cycle")
		if len(results) != 1 || results[0].Err != nil {
			t.Fatalf("run %d: %v", i, results)
		}
		got := map[string]string{}
		for fn, sum := range results[0].Result.(*Result).funcs {
			got[fn.FullName()] = fmt.Sprintf("%v %+v %+v", sum.Subscribes, sum.Sites, sum.Runs)
		}
		if first == nil {
			first = got
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(first)) {
			if got[name] != first[name] {
				t.Errorf("run %d: %s is %s, was %s", i, name, got[name], first[name])
			}
		}
	}
}
