package goanalysis_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/internal/rule"
)

// TestAnalyzersMatchRules checks the contract the driver relies on: one valid
// analyzer per rule, in the same order, documented by its rule.
func TestAnalyzersMatchRules(t *testing.T) {
	if err := analysis.Validate(goanalysis.Analyzers); err != nil {
		t.Fatal(err)
	}
	if len(goanalysis.Analyzers) != len(goanalysis.Rules) {
		t.Fatalf("%d analyzers for %d rules", len(goanalysis.Analyzers), len(goanalysis.Rules))
	}
	if !slices.IsSortedFunc(goanalysis.Rules, func(a, b *rule.Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Rules are not in ID order")
	}
	rule.NewSet(goanalysis.Rules...) // panics on a duplicate id or name
	for i, a := range goanalysis.Analyzers {
		r := goanalysis.Rules[i]
		if !strings.HasPrefix(a.Doc, r.Summary+"\n\n") || a.URL != r.URL() {
			t.Errorf("analyzer %s is not documented by rule %s", a.Name, r.ID)
		}
	}
}
