package golint

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// A package's syntax and type information are dropped once it is analysed:
// what the packages that import it need is its types and its facts. The facts
// still cross packages (cmd/server learns that lifecycle.Watch subscribes).
func TestAnalysisKeepsOnlyFacts(t *testing.T) {
	dir := copyModule(t)
	cfg := &Config{Dir: dir, Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{testAnalyzer}, Rules: testRules}
	e, err := goEnv(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := loadGraph(cfg, e)
	if err != nil {
		t.Fatal(err)
	}
	results, err := g.run(cfg, g.roots())
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range results {
		all = append(all, render(dir, r.findings)...)
	}
	if !slices.Contains(all, "cmd/server/main.go:12:4: GLT02 calls Watch, which subscribes") {
		t.Errorf("the fact that lifecycle.Watch subscribes did not reach cmd/server: %q", all)
	}
	for _, n := range g.nodes {
		if c := n.checked; c != nil && (c.Syntax != nil || c.TypesInfo != nil) {
			t.Errorf("%s: syntax or TypesInfo kept after the run (analysed=%t root=%t)", n.meta.ID, n.analysed, n.root)
		}
	}
}
