package signals

import (
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/gracelint/gracelint/goanalysis/internal/dataflow"
	"github.com/gracelint/gracelint/goanalysis/internal/diag"
)

// Analyzer finds the os/signal calls of a package and works out their signals.
// It exports a VarFact for every package-level variable holding signals, so
// that a signal list declared in one package is understood in another.
var Analyzer = &analysis.Analyzer{
	Name:       "gracelintsignals",
	Doc:        "find os/signal calls and the signals they name (a helper pass of gracelint's rules)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeFor[*Package](),
	FactTypes:  []analysis.Fact{new(VarFact)},
	Run:        diag.Guard(run),
}

// A VarFact says which signals a package-level variable holds.
type VarFact struct{ Signals Set }

func (*VarFact) AFact()           {}
func (f *VarFact) String() string { return "signals(" + f.Signals.String() + ")" }

// Func is an os/signal function that takes a list of signals.
type Func int

const (
	Notify Func = iota + 1
	NotifyContext
	Ignore
	Reset
)

var funcNames = map[string]Func{"Notify": Notify, "NotifyContext": NotifyContext, "Ignore": Ignore, "Reset": Reset}

func (f Func) String() string {
	for name, g := range funcNames {
		if g == f {
			return "signal." + name
		}
	}
	return "signal.?"
}

// Subscribes reports whether calls to f deliver signals to the program.
func (f Func) Subscribes() bool { return f == Notify || f == NotifyContext }

// firstSignal is the index of f's first signal argument.
func (f Func) firstSignal() int {
	if f.Subscribes() {
		return 1 // the channel or the parent context comes first
	}
	return 0
}

// funcOf returns the os/signal function that call calls, or 0. It goes by the
// type checker's objects, so renamed imports and dot imports are recognised,
// and so is a variable that only ever holds that function, as in the seam
// `var signalNotify = signal.Notify` that tests replace.
func (ev *evaluator) funcOf(call *ast.CallExpr) Func {
	if fn := typeutil.StaticCallee(ev.pass.TypesInfo, call); fn != nil {
		return signalFunc(fn)
	}
	v := ev.index.ObjectOf(call.Fun)
	if v == nil {
		return 0
	}
	sources, complete := ev.index.Sources(v)
	if !complete || len(sources) == 0 {
		return 0
	}
	var f Func
	for _, src := range sources {
		fn, _ := ev.index.Uses(src).(*types.Func)
		if fn == nil || f != 0 && signalFunc(fn) != f {
			return 0
		}
		f = signalFunc(fn)
	}
	return f
}

// signalFunc returns fn if it is an os/signal function that takes signals, or 0.
func signalFunc(fn *types.Func) Func {
	if fn.Pkg() == nil || fn.Pkg().Path() != "os/signal" {
		return 0
	}
	return funcNames[fn.Name()]
}

// A Call is a call of Notify, NotifyContext, Ignore or Reset.
type Call struct {
	Expr    *ast.CallExpr
	Func    Func
	Args    []Arg // the signal arguments as written
	Signals Set   // what the call covers; All when it names no signal
}

// InterruptOnly reports whether c subscribes to SIGINT or SIGQUIT, the
// signals that ask a program to stop from a terminal, but surely not to
// SIGTERM. A subscription to other signals alone (SIGHUP to reload, SIGUSR1 to
// dump state) is no shutdown code that forgot SIGTERM.
func (c *Call) InterruptOnly() bool {
	return c.Func.Subscribes() && !c.Signals.MayHave(SIGTERM) && (c.Signals.Has(SIGINT) || c.Signals.Has(SIGQUIT))
}

// NamesUncatchable reports whether one of c's arguments, written out in the
// call rather than spread from a list, is SIGKILL or SIGSTOP.
func (c *Call) NamesUncatchable() bool {
	for _, arg := range c.Args {
		if _, ok := Uncatchable(arg.Signals); ok && !arg.Spread {
			return true
		}
	}
	return false
}

// An Arg is one signal argument of a Call.
type Arg struct {
	Expr    ast.Expr
	Spread  bool // sigs... : Expr is a slice
	Signals Set
}

// Package is the result of Analyzer: what a package does with signals.
type Package struct {
	Calls []*Call
	Index *dataflow.Index // shared so that rules need not walk the package again
}

// ResultOf returns what Analyzer found in the package of pass, which must
// require Analyzer.
func ResultOf(pass *analysis.Pass) *Package {
	return pass.ResultOf[Analyzer].(*Package)
}

func run(pass *analysis.Pass) (any, error) {
	ev := &evaluator{pass: pass, index: dataflow.NewIndex(pass.Pkg, pass.TypesInfo, pass.Files), visiting: map[*types.Var]bool{}}
	ev.exportVarFacts()
	res := &Package{Index: ev.index}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		if c := ev.call(n.(*ast.CallExpr)); c != nil {
			res.Calls = append(res.Calls, c)
		}
	})
	return res, nil
}

type evaluator struct {
	pass     *analysis.Pass
	index    *dataflow.Index
	visiting map[*types.Var]bool // breaks cycles such as sigs = append(sigs, ...)
}

func (ev *evaluator) exportVarFacts() {
	scope := ev.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && (isSignal(v.Type()) || isSignalList(v.Type())) {
			ev.pass.ExportObjectFact(v, &VarFact{Signals: ev.variable(v)})
		}
	}
}

func (ev *evaluator) call(call *ast.CallExpr) *Call {
	fn := ev.funcOf(call)
	if fn == 0 {
		return nil
	}
	c := &Call{Expr: call, Func: fn}
	for i := fn.firstSignal(); i < len(call.Args); i++ {
		arg := Arg{Expr: call.Args[i], Spread: isSpread(call, i), Signals: ev.arg(call, i)}
		c.Args = append(c.Args, arg)
		c.Signals = c.Signals.Union(arg.Signals)
	}
	if len(c.Args) == 0 {
		c.Signals.All = true
	}
	// A spread of an empty list also names no signal, which means all of them.
	if c.Signals.IsEmpty() && len(c.Args) == 1 && c.Args[0].Spread {
		c.Signals.All = true
	}
	return c
}

// isSpread reports whether call's i'th argument is a slice spread with "...".
func isSpread(call *ast.CallExpr, i int) bool {
	return call.Ellipsis.IsValid() && i == len(call.Args)-1
}

// arg works out the signals of call's i'th argument: those of a list when it is
// spread, else the one it denotes.
func (ev *evaluator) arg(call *ast.CallExpr, i int) Set {
	if isSpread(call, i) {
		return ev.list(call.Args[i])
	}
	return ev.value(call.Args[i])
}

// value works out the signal that a single expression denotes.
func (ev *evaluator) value(e ast.Expr) Set {
	info := ev.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return Of(int(n))
		}
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr: // os.Signal(x), syscall.Signal(n)
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return ev.value(e.Args[0])
		}
	case *ast.Ident, *ast.SelectorExpr:
		if v := ev.index.ObjectOf(e); v != nil {
			return ev.variable(v)
		}
	}
	return Set{Unknown: true}
}

// list works out the signals in a slice or array expression.
func (ev *evaluator) list(e ast.Expr) Set {
	info := ev.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		var s Set
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			s = s.Union(ev.value(elt))
		}
		return s
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(info, e).(*types.Builtin); ok && b.Name() == "append" && len(e.Args) > 0 {
			s := ev.list(e.Args[0])
			for i := 1; i < len(e.Args); i++ {
				s = s.Union(ev.arg(e, i))
			}
			return s
		}
	case *ast.Ident:
		if info.Types[e].IsNil() {
			return Set{}
		}
	}
	if v := ev.index.ObjectOf(e); v != nil {
		return ev.variable(v)
	}
	return Set{Unknown: true}
}

// variable works out the signals a variable or field can hold.
func (ev *evaluator) variable(v *types.Var) Set {
	if sig, ok := wellKnown(v); ok {
		return Of(sig)
	}
	if v.Pkg() != ev.pass.Pkg {
		var fact VarFact
		if v.Pkg() != nil && ev.pass.ImportObjectFact(v, &fact) {
			return fact.Signals
		}
		return Set{Unknown: true}
	}
	if ev.visiting[v] {
		// A cycle such as sigs = append(sigs, ...): the outer call is already
		// adding every source of v.
		return Set{}
	}
	sources, complete := ev.index.Sources(v)
	if !complete {
		return Set{Unknown: true}
	}
	ev.visiting[v] = true
	defer delete(ev.visiting, v)
	eval := ev.value
	if isSignalList(v.Type()) {
		eval = ev.list
	}
	var s Set
	for _, src := range sources {
		s = s.Union(eval(src))
	}
	return s
}

// wellKnown knows os.Interrupt and os.Kill, the two signals package os
// declares as variables rather than constants.
func wellKnown(v *types.Var) (int, bool) {
	if v.Pkg() == nil || v.Pkg().Path() != "os" || v.Parent() != v.Pkg().Scope() {
		return 0, false
	}
	switch v.Name() {
	case "Interrupt":
		return SIGINT, true
	case "Kill":
		return SIGKILL, true
	}
	return 0, false
}

func isSignal(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	return path == "os" && name == "Signal" || path == "syscall" && name == "Signal"
}

func isSignalList(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return isSignal(u.Elem())
	case *types.Array:
		return isSignal(u.Elem())
	}
	return false
}
