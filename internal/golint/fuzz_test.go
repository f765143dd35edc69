package golint

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/fixer"
	"github.com/gracelint/gracelint/internal/rule"
)

// generatedPrograms are small main programs that subscribe to signals in the
// ways gracelint's Go rules look at, each with a fix or without.
func generatedPrograms() []string {
	signals := []string{"os.Interrupt", "syscall.SIGTERM", "os.Kill", "syscall.SIGKILL", "syscall.SIGSTOP", "syscall.SIGHUP", "syscall.SIGQUIT"}
	var progs []string
	for mask := 1; mask < 1<<len(signals); mask += 7 {
		var sigs []string
		for i, s := range signals {
			if mask&(1<<i) != 0 {
				sigs = append(sigs, s)
			}
		}
		for _, buffer := range []string{"", ", 1"} {
			for _, wait := range []string{"<-c", "for s := range c { println(s) }", "go func() {\n\t\tfor {\n\t\t\ttime.Sleep(time.Second)\n\t\t}\n\t}()\n\t<-c"} {
				progs = append(progs, fmt.Sprintf("package main\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n\t\"syscall\"\n\t\"time\"\n)\n\n"+
					"var _ = time.Second\nvar _ = syscall.SIGTERM\n\nfunc main() {\n\tc := make(chan os.Signal%s)\n\tsignal.Notify(c, %s)\n\t%s\n}\n",
					buffer, strings.Join(sigs, ", "), wait))
			}
		}
	}
	progs = append(progs,
		"package main\n\nimport (\n\t\"context\"\n\t\"os\"\n\t\"os/signal\"\n)\n\nfunc main() {\n\tctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)\n\tdefer stop()\n\t<-ctx.Done()\n}\n",
		"package main\n\nimport (\n\t\"os/signal\"\n\t\"syscall\"\n)\n\nfunc main() {\n\tsignal.Ignore(syscall.SIGTERM, syscall.SIGKILL)\n\tselect {}\n}\n",
	)
	return progs
}

// goFixer type-checks one-file main packages against the standard library,
// read from source once for all of them, and applies the analyzers' fixes.
type goFixer struct {
	imp   types.Importer
	rules rule.Set
}

func newGoFixer() *goFixer {
	return &goFixer{
		imp:   importer.ForCompiler(token.NewFileSet(), "source", nil),
		rules: rule.NewSet(append([]*rule.Rule{rule.ParseError}, goanalysis.Rules...)...),
	}
}

// check parses and type-checks src as main.go; ok is false when it is not a
// valid program.
func (g *goFixer) check(src []byte) (*packages.Package, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil || f.Name.Name != "main" {
		return nil, false
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Implicits: map[ast.Node]types.Object{}, Instances: map[*ast.Ident]types.Instance{}, Scopes: map[ast.Node]*types.Scope{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, FileVersions: map[*ast.File]string{},
	}
	sizes := types.SizesFor("gc", "amd64")
	tc := &types.Config{Importer: g.imp, Sizes: sizes, Error: func(error) {}}
	pkg, err := tc.Check("example.com/fuzz", fset, []*ast.File{f}, info)
	if err != nil {
		return nil, false
	}
	return &packages.Package{ID: "example.com/fuzz", Name: "main", PkgPath: "example.com/fuzz", GoFiles: []string{"main.go"},
		Fset: fset, Syntax: []*ast.File{f}, Types: pkg, TypesInfo: info, TypesSizes: sizes, Imports: map[string]*packages.Package{}}, true
}

// fixOnce runs the analyzers on the valid program src and returns it with one
// round of fixes applied, as -fix plans them.
func (g *goFixer) fixOnce(t *testing.T, src []byte) []byte {
	pkg, ok := g.check(src)
	if !ok {
		t.Fatalf("not a valid program:\n%s", src)
	}
	graph, err := checker.Analyze(goanalysis.Analyzers, []*packages.Package{pkg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s failed on a valid program: %v\n%s", act.Analyzer.Name, act.Err, src)
		}
		for _, d := range act.Diagnostics {
			f, err := fromDiagnostic(pkg.Fset, g.rules, act.Analyzer, d)
			if err != nil {
				t.Fatal(err)
			}
			fs = append(fs, f)
		}
	}
	finding.StampEdits(fs, "main.go", finding.ContentSum(src))
	plan := fixer.NewPlan(fs, func(file string) ([]byte, error) {
		if file != "main.go" {
			t.Fatalf("a fix edits %s", file)
		}
		return src, nil
	})
	if len(plan.Changes) == 0 {
		return src
	}
	return plan.Changes[0].New
}

// FuzzGoFix runs gracelint's Go analyzers on small programs, generated and
// mutated, and applies their fixes as -fix does: every round's result parses
// and type-checks, and once -fix's rounds are done, fixing again changes
// nothing.
func FuzzGoFix(f *testing.F) {
	g := newGoFixer()
	for _, p := range generatedPrograms() {
		if _, ok := g.check([]byte(p)); !ok {
			f.Fatalf("a generated program does not type-check, so it tests nothing:\n%s", p)
		}
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, ok := g.check(src); !ok {
			return
		}
		fixed := src
		for range 3 { // cli's fixRounds
			next := g.fixOnce(t, fixed)
			if bytes.Equal(next, fixed) {
				break
			}
			if _, ok := g.check(next); !ok {
				t.Fatalf("the fixed program does not type-check:\ninput:\n%s\nfixed:\n%s", fixed, next)
			}
			fixed = next
		}
		if again := g.fixOnce(t, fixed); !bytes.Equal(again, fixed) {
			t.Fatalf("fixing the fixed program changed it:\ninput:\n%s\nfixed:\n%s\nagain:\n%s", src, fixed, again)
		}
	})
}
