// Package golint runs gracelint's go/analysis passes over Go packages and turns
// their diagnostics into findings.
//
// It loads from source, never from compiled export data. It type-checks in full,
// function bodies included, the packages named by the patterns, so that each
// reports its first type error, and the packages it analyses; of everything else
// they import, only the declarations. A package is analysed when it imports
// os/signal directly or indirectly (no other package can subscribe to a signal),
// or when it is a main package named by the patterns or a non-standard package
// such a main imports (where the program may serve or loop until stopped). Results
// are cached per root package, keyed by the content of the package and all its
// dependencies.
package golint

import (
	"fmt"
	"go/build"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/findup"
	"github.com/gracelint/gracelint/internal/rule"
)

// Config says what to lint and with which passes.
type Config struct {
	Dir       string   // where the go command runs; "" means the current directory
	Patterns  []string // go/packages patterns, e.g. "./..."
	Tests     bool     // also lint _test.go files
	Analyzers []*analysis.Analyzer
	Rules     rule.Set // maps each diagnostic's Category to its rule
	CacheDir  string   // where results are kept between runs; "" disables the cache
	// Packages, when not nil, is increased by the number of packages linted
	// (those the patterns match), for the summary of what a run checked.
	Packages *int
}

// signalPkg is the package through which every signal subscription passes.
const signalPkg = "os/signal"

// A Result is what Lint found.
type Result struct {
	Findings []finding.Finding
	Programs []Program // the main packages analysed, with what each program does with signals
	Files    []string  // the Go files linted, the only ones a fix may change
}

// Lint loads the packages matching cfg.Patterns and runs cfg.Analyzers on them.
// Each pattern is loaded in the module that holds the
// directory it names, so a module nested in another is linted in its own. Without
// patterns, or outside a Go module, it returns nothing. A package that does not
// load or type-check yields one GL000 finding; the others are analysed all the
// same. The error is reserved for failures of gracelint itself.
func Lint(cfg *Config) (*Result, error) {
	mods, err := byModule(cfg.Dir, cfg.Patterns)
	if err != nil {
		return nil, err
	}
	_, noGo := exec.LookPath("go")
	res := &Result{}
	for _, m := range mods {
		if noGo != nil {
			// A Dockerfile-only image of gracelint may run without Go.
			if m.file != "" {
				res.Findings = append(res.Findings, finding.AtFile(rule.ParseError, m.file,
					"the Go packages were not checked: the go command is not on PATH"))
			}
			continue
		}
		if err := lintModule(cfg, m, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// lintModule is Lint for the patterns of one module; it adds to res.
func lintModule(cfg *Config, m *module, res *Result) error {
	mcfg := *cfg
	cfg = &mcfg
	cfg.Dir, cfg.Patterns = m.dir, m.patterns
	env, err := goEnv(cfg.Dir)
	if err != nil {
		return err
	}
	if !env.inModule() {
		return nil
	}
	g, err := loadGraph(cfg, env)
	if err != nil {
		// The go command rejected the module itself, e.g. a go.mod that does not parse.
		res.Findings = append(res.Findings, moduleErrors(m, err)...)
		return nil
	}

	res.Findings = append(res.Findings, g.loadErrors()...)
	for _, u := range g.undownloadedModules() {
		res.Findings = append(res.Findings, u.finding())
	}
	todo := g.roots()
	if cfg.Packages != nil {
		*cfg.Packages += len(todo)
	}
	for _, n := range todo {
		res.Files = append(res.Files, n.meta.GoFiles...)
	}
	store := openCache(cfg, env)
	defer store.trim()
	var missed []*node
	for _, n := range todo {
		if n.blocked != nil {
			missed = append(missed, n) // the go command may download it next time
		} else if r, ok := store.get(n, cfg.Rules); ok {
			res.Findings = append(res.Findings, r.findings...)
			res.Programs = r.addProgram(res.Programs, n)
		} else {
			missed = append(missed, n)
		}
	}
	if len(missed) == 0 {
		return nil
	}

	results, err := g.run(cfg, missed)
	if err != nil {
		return err
	}
	for _, n := range missed {
		r := results[n]
		if n.blocked != nil {
			// Its errors, or the facts it lacks, are those of the module
			// that was not downloaded, said once on go.mod.
			r.findings = slices.DeleteFunc(r.findings, func(f finding.Finding) bool { return f.Rule == rule.ParseError })
		} else {
			store.put(n, r)
		}
		res.Findings = append(res.Findings, r.findings...)
		res.Programs = r.addProgram(res.Programs, n)
	}
	return nil
}

// A result is what the analysis of one root package gives: its findings, and
// for a main package what its program does with signals.
type result struct {
	findings []finding.Finding
	program  *program.Program // nil unless a main package that was analysed
}

// rootResults are the results of the roots once run has analysed them: a
// root's first type error, or what the analyzers reported; nothing for a root
// that type-checks and that no rule looks at.
func rootResults(roots []*node) (map[*node]*result, error) {
	results := map[*node]*result{}
	for _, n := range roots {
		r := &result{}
		switch o := n.outcome; {
		case n.checked.IllTyped:
			// No rule can judge it; its first error is its one GL000, found
			// here or by loadErrors.
			if n.firstErr != nil {
				r.findings = []finding.Finding{*n.firstErr}
			}
		case !n.analysed: // type-checked only: no rule looks at it
		case o.reportErr != nil:
			return nil, o.reportErr
		case o.failed != nil:
			r.findings = []finding.Finding{notAnalysed(n, o.failed)}
		default:
			r = o.result
			for name, sum := range n.sums {
				// The fixes apply to the bytes the analyzers saw, and to no others.
				finding.StampEdits(r.findings, name, sum)
			}
			// One order for fresh and cached results alike.
			slices.SortFunc(r.findings, finding.Compare)
		}
		results[n] = r
	}
	return results, nil
}

// notAnalysed explains why the analyzers could not run on a package: they do
// not run on a dependency that does not type-check, and their facts are missing
// then; anything else is a bug in an analyzer. Either way the run goes on.
func notAnalysed(n *node, err error) finding.Finding {
	why := err.Error()
	if bad := illTypedDep(n, map[*node]bool{}); bad != nil {
		why = fmt.Sprintf("it imports %s, which does not type-check", bad.meta.PkgPath)
	}
	return finding.AtFile(rule.ParseError, n.meta.GoFiles[0],
		fmt.Sprintf("package %s was not analysed: %s", n.meta.PkgPath, why))
}

// illTypedDep returns an analysed package below n that does not type-check.
func illTypedDep(n *node, seen map[*node]bool) *node {
	for _, imp := range n.imports {
		if seen[imp] || !imp.analysed {
			continue
		}
		seen[imp] = true
		if imp.checked.IllTyped {
			return imp
		}
		if bad := illTypedDep(imp, seen); bad != nil {
			return bad
		}
	}
	return nil
}

// A module is where the go command runs for some of the patterns.
type module struct {
	dir      string   // absolute: that of file, or of the patterns when there is none
	file     string   // the go.mod or go.work nearest above the patterns' directories; "" if none
	patterns []string // relative to dir
}

// byModule groups the patterns by the go.mod or go.work nearest above the
// directory each names, and makes them relative to that file's directory: run
// there, the go command finds the packages of a module nested in another
// (tools/ with its own go.mod), which it refuses to see from the outer one. A
// "..." walk still stops at a nested module, as go vet's does. Patterns that
// name no directory, such as import paths, are the go command's in dir.
func byModule(dir string, patterns []string) ([]*module, error) {
	base, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var mods []*module
	for _, p := range patterns {
		modDir, file := base, findModule(base)
		if d, rest, ok := splitLocal(p); ok {
			if !filepath.IsAbs(d) {
				d = filepath.Join(base, d)
			}
			modDir, file = d, findModule(d)
			if file != "" {
				modDir = filepath.Dir(file)
			}
			rel, err := filepath.Rel(modDir, d)
			if err != nil {
				return nil, err
			}
			p = localPattern(filepath.ToSlash(rel), rest)
		}
		i := slices.IndexFunc(mods, func(m *module) bool { return m.dir == modDir })
		if i < 0 {
			i = len(mods)
			mods = append(mods, &module{dir: modDir, file: file})
		}
		mods[i].patterns = append(mods[i].patterns, p)
	}
	return mods, nil
}

// splitLocal splits a pattern that names a directory, "./cmd/...", "../x",
// "/abs/dir/...", into the directory and what follows it ("..." above); ok is
// false for other patterns.
func splitLocal(pattern string) (dir, rest string, ok bool) {
	p := filepath.ToSlash(pattern)
	if !build.IsLocalImport(p) && !filepath.IsAbs(pattern) {
		return "", "", false
	}
	i := strings.Index(p, "...")
	if i < 0 {
		return pattern, "", true
	}
	j := strings.LastIndexByte(p[:i], '/')
	if j < 0 {
		return "", "", false
	}
	dir, rest = p[:j], p[j+1:]
	if dir == "" {
		dir = "/"
	}
	return filepath.FromSlash(dir), rest, true
}

// localPattern is the pattern for rest (a wildcard, or "") in dir, a
// slash-separated path relative to where the go command runs.
func localPattern(dir, rest string) string {
	p := "."
	if dir != "." {
		p = "./" + dir
	}
	if rest != "" {
		p += "/" + rest
	}
	return p
}

// findModule returns the go.mod or go.work file nearest above dir, or "".
func findModule(dir string) string {
	mod, _ := findup.Nearest(dir, "go.work", "go.mod") // unreadable: no module to lint
	return mod
}
