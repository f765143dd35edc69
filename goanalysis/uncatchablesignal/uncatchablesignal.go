// Package uncatchablesignal reports SIGKILL and SIGSTOP passed to os/signal,
// where they can never take effect.
package uncatchablesignal

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/fixes"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rule is GL203.
var Rule = &rule.Rule{
	ID:       "GL203",
	Name:     "uncatchable-signal",
	Severity: rule.Warning,
	Summary:  "SIGKILL or SIGSTOP is passed to signal.Notify, NotifyContext, Ignore or Reset, where it can never be caught",
	Doc: `The kernel never delivers SIGKILL or SIGSTOP to a handler: they cannot be caught,
blocked or ignored. Listing os.Kill or syscall.SIGKILL in signal.Notify therefore does
nothing, and usually means the author believed "docker stop" sends SIGKILL. It does not:
docker stop sends SIGTERM (the image's STOPSIGNAL), waits the grace period, and only then
sends SIGKILL, which ends the process with exit code 137 and no cleanup whatever the code
says. A program that lists os.Kill instead of SIGTERM is, for docker stop, a program with no
SIGTERM subscriber, which SIGNALS.md measured: it exits 2 at once (0.09 s with docker stop -t 3),
its deferred calls and cleanup skipped.

Fix: subscribe to syscall.SIGTERM instead (the suggested fix replaces the uncatchable
signal with it, or removes it when SIGTERM is already listed).`,
}

// Analyzer reports GL203.
var Analyzer = diag.NewAnalyzer("uncatchablesignal", Rule, run, signals.Analyzer)

func run(pass *analysis.Pass) (any, error) {
	for _, call := range signals.ResultOf(pass).Calls {
		replaced := call.Signals.Has(signals.SIGTERM)
		for i, arg := range call.Args {
			sig, ok := signals.Uncatchable(arg.Signals)
			if !ok {
				continue
			}
			msg := fmt.Sprintf("%s cannot be caught, so %s has no effect on it (docker stop sends SIGTERM first)",
				signals.Name(sig), call.Func)
			if arg.Spread { // the signal is inside a list declared elsewhere: no local edit
				diag.Report(pass, Rule, arg.Expr, msg+"; remove it from the list")
				continue
			}
			if call.Func.Subscribes() && !call.Signals.Has(signals.SIGTERM) {
				msg += "; did you mean syscall.SIGTERM?"
			}
			fix, isReplacement := fixArg(pass, call, i, replaced)
			replaced = replaced || isReplacement
			diag.Report(pass, Rule, arg.Expr, msg, fix...)
		}
	}
	return nil, nil
}

// fixArg replaces the i'th signal argument of call with syscall.SIGTERM, or
// removes it when the call already has SIGTERM (or an earlier fix added it).
func fixArg(pass *analysis.Pass, call *signals.Call, i int, haveSIGTERM bool) ([]analysis.SuggestedFix, bool) {
	arg := call.Args[i]
	if call.Func.Subscribes() && !haveSIGTERM {
		sigterm, edits := fixes.SIGTERM(diag.File(pass, arg.Expr.Pos()))
		edits = append(edits, analysis.TextEdit{Pos: arg.Expr.Pos(), End: arg.Expr.End(), NewText: []byte(sigterm)})
		return []analysis.SuggestedFix{{Message: "Replace with " + sigterm, TextEdits: edits}}, true
	}
	// Ignore and Reset with no argument left would apply to every signal, and
	// replacing the argument with SIGTERM would ignore SIGTERM: no fix then.
	if !call.Func.Subscribes() && len(call.Args) == 1 {
		return nil, false
	}
	argIndex := len(call.Expr.Args) - len(call.Args) + i
	return []analysis.SuggestedFix{{
		Message:   "Remove " + types.ExprString(arg.Expr),
		TextEdits: []analysis.TextEdit{fixes.RemoveArg(call.Expr, argIndex)},
	}}, false
}
