// Package sigtermignored reports programs that receive SIGTERM but do nothing
// on that path to end.
package sigtermignored

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/internal/dataflow"
	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rule is GL205.
var Rule = &rule.Rule{
	ID:       "GL205",
	Name:     "sigterm-ignored",
	Severity: rule.Error,
	Summary:  "SIGTERM is received but nothing on that path ends the program, so docker stop has to SIGKILL it",
	Doc: `Subscribing to SIGTERM turns off the Go runtime's default action (exit at once), so the
program now decides when to stop. If the code that receives the signal only logs it, a
goroutine "for s := range c { log.Println(s) }" or a loop "for { <-c }", or nobody ever
receives from the channel, or the context of signal.NotifyContext is thrown away, SIGTERM
changes nothing: docker stop waits the whole grace period (10 s by default) and then
kills the program with SIGKILL, exit code 137, with no cleanup. This is the classic
"dockerapp2": measured with docker stop -t 3 it took 3.1 s to stop and exited 137, its
cleanup not run.

gracelint is conservative: it reports only when it sees every receiver of the channel,
and a path counts as ending the program if it returns or breaks out of the loop, exits,
panics, closes a channel, sends on one, sets a field or a variable another goroutine can
read (a "stopping" flag), calls a function value (such as a context.CancelFunc), a
Shutdown/Stop/Close/Cancel-like method, sync/atomic, a function of another package it
cannot see into, or one of the package's own functions that does.

Fix: on SIGTERM, shut down: cancel the root context, call http.Server.Shutdown, close
the quit channel, or return from main.`,
}

// Analyzer reports GL205.
var Analyzer = diag.NewAnalyzer("sigtermignored", Rule, run, signals.Analyzer)

const consequence = "docker stop waits the whole grace period, then SIGKILLs the program (exit 137, no cleanup)"

func run(pass *analysis.Pass) (any, error) {
	sigs := signals.ResultOf(pass)
	var sigterm []*signals.Call
	for _, call := range sigs.Calls {
		if call.Signals.Has(signals.SIGTERM) {
			sigterm = append(sigterm, call)
		}
	}
	if len(sigterm) == 0 {
		return nil, nil // most packages: spare them the parent map
	}
	c := &checker{pass: pass, sigs: sigs, ending: map[*types.Func]bool{}, parents: parentsOf(pass)}
	for _, call := range sigterm {
		switch call.Func {
		case signals.Notify:
			c.checkNotify(call)
		case signals.NotifyContext:
			c.checkNotifyContext(call)
		}
	}
	return nil, nil
}

type checker struct {
	pass    *analysis.Pass
	sigs    *signals.Package
	ending  map[*types.Func]bool // memo for hasEndingEffect on the package's functions
	parents map[ast.Node]ast.Node
}

// checkNotify follows the channel of signal.Notify to everything that
// receives from it.
func (c *checker) checkNotify(call *signals.Call) {
	ch := call.Expr.Args[0]
	if _, isCall := ast.Unparen(ch).(*ast.CallExpr); isCall {
		if dataflow.IsMake(c.pass.TypesInfo, ch) { // signal.Notify(make(chan os.Signal, 1), ...)
			diag.Report(c.pass, Rule, call.Expr, "SIGTERM is delivered to a channel nobody can receive from: "+consequence)
		}
		return
	}
	v := c.sigs.Index.ObjectOf(ch)
	if v == nil || c.visibleElsewhere(v) {
		return
	}
	receivers, escapes := c.receivers(v)
	if escapes {
		return
	}
	if len(receivers) == 0 {
		diag.Report(c.pass, Rule, call.Expr, fmt.Sprintf("SIGTERM is delivered to %s but nothing ever receives from it: %s",
			types.ExprString(ch), consequence))
		return
	}
	for _, r := range receivers {
		if c.receiveMayEnd(r) {
			return
		}
	}
	diag.Report(c.pass, Rule, call.Expr, fmt.Sprintf("SIGTERM is delivered to %s but the loop that receives it (line %d) never ends the program: %s",
		types.ExprString(ch), c.pass.Fset.Position(receivers[0].Pos()).Line, consequence))
}

// checkNotifyContext reports a NotifyContext whose context is thrown away or
// never used: then nothing can learn that SIGTERM arrived.
func (c *checker) checkNotifyContext(call *signals.Call) {
	assign, ok := c.parents[call.Expr].(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != 2 || len(assign.Rhs) != 1 {
		return // returned, passed on, or stored some other way
	}
	ctx, ok := assign.Lhs[0].(*ast.Ident)
	if !ok {
		return
	}
	if ctx.Name == "_" {
		diag.Report(c.pass, Rule, call.Expr, "signal.NotifyContext's context is discarded, so SIGTERM is caught but nothing waits for it: "+consequence)
		return
	}
	v, ok := c.pass.TypesInfo.ObjectOf(ctx).(*types.Var)
	if !ok || c.visibleElsewhere(v) {
		return
	}
	for id, obj := range c.pass.TypesInfo.Uses {
		if obj == v && !c.isAssigned(id) {
			return
		}
	}
	diag.Report(c.pass, Rule, call.Expr, fmt.Sprintf("the context %s of signal.NotifyContext is never used, so SIGTERM is caught but nothing waits for it: %s",
		ctx.Name, consequence))
}

// visibleElsewhere reports whether code gracelint does not see here may read
// v: a parameter (the caller holds the channel too) or an exported variable
// or field of a package that others can import.
func (c *checker) visibleElsewhere(v *types.Var) bool {
	return v.Pkg() != c.pass.Pkg || c.sigs.Index.IsParam(v) || dataflow.SettableElsewhere(v)
}

// isAssigned reports whether id is the target of an assignment.
func (c *checker) isAssigned(id *ast.Ident) bool {
	assign, ok := c.parents[id].(*ast.AssignStmt)
	return ok && slices.Contains(assign.Lhs, ast.Expr(id))
}

// parentsOf maps every node of the package to its parent.
func parentsOf(pass *analysis.Pass) map[ast.Node]ast.Node {
	parents := map[ast.Node]ast.Node{}
	var stack []ast.Node
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if len(stack) > 0 {
				parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			return true
		})
	}
	return parents
}
