// Package lifecycle works out, for every function of a program, which signals
// it subscribes to and whether it runs until the process is stopped, following
// calls across packages with analysis facts.
package lifecycle

import (
	"cmp"
	"go/ast"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/gracelint/gracelint/goanalysis/internal/diag"
	"github.com/gracelint/gracelint/goanalysis/internal/signals"
)

// Analyzer summarises the functions of a package. Its result is a *Result;
// it exports a FuncFact for each function that subscribes to signals or runs
// until stopped, and a PackageFact when package initialisation subscribes.
var Analyzer = &analysis.Analyzer{
	Name:       "gracelintlifecycle",
	Doc:        "summarise which signals each function subscribes to and whether it runs until stopped (a helper pass of gracelint's rules)",
	Requires:   []*analysis.Analyzer{signals.Analyzer},
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(FuncFact), new(PackageFact)},
	Run:        diag.Guard(run),
}

// A Summary says what calling a function does to the program's lifecycle.
type Summary struct {
	Subscribes signals.Set // signals delivered to the program by it or by what it calls
	Sites      []Site      // the calls that subscribe, here or in what it calls, in no particular order
	Runs       *LongLived  // why a call does not return until the process stops; nil if it may return
}

// A Site is a call that subscribes to signals: signal.Notify, signal.NotifyContext
// or a well-known helper that calls them. Its position is that of the file on disk.
type Site struct {
	File         string
	Line, Column int
	Signals      signals.Set
}

// LongLived explains why a function runs until the process is stopped.
type LongLived struct {
	Why    string // e.g. "serves HTTP with net/http.ListenAndServe"
	Where  string // the function that does it, e.g. "server.(*Server).Start"
	Serves bool   // it serves network requests (rather than, say, looping forever)
}

// FuncFact carries a function's Summary to the packages that import it.
type FuncFact struct{ Summary }

func (*FuncFact) AFact() {}
func (f *FuncFact) String() string {
	s := "subscribes(" + f.Subscribes.String() + ")"
	if f.Runs != nil {
		s += " runs(" + f.Runs.Why + ")"
	}
	return s
}

// PackageFact records the signals a package's initialisation subscribes to, and where.
type PackageFact struct {
	Subscribes signals.Set
	Sites      []Site
}

func (*PackageFact) AFact()           {}
func (f *PackageFact) String() string { return "init subscribes(" + f.Subscribes.String() + ")" }

// Result holds the summaries of a package's functions.
type Result struct {
	funcs map[*types.Func]*Summary
	decls map[*types.Func]*ast.FuncDecl
	pass  *analysis.Pass
	// Init is what initialising the package and every package it imports
	// subscribes to; InitSites are the calls that do.
	Init      signals.Set
	InitSites []Site
}

// ResultOf returns the result of Analyzer for the package of pass, which must
// require Analyzer.
func ResultOf(pass *analysis.Pass) *Result {
	return pass.ResultOf[Analyzer].(*Result)
}

// Subscribes returns what the package subscribes to anywhere: in any of its
// functions, through any call, or when it is initialised.
func (r *Result) Subscribes() signals.Set {
	set := r.Init
	for _, sum := range r.funcs {
		set = set.Union(sum.Subscribes)
	}
	return set
}

// Func returns the summary of fn, a function of this package or of one it imports.
func (r *Result) Func(fn *types.Func) Summary {
	if s, ok := r.funcs[fn.Origin()]; ok {
		return *s
	}
	var fact FuncFact
	if fn.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(fn.Origin(), &fact) {
		return fact.Summary
	}
	return Summary{}
}

// Main returns, for a main package, the declaration of func main and what
// running the program does: main's summary, with what initialising the
// packages subscribes to; its Sites are a new slice the caller may change. ok
// is false for other packages.
func (r *Result) Main() (decl *ast.FuncDecl, program Summary, ok bool) {
	if r.pass.Pkg.Name() != "main" {
		return nil, Summary{}, false
	}
	fn, _ := r.pass.Pkg.Scope().Lookup("main").(*types.Func)
	if decl = r.decls[fn]; decl == nil {
		return nil, Summary{}, false
	}
	program = *r.funcs[fn]
	program.Subscribes = program.Subscribes.Union(r.Init)
	program.Sites = addSites(slices.Clone(program.Sites), r.InitSites...)
	return decl, program, true
}

func run(pass *analysis.Pass) (any, error) {
	s := &summarizer{
		pass:     pass,
		std:      isStandard(pass),
		result:   &Result{funcs: map[*types.Func]*Summary{}, decls: signals.ResultOf(pass).Index.Decls(), pass: pass},
		calls:    map[*ast.CallExpr]*signals.Call{},
		building: map[*types.Func]bool{},
	}
	for _, c := range signals.ResultOf(pass).Calls {
		s.calls[c.Expr] = c
	}
	// In source order, not map order, so that a run's summaries and the
	// order of their sites are those of any other run.
	s.fns = slices.SortedFunc(maps.Keys(s.result.decls), func(f, g *types.Func) int { return cmp.Compare(f.Pos(), g.Pos()) })
	for _, fn := range s.fns {
		s.summarize(fn)
	}
	// A call cycle saw a summary under construction and may have missed what
	// the cycle does: summarise every function again with what is known now,
	// until nothing grows. Summaries only grow, and are bounded, so this ends.
	for changed := s.incomplete; changed; {
		changed = false
		for _, fn := range s.fns {
			changed = s.grow(fn, s.result.funcs[fn]) || changed
		}
	}
	for _, fn := range s.fns {
		if sum := s.result.funcs[fn]; !sum.Subscribes.IsEmpty() || sum.Runs != nil {
			pass.ExportObjectFact(fn, &FuncFact{*sum})
		}
	}
	s.summarizeInit()
	return s.result, nil
}

type summarizer struct {
	pass *analysis.Pass
	// std is set for the standard library, whose endless loops end in ways
	// gracelint does not model (runtime.throw, labelled jumps): only its
	// servers count as long-lived there.
	std    bool
	result *Result       // decls are the functions to summarise
	fns    []*types.Func // the keys of result.decls, in source order
	calls  map[*ast.CallExpr]*signals.Call
	// building holds the functions whose first summary is under way;
	// incomplete is set when a call cycle met one of them.
	building   map[*types.Func]bool
	incomplete bool
	// methods are, by name, this package's methods and those below that
	// subscribe to signals, for calls through interfaces; nil until needed.
	methods map[string][]*types.Func
}

// summarize returns fn's summary, computed on first use. A call cycle sees
// the summary under construction, which may lack what the cycle adds; it
// sets s.incomplete so that run completes the summaries.
func (s *summarizer) summarize(fn *types.Func) *Summary {
	if sum, ok := s.result.funcs[fn]; ok {
		s.incomplete = s.incomplete || s.building[fn]
		return sum
	}
	sum := &Summary{}
	s.result.funcs[fn] = sum
	s.building[fn] = true
	s.grow(fn, sum)
	delete(s.building, fn)
	return sum
}

// grow adds to sum what fn does given the summaries known so far, and
// reports whether sum changed. Summaries only grow: signals and sites are
// added, and the first reason found to run until stopped is kept.
func (s *summarizer) grow(fn *types.Func, sum *Summary) bool {
	decl := s.result.decls[fn]
	set, sites := s.subscriptions(decl.Body)
	changed := false
	if u := sum.Subscribes.Union(set); !sameSet(u, sum.Subscribes) {
		sum.Subscribes, changed = u, true
	}
	if grown := addSites(sum.Sites, sites...); len(grown) > len(sum.Sites) {
		sum.Sites, changed = grown, true
	}
	if sum.Runs == nil {
		sum.Runs = s.runsUntilStopped(decl.Body, funcName(fn))
		changed = changed || sum.Runs != nil
	}
	return changed
}

func sameSet(s, t signals.Set) bool {
	return s.All == t.All && s.Unknown == t.Unknown && slices.Equal(s.Sigs, t.Sigs)
}

// summarizeInit works out what initialising the program up to this package
// subscribes to: init functions, package-level initialisers, and imports.
func (s *summarizer) summarizeInit() {
	var init signals.Set
	var sites []Site
	add := func(set signals.Set, more []Site) {
		init = init.Union(set)
		sites = addSites(sites, more...)
	}
	for _, f := range s.pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "init" && d.Body != nil {
					add(s.subscriptions(d.Body))
				}
			case *ast.GenDecl:
				add(s.subscriptions(d))
			}
		}
	}
	if !init.IsEmpty() {
		s.pass.ExportPackageFact(&PackageFact{Subscribes: init, Sites: sites})
	}
	for _, pf := range s.pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*PackageFact); ok {
			add(f.Subscribes, f.Sites)
		}
	}
	s.result.Init, s.result.InitSites = init, sites
}

// subscriptions collects the signals that n subscribes to, directly or
// through the functions it uses, wherever in n that happens: a handler
// installed in a goroutine or a callback is installed all the same.
func (s *summarizer) subscriptions(n ast.Node) (signals.Set, []Site) {
	var set signals.Set
	var sites []Site
	subscribe := func(call *ast.CallExpr, sigs signals.Set) {
		set = set.Union(sigs)
		pos := s.pass.Fset.PositionFor(call.Pos(), false)
		sites = addSites(sites, Site{File: pos.Filename, Line: pos.Line, Column: pos.Column, Signals: sigs})
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if c := s.calls[n]; c != nil && c.Func.Subscribes() {
				subscribe(n, c.Signals)
			}
			if sigs, ok := installsHandler(s.pass.TypesInfo, n); ok {
				subscribe(n, sigs)
			}
		case *ast.Ident:
			// A function called here, or handed over to be called later (as
			// cobra's RunE: serve): its subscriptions count either way. Not
			// os/signal's own functions, whose generic code the calls above cover.
			fn, ok := s.pass.TypesInfo.Uses[n].(*types.Func)
			if !ok || fn.Pkg() == nil || fn.Pkg().Path() == "os/signal" {
				break
			}
			callees := []*types.Func{fn.Origin()}
			if isInterfaceMethod(fn) {
				callees = s.implementations(fn)
			}
			for _, callee := range callees {
				sum := s.callee(callee)
				set = set.Union(sum.Subscribes)
				sites = addSites(sites, sum.Sites...)
			}
		}
		return true
	})
	return set, sites
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// implementations returns the methods, declared here or in the packages below,
// that a call of the interface method fn may reach and that may subscribe to
// signals: a service's Run called through an interface subscribes all the same.
func (s *summarizer) implementations(fn *types.Func) []*types.Func {
	if s.methods == nil {
		// Candidates by name only: a summary may still be under construction.
		s.methods = map[string][]*types.Func{}
		for _, m := range s.fns {
			if m.Signature().Recv() != nil {
				s.methods[m.Name()] = append(s.methods[m.Name()], m)
			}
		}
		for _, of := range s.pass.AllObjectFacts() {
			m, isFunc := of.Object.(*types.Func)
			f, isSummary := of.Fact.(*FuncFact)
			if isFunc && isSummary && m.Signature().Recv() != nil && !f.Subscribes.IsEmpty() {
				s.methods[m.Name()] = append(s.methods[m.Name()], m)
			}
		}
		for _, ms := range s.methods { // facts come in map order
			slices.SortStableFunc(ms, func(m, n *types.Func) int { return cmp.Compare(m.FullName(), n.FullName()) })
		}
	}
	iface := fn.Signature().Recv().Type().Underlying().(*types.Interface)
	var out []*types.Func
	for _, m := range s.methods[fn.Name()] {
		if implements(m.Signature().Recv().Type(), iface) {
			out = append(out, m)
		}
	}
	return out
}

// implements reports whether a method's receiver type, or a pointer to it,
// implements iface. A generic receiver is assumed to, erring towards a
// subscription found.
func implements(recv types.Type, iface *types.Interface) bool {
	base := recv
	if ptr, isPtr := recv.(*types.Pointer); isPtr {
		base = ptr.Elem()
	} else {
		recv = types.NewPointer(recv)
	}
	if n, ok := base.(*types.Named); ok && n.TypeParams().Len() > 0 {
		return true
	}
	return types.Implements(recv, iface)
}

// addSites appends the sites that sites does not hold yet.
func addSites(sites []Site, more ...Site) []Site {
	for _, m := range more {
		if !slices.ContainsFunc(sites, func(s Site) bool { return s.File == m.File && s.Line == m.Line && s.Column == m.Column }) {
			sites = append(sites, m)
		}
	}
	return sites
}

// callee returns the summary of a called function, here or imported.
func (s *summarizer) callee(fn *types.Func) Summary {
	if _, ok := s.result.decls[fn]; ok {
		return *s.summarize(fn)
	}
	return s.result.Func(fn)
}

func staticCallee(info *types.Info, call *ast.CallExpr) *types.Func {
	if fn := typeutil.StaticCallee(info, call); fn != nil {
		return fn.Origin()
	}
	return nil
}

// handlerInstallers are well-known library functions that subscribe to
// SIGINT and SIGTERM, for programs whose dependencies are not analysed from
// source (facts would find them otherwise).
var handlerInstallers = map[string]bool{
	"sigs.k8s.io/controller-runtime/pkg/manager/signals.SetupSignalHandler": true,
	"sigs.k8s.io/controller-runtime.SetupSignalHandler":                     true, // a variable aliasing the above
	"k8s.io/apiserver/pkg/server.SetupSignalHandler":                        true,
	"k8s.io/apiserver/pkg/server.SetupSignalContext":                        true,
	"k8s.io/sample-controller/pkg/signals.SetupSignalHandler":               true,
	"knative.dev/pkg/signals.SetupSignalHandler":                            true,
	"knative.dev/pkg/signals.NewContext":                                    true,
}

func installsHandler(info *types.Info, call *ast.CallExpr) (signals.Set, bool) {
	obj := typeutil.Callee(info, call)
	if obj == nil || obj.Pkg() == nil || !handlerInstallers[obj.Pkg().Path()+"."+obj.Name()] {
		return signals.Set{}, false
	}
	return signals.Of(signals.SIGINT, signals.SIGTERM), true
}

// funcName names fn for messages the way Go code spells it from outside:
// pkg.F or pkg.(*T).M.
func funcName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		return fn.Pkg().Name() + ".(" + types.TypeString(recv.Type(), types.RelativeTo(fn.Pkg())) + ")." + fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// isStandard reports whether pass analyses a standard library package: one
// outside any module whose path's first element has no dot, the go command's
// own rule for reserving standard import paths. Outside a module, Module is nil
// (unitchecker, go vet) or empty (x/tools' checker and golangci-lint).
func isStandard(pass *analysis.Pass) bool {
	first, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	return (pass.Module == nil || pass.Module.Path == "") && !strings.Contains(first, ".")
}
