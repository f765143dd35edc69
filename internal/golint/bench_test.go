package golint

import (
	"os"
	"testing"

	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/internal/rule"
)

// BenchmarkWorkload lints the module in $GRACELINT_WORKLOAD (see
// bench/go-workload.sh) with gracelint's analyzers and no result cache: the cost
// of a run in which every package changed. bench/go-speed.sh times whole runs.
func BenchmarkWorkload(b *testing.B) {
	dir := os.Getenv("GRACELINT_WORKLOAD")
	if dir == "" {
		b.Skip("GRACELINT_WORKLOAD is not set; run bench/go-workload.sh to prepare one")
	}
	cfg := &Config{Dir: dir, Patterns: []string{"./..."}, Analyzers: goanalysis.Analyzers,
		Rules: rule.NewSet(append([]*rule.Rule{rule.ParseError}, goanalysis.Rules...)...)}
	for b.Loop() {
		if _, err := Lint(cfg); err != nil {
			b.Fatal(err)
		}
	}
}
