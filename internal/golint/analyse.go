package golint

import (
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
)

// A driver runs the analyzers on each package as soon as it and its imports
// are type-checked, and then drops its syntax and type information: the
// packages that import it need only its types and its facts. So the memory of a
// run holds the types of the whole graph and the facts, but the syntax of a few
// packages at a time, where go/analysis/checker holds that of every analysed
// package until the end.
type driver struct {
	rules    rule.Set
	forRoots []*analysis.Analyzer // every analyzer, those it requires first
	forDeps  []*analysis.Analyzer // those that use facts, and what they require

	mu    sync.Mutex
	facts map[*types.Package]*packageFacts
}

// packageFacts are the facts exported while analysing one package. They are
// written by that package's analysis only, and read by its importers after it.
type packageFacts struct {
	pkg     *types.Package
	objects map[objectFactKey]analysis.Fact
	ofPkg   map[reflect.Type]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

// An outcome is what analysing one package left: for a root, its result; for
// every package, the first analyzer that failed, so that its importers know
// their facts are missing.
type outcome struct {
	result    *result
	failed    error
	reportErr error // a diagnostic of a category that is no rule: a bug in an analyzer
}

func newDriver(cfg *Config) *driver {
	d := &driver{rules: cfg.Rules, facts: map[*types.Package]*packageFacts{}}
	d.forRoots = withRequired(append(slices.Clip(cfg.Analyzers), program.Analyzer))
	var factful []*analysis.Analyzer
	for _, a := range d.forRoots {
		if len(a.FactTypes) > 0 {
			factful = append(factful, a)
		}
	}
	d.forDeps = withRequired(factful)
	return d
}

// withRequired lists as and every analyzer they require, each after those it
// requires.
func withRequired(as []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	var add func(a *analysis.Analyzer)
	add = func(a *analysis.Analyzer) {
		if slices.Contains(out, a) {
			return
		}
		for _, r := range a.Requires {
			add(r)
		}
		out = append(out, a)
	}
	for _, a := range as {
		add(a)
	}
	return out
}

// analyse runs the analyzers on n, whose imports are analysed: all of them on a
// root, those that make facts on a dependency. A package that does not
// type-check is not analysed, and neither are the analyzers whose facts it
// would have given its importers. Diagnostics of dependencies are not reported.
func (d *driver) analyse(n *node) *outcome {
	c := n.checked
	o := &outcome{}
	if n.root {
		o.result = &result{}
	}
	analyzers := d.forDeps
	if n.root {
		analyzers = d.forRoots
	}
	facts := &packageFacts{pkg: c.Types, objects: map[objectFactKey]analysis.Fact{}, ofPkg: map[reflect.Type]analysis.Fact{}}
	d.mu.Lock()
	d.facts[c.Types] = facts
	d.mu.Unlock()
	results := map[*analysis.Analyzer]any{}
	failed := map[*analysis.Analyzer]error{}
	visible := d.visibleFacts(n)
	for _, a := range analyzers {
		if err := d.cannotRun(n, a, failed); err != nil {
			failed[a] = err
			continue
		}
		pass := d.pass(n, o, a, facts, visible, results)
		res, err := a.Run(pass)
		if err != nil {
			failed[a] = err
			continue
		}
		results[a] = res
		if a == program.Analyzer && o.result != nil {
			o.result.program = res.(*program.Program)
		}
	}
	for _, a := range analyzers {
		if err := failed[a]; err != nil {
			o.failed = fmt.Errorf("%s: %w", a.Name, err)
			break
		}
	}
	return o
}

// maxSourceSize is the largest file a pass may read: generated API clients run
// to a few megabytes.
const maxSourceSize = 64 << 20

// errIllTyped is why nothing runs on a package that does not type-check.
var errIllTyped = errors.New("analysis skipped due to errors in package")

// cannotRun says why a may not run on n: n does not type-check, an analyzer
// a requires failed on n, or a uses facts and failed on an import.
func (d *driver) cannotRun(n *node, a *analysis.Analyzer, failed map[*analysis.Analyzer]error) error {
	if n.checked.IllTyped {
		return errIllTyped
	}
	for _, r := range a.Requires {
		if failed[r] != nil {
			return fmt.Errorf("failed prerequisite %s", r.Name)
		}
	}
	if len(a.FactTypes) > 0 {
		for _, imp := range n.imports {
			if imp.analysed && imp.outcome != nil && imp.outcome.failed != nil {
				return fmt.Errorf("failed prerequisite %s on %s", a.Name, imp.meta.PkgPath)
			}
		}
	}
	return nil
}

// visibleFacts are the facts of n and of the analysed packages below it, as
// go/analysis shows a pass: through the imports of analysed packages.
func (d *driver) visibleFacts(n *node) []*packageFacts {
	seen := map[*node]bool{}
	var out []*packageFacts
	var walk func(n *node)
	walk = func(n *node) {
		for _, imp := range n.imports {
			if seen[imp] || !imp.analysed || imp.checked == nil {
				continue
			}
			seen[imp] = true
			d.mu.Lock()
			f := d.facts[imp.checked.Types]
			d.mu.Unlock()
			if f != nil {
				out = append(out, f)
			}
			walk(imp)
		}
	}
	walk(n)
	return out
}

// pass is the analysis.Pass of a on n.
func (d *driver) pass(n *node, o *outcome, a *analysis.Analyzer, own *packageFacts, visible []*packageFacts, results map[*analysis.Analyzer]any) *analysis.Pass {
	c := n.checked
	resultOf := map[*analysis.Analyzer]any{}
	for _, r := range a.Requires {
		resultOf[r] = results[r]
	}
	var module *analysis.Module
	if m := c.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	factsOf := func(pkg *types.Package) *packageFacts {
		if pkg == c.Types {
			return own
		}
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.facts[pkg]
	}
	all := append([]*packageFacts{own}, visible...)
	return &analysis.Pass{
		Analyzer:     a,
		Fset:         c.Fset,
		Files:        c.Syntax,
		OtherFiles:   c.OtherFiles,
		IgnoredFiles: c.IgnoredFiles,
		Pkg:          c.Types,
		TypesInfo:    c.TypesInfo,
		TypesSizes:   c.TypesSizes,
		TypeErrors:   c.TypeErrors,
		Module:       module,
		ResultOf:     resultOf,
		Report: func(diag analysis.Diagnostic) {
			if o.result != nil {
				d.report(o, a, c.Fset, diag)
			}
		},
		ReadFile: func(name string) ([]byte, error) {
			if !slices.Contains(c.GoFiles, name) && !slices.Contains(c.OtherFiles, name) && !slices.Contains(c.IgnoredFiles, name) {
				return nil, fmt.Errorf("%s is not a file of package %s", name, c.PkgPath)
			}
			return regularfile.Read(name, maxSourceSize)
		},
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			f := factsOf(obj.Pkg())
			return f != nil && copyFact(f.objects[objectFactKey{obj, reflect.TypeOf(fact)}], fact)
		},
		ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
			f := factsOf(pkg)
			return f != nil && copyFact(f.ofPkg[reflect.TypeOf(fact)], fact)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != c.Types {
				panic(fmt.Sprintf("analyzer %s exported a fact about %s, which is not in package %s", a.Name, obj, c.PkgPath))
			}
			own.objects[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
		},
		ExportPackageFact: func(fact analysis.Fact) {
			own.ofPkg[reflect.TypeOf(fact)] = fact
		},
		AllObjectFacts: func() []analysis.ObjectFact {
			var out []analysis.ObjectFact
			for _, f := range all {
				for k, fact := range f.objects {
					if isFactOf(a, k.typ) {
						out = append(out, analysis.ObjectFact{Object: k.obj, Fact: fact})
					}
				}
			}
			return out
		},
		AllPackageFacts: func() []analysis.PackageFact {
			var out []analysis.PackageFact
			for _, f := range all {
				for typ, fact := range f.ofPkg {
					if isFactOf(a, typ) {
						out = append(out, analysis.PackageFact{Package: f.pkg, Fact: fact})
					}
				}
			}
			return out
		},
	}
}

// isFactOf reports whether facts of type typ are a's: a pass sees only its
// own analyzer's facts.
func isFactOf(a *analysis.Analyzer, typ reflect.Type) bool {
	return slices.ContainsFunc(a.FactTypes, func(f analysis.Fact) bool { return reflect.TypeOf(f) == typ })
}

// copyFact copies the fact found, if any, into ptr, as ImportObjectFact and
// ImportPackageFact promise.
func copyFact(found, ptr analysis.Fact) bool {
	if found == nil {
		return false
	}
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(found).Elem())
	return true
}

// report turns a diagnostic of a root into a finding at once: positions are
// resolved while the file set still knows the package's files.
func (d *driver) report(o *outcome, a *analysis.Analyzer, fset *token.FileSet, diag analysis.Diagnostic) {
	f, err := fromDiagnostic(fset, d.rules, a, diag)
	if err != nil {
		o.reportErr = err
		return
	}
	o.result.findings = append(o.result.findings, f)
}
