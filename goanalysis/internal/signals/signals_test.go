package signals_test

import (
	"strings"
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

// TestName checks that every Linux signal below SIGRTMIN has its name, as
// STOPSIGNAL SIGPWR or signal.Notify(c, syscall.SIGIO) need in messages.
func TestName(t *testing.T) {
	for sig := 1; sig <= 31; sig++ {
		if name := signals.Name(sig); !strings.HasPrefix(name, "SIG") {
			t.Errorf("Name(%d) = %q", sig, name)
		}
	}
	if got := signals.Name(64); got != "signal 64" {
		t.Errorf("Name(64) = %q, want signal 64", got)
	}
}
