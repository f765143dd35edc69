// Package interruptonly reports programs that subscribe to signals, but not to
// SIGTERM, the one docker stop sends.
package interruptonly

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/fixes"
	"github.com/gracelint/gracelint/goanalysis/internal/lifecycle"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rule is GL202.
var Rule = &rule.Rule{
	ID:       "GL202",
	Name:     "interrupt-only",
	Severity: rule.Error,
	Summary:  "the program subscribes to SIGINT (or other signals) but not to SIGTERM, which is what docker stop sends",
	Doc: `Ctrl-C in a terminal sends SIGINT, so shutdown code is often tested with os.Interrupt
only. docker stop sends SIGTERM (unless the image sets another STOPSIGNAL). The Go
runtime handles every signal itself; a signal nobody subscribed to takes its default
action, which for SIGTERM is to end the program: the runtime exits with status 2 at once,
and deferred calls, buffered writers and in-flight requests are lost. This happens even
when the program is PID 1 of its container. Measured with docker stop -t 3: a Go program
with signal.Notify(c, os.Interrupt) only, exec-form CMD, exited 2 after 0.09 s with its
cleanup not run; the same program with STOPSIGNAL SIGINT exited 0 with its cleanup done.

gracelint reports a call that subscribes to SIGINT or SIGQUIT, and only when nothing
else in the package (or, for a main package, in the program it runs) subscribes to
SIGTERM, so a separate SIGHUP handler next to a SIGTERM one is fine. A call that
subscribes only to other signals (SIGHUP to reload, SIGUSR1 to dump state) is no
shutdown code; a long-running program with nothing else is GL201's.

Fix: add syscall.SIGTERM to the call (the suggested fix does, importing syscall), e.g.
signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM).`,
}

// Analyzer reports GL202.
var Analyzer = diag.NewAnalyzer("interruptonly", Rule, run, signals.Analyzer, lifecycle.Analyzer)

func run(pass *analysis.Pass) (any, error) {
	if lifecycle.ResultOf(pass).Subscribes().MayHave(signals.SIGTERM) {
		return nil, nil
	}
	for _, call := range signals.ResultOf(pass).Calls {
		// GL203 replaces a written-out SIGKILL or SIGSTOP with SIGTERM: one
		// finding and one fix for the call, not two that add SIGTERM twice.
		if !call.InterruptOnly() || call.NamesUncatchable() {
			continue
		}
		diag.Report(pass, Rule, call.Expr,
			fmt.Sprintf("%s subscribes to %s but not SIGTERM: docker stop's SIGTERM ends the program at once with exit status 2, skipping deferred calls and cleanup; add syscall.SIGTERM",
				call.Func, call.Signals), addSIGTERM(pass, call)...)
	}
	return nil, nil
}

// addSIGTERM appends syscall.SIGTERM to the call's arguments. A spread list
// (sigs...) cannot take another argument: no fix then.
func addSIGTERM(pass *analysis.Pass, call *signals.Call) []analysis.SuggestedFix {
	last := call.Args[len(call.Args)-1]
	if last.Spread {
		return nil
	}
	sigterm, edits := fixes.SIGTERM(diag.File(pass, call.Expr.Pos()))
	edits = append(edits, analysis.TextEdit{Pos: last.Expr.End(), End: last.Expr.End(), NewText: []byte(", " + sigterm)})
	return []analysis.SuggestedFix{{Message: "Add " + sigterm, TextEdits: edits}}
}
