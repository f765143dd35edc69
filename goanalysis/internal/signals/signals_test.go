package signals_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/gracelint/gracelint/goanalysis/internal/signals"
)

// report makes every call the signals pass finds visible to `// want`.
var report = &analysis.Analyzer{
	Name:     "report",
	Doc:      "report the signals of every os/signal call",
	Requires: []*analysis.Analyzer{signals.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, c := range signals.ResultOf(pass).Calls {
			pass.Reportf(c.Expr.Pos(), "%s: %s", c.Func, c.Signals)
		}
		return nil, nil
	},
}

func TestSignals(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), signals.Analyzer, "b")
	analysistest.Run(t, analysistest.TestData(), report, "a")
}
