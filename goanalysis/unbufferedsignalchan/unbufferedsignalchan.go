// Package unbufferedsignalchan reports signal.Notify channels that are unbuffered.
package unbufferedsignalchan

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/dataflow"
	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rule is GL204.
var Rule = &rule.Rule{
	ID:       "GL204",
	Name:     "unbuffered-signal-channel",
	Severity: rule.Warning,
	Summary:  "the channel given to signal.Notify is unbuffered, so a signal that arrives while nobody is receiving is dropped",
	Doc: `signal.Notify never blocks when it delivers a signal: if the channel has no room, the
signal is dropped. With an unbuffered channel there is room only while a goroutine is
blocked receiving from it at that very instant. If SIGTERM arrives while the program is
still starting up, or while the receiving goroutine is busy, docker stop's SIGTERM is lost:
the program keeps running through the grace period and is killed with SIGKILL (exit 137,
no cleanup), as SIGNALS.md measured for programs that do not act on SIGTERM.

gracelint follows the channel back to its make() through local variables, struct fields
and parameters visible in the package, and reports only when every make it can reach is
unbuffered.

Fix: make(chan os.Signal, 1) (the suggested fix), so one pending signal is kept until
it is received.`,
}

// Analyzer reports GL204.
var Analyzer = diag.NewAnalyzer("unbufferedsignalchan", Rule, run, signals.Analyzer)

func run(pass *analysis.Pass) (any, error) {
	pkg := signals.ResultOf(pass)
	for _, call := range pkg.Calls {
		if call.Func != signals.Notify || len(call.Expr.Args) == 0 {
			continue
		}
		ch := call.Expr.Args[0]
		makes, ok := makesOf(pass.TypesInfo, pkg.Index, ch, map[*types.Var]bool{})
		if !ok || len(makes) == 0 || !allUnbuffered(pass.TypesInfo, makes) {
			continue
		}
		var edits []analysis.TextEdit
		for _, mk := range makes {
			edits = append(edits, bufferOne(mk))
		}
		lost := "SIGTERM"
		if !call.Signals.MayHave(signals.SIGTERM) {
			lost = call.Signals.String()
		}
		diag.Report(pass, Rule, ch,
			fmt.Sprintf("%s is unbuffered (made on line %d): signal.Notify drops a signal that arrives while nobody is receiving, so %s can be lost; use make(chan os.Signal, 1)",
				types.ExprString(ch), pass.Fset.Position(makes[0].Pos()).Line, lost),
			analysis.SuggestedFix{Message: "Buffer the signal channel", TextEdits: edits})
	}
	return nil, nil
}

// makesOf follows a channel expression back to the make calls that created
// it. ok is false if some value of e comes from elsewhere (a function result,
// another package, a pointer): then gracelint cannot tell and stays silent.
func makesOf(info *types.Info, index *dataflow.Index, e ast.Expr, seen map[*types.Var]bool) (makes []*ast.CallExpr, ok bool) {
	if call, isCall := ast.Unparen(e).(*ast.CallExpr); isCall {
		if dataflow.IsMake(info, call) {
			return []*ast.CallExpr{call}, true
		}
		return nil, false
	}
	v := index.ObjectOf(e)
	if v == nil || dataflow.SettableElsewhere(v) {
		return nil, false
	}
	if seen[v] {
		return nil, true
	}
	seen[v] = true
	sources, complete := index.Sources(v)
	if !complete || len(sources) == 0 {
		return nil, false
	}
	for _, src := range sources {
		m, ok := makesOf(info, index, src, seen)
		if !ok {
			return nil, false
		}
		makes = append(makes, m...)
	}
	return makes, true
}

func allUnbuffered(info *types.Info, makes []*ast.CallExpr) bool {
	for _, mk := range makes {
		if len(mk.Args) > 1 && !isZero(info, mk.Args[1]) {
			return false
		}
	}
	return true
}

func isZero(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

// bufferOne gives an unbuffered make a buffer of one.
func bufferOne(mk *ast.CallExpr) analysis.TextEdit {
	if len(mk.Args) > 1 {
		return analysis.TextEdit{Pos: mk.Args[1].Pos(), End: mk.Args[1].End(), NewText: []byte("1")}
	}
	return analysis.TextEdit{Pos: mk.Args[0].End(), End: mk.Args[0].End(), NewText: []byte(", 1")}
}
