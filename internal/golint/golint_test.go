package golint

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// The driver is tested with a small analyzer of its own, so that these tests say
// what the driver does whatever the real rules decide.
var (
	notifyRule     = &rule.Rule{ID: "GLT01", Name: "notify-call", Severity: rule.Warning, Summary: "calls signal.Notify"}
	subscriberRule = &rule.Rule{ID: "GLT02", Name: "subscriber-call", Severity: rule.Error, Summary: "calls a function that calls signal.Notify"}
	testRules      = rule.NewSet(rule.ParseError, notifyRule, subscriberRule)

	// ran records the packages testAnalyzer ran on.
	ran packageSet

	testAnalyzer = &analysis.Analyzer{
		Name:      "testnotify",
		Doc:       "reports calls to signal.Notify, and calls to functions that make one",
		FactTypes: []analysis.Fact{new(subscribes)},
		Run:       runTestAnalyzer,
	}
)

type packageSet struct {
	mu    sync.Mutex
	paths []string
}

func (s *packageSet) add(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paths = append(s.paths, path)
}

// take returns the sorted paths recorded and forgets them.
func (s *packageSet) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	paths := s.paths
	s.paths = nil
	slices.Sort(paths)
	return paths
}

// subscribes marks a function that calls signal.Notify: a fact crosses packages.
type subscribes struct{}

func (*subscribes) AFact()         {}
func (*subscribes) String() string { return "subscribes" }

func runTestAnalyzer(pass *analysis.Pass) (any, error) {
	ran.add(pass.Pkg.Path())
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				callee, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
				switch {
				case callee == nil:
				case callee.FullName() == "os/signal.Notify":
					pass.ExportObjectFact(pass.TypesInfo.Defs[fn.Name], new(subscribes))
					pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: notifyRule.ID,
						Message: "signal.Notify call",
						SuggestedFixes: []analysis.SuggestedFix{{Message: "rename the function",
							TextEdits: []analysis.TextEdit{{Pos: call.Fun.Pos(), End: call.Fun.End(), NewText: []byte("signal.Renamed")}}}}})
				case pass.ImportObjectFact(callee, new(subscribes)):
					pass.Report(analysis.Diagnostic{Pos: call.Pos(), Category: subscriberRule.ID,
						Message: fmt.Sprintf("calls %s, which subscribes", callee.Name())})
				}
				return true
			})
		}
	}
	return nil, nil
}

// copyModule copies testdata/mod to a fresh directory, so tests may edit it.
func copyModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/mod")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func lint(t *testing.T, cfg Config) []string {
	t.Helper()
	cfg.Analyzers = []*analysis.Analyzer{testAnalyzer}
	cfg.Rules = testRules
	if cfg.Patterns == nil {
		cfg.Patterns = []string{"./..."}
	}
	res, err := Lint(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	return render(cfg.Dir, res.Findings)
}

// render writes findings as "file:line:col: RULE message", files relative to dir.
func render(dir string, fs []finding.Finding) []string {
	var out []string
	for _, f := range finding.Sort(fs) {
		rel, _ := filepath.Rel(dir, f.File)
		out = append(out, fmt.Sprintf("%s:%d:%d: %s %s", filepath.ToSlash(rel), f.Line, f.Column, f.Rule.ID, f.Message))
	}
	return out
}

func TestLint(t *testing.T) {
	dir := copyModule(t)
	got := lint(t, Config{Dir: dir})
	want := []string{
		`badlib/badlib.go:7:9: GL000 package example.com/mod/badlib does not type-check: cannot use "zero" (untyped string constant) as int value in return statement`,
		// Two type errors in one package give one finding; the rest is still analysed.
		`cmd/broken/main.go:9:14: GL000 package example.com/mod/cmd/broken does not type-check: cannot use "not a number" (untyped string constant) as int value in variable declaration`,
		`cmd/missing/main.go:3:8: GL000 package example.com/mod/cmd/missing does not type-check: could not import example.com/mod/nowhere (no required module provides package example.com/mod/nowhere; to add it:`,
		`cmd/server/main.go:12:4: GLT02 calls Watch, which subscribes`,
		`cmd/usesbad/main.go:1:1: GL000 package example.com/mod/cmd/usesbad was not analysed: it imports example.com/mod/badlib, which does not type-check`,
		`liberr/lib.go:5:8: GL000 package example.com/mod/liberr does not type-check: could not import example.com/mod/gone (no required module provides package example.com/mod/gone; to add it:`,
		`lifecycle/lifecycle.go:12:2: GLT01 signal.Notify call`,
		// Packages no rule looks at are type-checked all the same, bodies included.
		`tally/tally.go:7:18: GL000 package example.com/mod/tally does not type-check: cannot use "none" (untyped string constant) as int value in variable declaration`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// TestAnalysedPackages checks what the rules are run on: packages leading to
// os/signal, main packages and the module packages they import; not a library no
// main imports, not the standard library, not a package that does not type-check.
func TestAnalysedPackages(t *testing.T) {
	dir := copyModule(t)
	ran.take()
	lint(t, Config{Dir: dir})
	want := []string{"example.com/mod/cmd/cli", "example.com/mod/cmd/server", "example.com/mod/lifecycle", "example.com/mod/util"}
	if got := ran.take(); !slices.Equal(got, want) {
		t.Errorf("analysed %q, want %q", got, want)
	}
}

func TestFixOffsets(t *testing.T) {
	dir := copyModule(t)
	res, err := Lint(&Config{Dir: dir, Patterns: []string{"./lifecycle"}, Analyzers: []*analysis.Analyzer{testAnalyzer}, Rules: testRules})
	if err != nil {
		t.Fatal(err)
	}
	fs := res.Findings
	if len(fs) != 1 || len(fs[0].Fixes) != 1 || len(fs[0].Fixes[0].Edits) != 1 {
		t.Fatalf("want one finding with one one-edit fix, got %+v", fs)
	}
	e := fs[0].Fixes[0].Edits[0]
	src, err := os.ReadFile(e.File)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(src[e.Start:e.End]); got != "signal.Notify" {
		t.Errorf("edit replaces %q, want signal.Notify", got)
	}
	if fs[0].EndLine != 12 || fs[0].EndCol != 32 {
		t.Errorf("finding ends at %d:%d, want 12:32 (end of the call)", fs[0].EndLine, fs[0].EndCol)
	}
}

func TestTests(t *testing.T) {
	dir := copyModule(t)
	const inTest = "cmd/server/main_test.go:10:2: GLT01 signal.Notify call"
	if got := lint(t, Config{Dir: dir, Patterns: []string{"./cmd/server"}}); slices.Contains(got, inTest) {
		t.Errorf("without Tests, a _test.go file was linted: %q", got)
	}
	ran.take()
	got := lint(t, Config{Dir: dir, Patterns: []string{"./cmd/server"}, Tests: true})
	if !slices.Contains(got, inTest) {
		t.Errorf("with Tests, want %q among %q", inTest, got)
	}
	// The test variant holds every file of the package: it alone is analysed.
	if analysed := ran.take(); len(slices.Compact(slices.Clone(analysed))) != len(analysed) {
		t.Errorf("with Tests, a package was analysed twice: %q", analysed)
	}
}

func TestOutsideModule(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM scratch\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := lint(t, Config{Dir: dir}); len(got) != 0 {
		t.Errorf("outside a module, got %q, want nothing", got)
	}
}

func TestWithoutGoCommand(t *testing.T) {
	mod := copyModule(t)
	noMod := t.TempDir()
	t.Setenv("PATH", t.TempDir())
	if got := lint(t, Config{Dir: noMod}); len(got) != 0 {
		t.Errorf("no go command, no module: got %q, want nothing", got)
	}
	want := []string{"go.mod:1:1: GL000 the Go packages were not checked: the go command is not on PATH"}
	if got := lint(t, Config{Dir: mod}); !slices.Equal(got, want) {
		t.Errorf("no go command in a module: got %q, want %q", got, want)
	}
}

func TestCache(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, CacheDir: t.TempDir()}

	ran.take()
	first := lint(t, cfg)
	if len(ran.take()) == 0 {
		t.Fatal("the first run analysed nothing")
	}

	if second := lint(t, cfg); !slices.Equal(first, second) {
		t.Errorf("cached findings differ:\n got %q\nwant %q", second, first)
	}
	if got := ran.take(); len(got) != 0 {
		t.Errorf("second run analysed %q, want nothing: every result is cached", got)
	}

	// A change in a dependency invalidates its importers.
	lc := filepath.Join(dir, "lifecycle", "lifecycle.go")
	src, err := os.ReadFile(lc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lc, append([]byte("// Moved down a line.\n"), src...), 0o666); err != nil {
		t.Fatal(err)
	}
	third := lint(t, cfg)
	if got := ran.take(); !slices.Contains(got, "example.com/mod/lifecycle") {
		t.Errorf("after the edit, analysed %q, want the edited package again", got)
	}
	if !slices.Contains(third, "lifecycle/lifecycle.go:13:2: GLT01 signal.Notify call") {
		t.Errorf("after the edit, want the finding one line down, got %q", third)
	}
}

// TestSyntaxErrorInBody checks that a package no rule looks at is parsed in
// full: go list reads only up to its imports. (The file is written here, so
// that gofmt can read the testdata.)
func TestSyntaxErrorInBody(t *testing.T) {
	dir := copyModule(t)
	src := "// Package typo adds.\npackage typo\n\n// Add adds.\nfunc Add(a, b int) int {\n\treturn a +\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "typo"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "typo", "typo.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	want := []string{"typo/typo.go:7:1: GL000 package example.com/mod/typo does not type-check: expected operand, found '}'"}
	if got := lint(t, Config{Dir: dir, Patterns: []string{"./typo"}}); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCacheTypeCheckedOnly checks that the outcome of a package that is only
// type-checked, no rule running on it, is cached like an analysed package's
// findings: a warm run reads it instead of checking the package again, and an
// edit to the package invalidates it.
func TestCacheTypeCheckedOnly(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, CacheDir: t.TempDir()}
	const tallyErr = `tally/tally.go:7:18: GL000 package example.com/mod/tally does not type-check: cannot use "none" (untyped string constant) as int value in variable declaration`
	first := lint(t, cfg)
	if !slices.Contains(first, tallyErr) {
		t.Fatalf("want %q among %q", tallyErr, first)
	}
	if second := lint(t, cfg); !slices.Equal(second, first) {
		t.Errorf("cached findings differ:\n got %q\nwant %q", second, first)
	}

	// The warm run takes the outcome from the cache: an entry rewritten there
	// is what it reports.
	tally := filepath.Join(dir, "tally", "tally.go")
	entry := cacheEntry(t, cfg, "example.com/mod/tally")
	forged := fmt.Sprintf(`{"Key":%q,"Findings":[{"Rule":"GL000","File":%q,"Line":1,"Column":1,"EndLine":1,"EndCol":1,"Message":"from the cache"}]}`, filepath.Base(entry), tally)
	if err := os.WriteFile(entry, []byte(forged), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := lint(t, cfg); !slices.Contains(got, "tally/tally.go:1:1: GL000 from the cache") || slices.Contains(got, tallyErr) {
		t.Errorf("the warm run did not read tally's outcome from the cache: %q", got)
	}

	// Fixed, the package type-checks; that outcome too is cached.
	src := "// Package tally counts.\npackage tally\n\n// Count counts nothing.\nfunc Count() int { return 0 }\n"
	if err := os.WriteFile(tally, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	fixed := lint(t, cfg)
	if want := slices.DeleteFunc(slices.Clone(first), func(f string) bool { return f == tallyErr }); !slices.Equal(fixed, want) {
		t.Errorf("after the fix:\n got %q\nwant %q", fixed, want)
	}
	entry = cacheEntry(t, cfg, "example.com/mod/tally")
	if data, err := os.ReadFile(entry); err != nil || string(data) != `{"Key":"`+filepath.Base(entry)+`","Findings":[]}` {
		t.Errorf("after the fix, tally's cache entry holds %q (%v), want no findings", data, err)
	}
}

// cacheEntry returns the file in which cfg's cache keeps the result of the
// package pkgPath as the module in cfg.Dir now is.
func cacheEntry(t *testing.T, cfg Config, pkgPath string) string {
	t.Helper()
	cfg.Patterns, cfg.Analyzers = []string{"./..."}, []*analysis.Analyzer{testAnalyzer}
	e, err := goEnv(cfg.Dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := loadGraph(&cfg, e)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range g.nodes {
		if n.root && n.meta.PkgPath == pkgPath {
			return openCache(&cfg, e).path(n)
		}
	}
	t.Fatalf("no root package %s", pkgPath)
	return ""
}

// TestLinuxFiles checks that packages are loaded as the image's Linux binary
// is built, whatever the host: a macOS user sees the Linux files.
func TestLinuxFiles(t *testing.T) {
	dir := copyModule(t)
	src := "//go:build linux\n\npackage main\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n)\n\nfunc main() {\n\tsignal.Notify(make(chan os.Signal, 1))\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "cmd", "linux"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cmd", "linux", "main_linux.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOOS", "darwin")
	want := []string{"cmd/linux/main_linux.go:11:2: GLT01 signal.Notify call"}
	if got := lint(t, Config{Dir: dir, Patterns: []string{"./cmd/linux"}}); !slices.Equal(got, want) {
		t.Errorf("with GOOS=darwin, got %q, want %q", got, want)
	}
}

// TestCacheUnwritable checks that a cache directory that cannot be created
// costs time, not the run: even root cannot make a directory under a file.
func TestCacheUnwritable(t *testing.T) {
	dir := copyModule(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	want := lint(t, Config{Dir: dir})
	if got := lint(t, Config{Dir: dir, CacheDir: filepath.Join(file, "cache")}); !slices.Equal(got, want) {
		t.Errorf("with an unwritable cache:\n got %q\nwant %q", got, want)
	}
}

// TestCacheConcurrent runs twice at once on one cache, as two gracelint
// processes may: both give the full result, and what they leave is readable.
func TestCacheConcurrent(t *testing.T) {
	dir := copyModule(t)
	want := lint(t, Config{Dir: dir})
	cfg := Config{Dir: dir, CacheDir: t.TempDir()}
	var wg sync.WaitGroup
	got := make([][]string, 2)
	errs := make([]error, 2)
	for i := range got {
		wg.Go(func() {
			c := cfg
			c.Analyzers, c.Rules, c.Patterns = []*analysis.Analyzer{testAnalyzer}, testRules, []string{"./..."}
			res, err := Lint(&c)
			if errs[i] = err; err == nil {
				got[i] = render(dir, res.Findings)
			}
		})
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !slices.Equal(got[i], want) {
			t.Errorf("concurrent run %d:\n got %q\nwant %q", i, got[i], want)
		}
	}
	ran.take()
	if third := lint(t, cfg); !slices.Equal(third, want) {
		t.Errorf("after the concurrent runs:\n got %q\nwant %q", third, want)
	}
	if analysed := ran.take(); len(analysed) != 0 {
		t.Errorf("after the concurrent runs, analysed %q again, want every result cached", analysed)
	}
}

// TestCacheGoVersion checks that go.mod's go line is part of the key: it
// decides what type-checks.
func TestCacheGoVersion(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, Patterns: []string{"./cmd/iter"}, CacheDir: t.TempDir()}
	src := "package main\n\nfunc main() {\n\tfor range func(func() bool) {} {\n\t}\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "cmd", "iter"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cmd", "iter", "main.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	setGo := func(version string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/mod\n\ngo "+version+"\n"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	setGo("1.23")
	if got := lint(t, cfg); len(got) != 0 {
		t.Fatalf("at go 1.23, range over a func type-checks, got %q", got)
	}
	setGo("1.22")
	got := lint(t, cfg)
	if len(got) != 1 || !strings.Contains(got[0], "requires go1.23") {
		t.Errorf("at go 1.22, want the range over a func reported, got %q", got)
	}
}

func TestIsVetToolCall(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-GL202", "/tmp/go-build1/b001/vet.cfg"}, true},
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"-format", "json", "./..."}, false},
		{[]string{"-V=full", "./..."}, false},
	} {
		if got := IsVetToolCall(tc.args); got != tc.want {
			t.Errorf("IsVetToolCall(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestSplitPos(t *testing.T) {
	for _, tc := range []struct {
		pos       string
		file      string
		line, col int
	}{
		{"/a/b.go:3:8", "/a/b.go", 3, 8},
		{"/a/b.go:3", "/a/b.go", 3, 0},
		{"/a/b.go", "/a/b.go", 0, 0},
		{"C:/a/b.go:3:8", "C:/a/b.go", 3, 8},
		{"", "", 0, 0},
		{"-", "", 0, 0},
	} {
		file, line, col := splitPos(tc.pos)
		if file != tc.file || line != tc.line || col != tc.col {
			t.Errorf("splitPos(%q) = %q, %d, %d; want %q, %d, %d", tc.pos, file, line, col, tc.file, tc.line, tc.col)
		}
	}
}

func TestCacheTrim(t *testing.T) {
	dir := copyModule(t)
	cfg := Config{Dir: dir, CacheDir: t.TempDir()}
	lint(t, cfg) // fills the cache, and trims it: nothing to do yet
	entries, err := filepath.Glob(filepath.Join(cfg.CacheDir, "??", "*"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no cache entries (%v)", err)
	}
	stale := filepath.Join(cfg.CacheDir, "00", strings.Repeat("0", 64)) // named as entries are
	if err := os.MkdirAll(filepath.Dir(stale), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("[]"), 0o666); err != nil {
		t.Fatal(err)
	}
	age := func(d time.Duration, paths ...string) {
		for _, p := range paths {
			if err := os.Chtimes(p, time.Now().Add(-d), time.Now().Add(-d)); err != nil {
				t.Fatal(err)
			}
		}
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }

	age(6*24*time.Hour, append(entries, stale)...)
	lint(t, cfg)
	if !exists(stale) {
		t.Error("trimmed again within a day of the last trim")
	}

	// A day later: the entries this run reads stay, the unused one goes.
	age(6*24*time.Hour, append(entries, stale)...)
	age(25*time.Hour, filepath.Join(cfg.CacheDir, "trimmed"))
	lint(t, cfg)
	if exists(stale) {
		t.Error("an entry unused for 6 days was not trimmed")
	}
	for _, e := range entries {
		if !exists(e) {
			t.Errorf("entry %s was trimmed although this run used it", e)
		}
	}
}

func TestCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/home/u/.cache")
	for _, tc := range []struct{ env, want string }{
		{"/tmp/glc", "/tmp/glc"},
		{"off", ""},
		{"", "/home/u/.cache/gracelint"},
	} {
		t.Setenv("GRACELINT_CACHE", tc.env)
		if got := CacheDir(); got != tc.want {
			t.Errorf("GRACELINT_CACHE=%q: CacheDir() = %q, want %q", tc.env, got, tc.want)
		}
	}
}

// TestNestedModule checks that a package in a module nested in another (tools/
// with its own go.mod) is linted in its own module, whichever directory the run
// starts in, and that a "..." walk stops at the nested module, as go vet's does.
func TestNestedModule(t *testing.T) {
	dir := copyModule(t)
	tools := filepath.Join(dir, "tools")
	if err := os.MkdirAll(tools, 0o777); err != nil {
		t.Fatal(err)
	}
	src := "package main\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n)\n\nfunc main() {\n\tsignal.Notify(make(chan os.Signal, 1))\n}\n"
	for name, content := range map[string]string{"go.mod": "module example.com/tools\n\ngo 1.22\n", "main.go": src} {
		if err := os.WriteFile(filepath.Join(tools, name), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	const inTools = "tools/main.go:9:2: GLT01 signal.Notify call"
	const inLifecycle = "lifecycle/lifecycle.go:12:2: GLT01 signal.Notify call"
	cache := t.TempDir()
	for _, tc := range []struct {
		dir      string
		patterns []string
		want     []string
	}{
		{dir, []string{"./tools"}, []string{inTools}},
		{dir, []string{"./tools/..."}, []string{inTools}},
		{dir, []string{"./lifecycle", filepath.Join(tools, "...")}, []string{inLifecycle, inTools}},
		{tools, []string{".", "../lifecycle"}, []string{inLifecycle, inTools}},
	} {
		for range 2 { // cold, then warm
			ran.take()
			res, err := Lint(&Config{Dir: tc.dir, Patterns: tc.patterns, Analyzers: []*analysis.Analyzer{testAnalyzer}, Rules: testRules, CacheDir: cache})
			if err != nil {
				t.Fatal(err)
			}
			if got := render(dir, res.Findings); !slices.Equal(got, tc.want) {
				t.Errorf("in %s, patterns %q: got %q, want %q", tc.dir, tc.patterns, got, tc.want)
			}
		}
		if analysed := ran.take(); len(analysed) != 0 {
			t.Errorf("patterns %q: the second run analysed %q, want every result cached", tc.patterns, analysed)
		}
	}
	if got := lint(t, Config{Dir: dir}); slices.Contains(got, inTools) {
		t.Errorf("./... entered the nested module: %q", got)
	}
}

// TestModuleDoesNotParse checks that a go.mod or go.work the go command cannot
// read gives a GL000 at the place the go command names, in words of its own,
// without go/packages' wrapping, and with no absolute paths.
func TestModuleDoesNotParse(t *testing.T) {
	t.Setenv("GOTOOLCHAIN", "local")
	for _, tc := range []struct {
		files   []string // name, content, ...
		pattern string
		want    []string
	}{
		{[]string{"go.mod", "module example.com/mod\n\ngo 1.22\nrequire (\n\tfoo v1"}, "./...", []string{
			"go.mod:5:8: GL000 go.mod does not parse: syntax error (unterminated block started at line 4)"}},
		{[]string{"go.mod", "module example.com/mod\n\ngo 1.22\n\nrequire \"foo\n"}, "./...", []string{
			"go.mod:5:13: GL000 go.mod does not parse: unexpected newline in string"}},
		// Every error, and an error's second line with the first.
		{[]string{"go.mod", "module example.com/mod\n\ngo 1.22\nrequire foo\nreplace x\n"}, "./...", []string{
			"go.mod:4:1: GL000 go.mod does not parse: usage: require module/path v1.2.3",
			"go.mod:5:1: GL000 go.mod does not parse: usage: replace module/path [v1.2.3] => other/module v1.4 or replace module/path [v1.2.3] => ../local/directory"}},
		// The go command runs in tools/ and names ../go.work.
		{[]string{"go.work", "go 1.22\nuse (\n./tools\n", "tools/go.mod", "module example.com/tools\n\ngo 1.22\n"}, "./tools", []string{
			"go.work:4:1: GL000 go.work does not parse: syntax error (unterminated block started at line 2)"}},
		// No position from the go command: on the go directive.
		{[]string{"go.mod", "module example.com/mod\n\ngo 1.999\n"}, "./...", []string{
			"go.mod:3:1: GL000 go.mod requires go >= 1.999 (running go " + strings.TrimPrefix(runtime.Version(), "go") + "; GOTOOLCHAIN=local)"}},
		{[]string{"go.work", "// workspace\ngo 1.999\n\nuse .\n"}, "./...", []string{
			"go.work:2:1: GL000 go.work requires go >= 1.999 (running go " + strings.TrimPrefix(runtime.Version(), "go") + "; GOTOOLCHAIN=local)"}},
		// A workspace's errors are on go.work, at the use they are about, not on the directory.
		{[]string{"go.work", "go 1.22\n\nuse .\nuse ./missing\n"}, "./...", []string{
			"go.work:4:1: GL000 go.work: cannot load module missing listed in go.work file: open missing/go.mod: no such file or directory"}},
		{[]string{"go.work", "go 1.22\n\nuse ./tools\n", "tools/go.mod", "module example.com/tools\n\ngo 1.22\n"}, "./...", []string{
			"go.work:3:1: GL000 go.work: directory prefix . does not contain modules listed in go.work or their selected dependencies"}},
	} {
		dir := copyModule(t)
		for i := 0; i < len(tc.files); i += 2 {
			name := filepath.Join(dir, tc.files[i])
			if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(tc.files[i+1]), 0o666); err != nil {
				t.Fatal(err)
			}
		}
		if got := lint(t, Config{Dir: dir, Patterns: []string{tc.pattern}}); !slices.Equal(got, tc.want) {
			t.Errorf("%q, %s:\n got %q\nwant %q", tc.files, tc.pattern, got, tc.want)
		}
	}
}

// unlistableDir makes under parent a directory the go command cannot list and
// returns it with the reason: one no one may read, or for root, whom
// permissions do not stop, one whose path is too long to open.
func unlistableDir(t *testing.T, parent string) (dir, reason string) {
	t.Helper()
	dir = filepath.Join(parent, "db")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o777) })
	} else {
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		name := strings.Repeat("d", 200)
		for rel := name; len(dir) < 4096; rel = filepath.Join(rel, name) {
			if err := root.Mkdir(rel, 0o777); err != nil {
				t.Fatal(err)
			}
			dir = filepath.Join(parent, "db", rel)
		}
	}
	_, err := os.ReadDir(dir)
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		t.Fatalf("%s can be listed (%v)", dir, err)
	}
	return dir, pe.Err.Error()
}

// TestUnlistableDirectory checks that a directory a "..." walk cannot read (a
// database volume owned by root) is named, with the go command's reason, and
// that the packages the go command listed before it are linted all the same.
// (It lists none after it: its walk returns the error.)
func TestUnlistableDirectory(t *testing.T) {
	dir := copyModule(t)
	unlistable, reason := unlistableDir(t, dir)
	got := lint(t, Config{Dir: dir})
	rel, _ := filepath.Rel(dir, unlistable)
	want := filepath.ToSlash(rel) + ":0:0: GL000 the go command cannot read this directory (" + reason + ") and ends its walk of ./... here: " +
		"the Go packages it had not reached are not linted; make the directory readable, or name it in go.mod's ignore directive"
	if !slices.Contains(got, want) {
		t.Errorf("want %.200q among %.600q", want, got)
	}
	if before := "cmd/server/main.go:12:4: GLT02 calls Watch, which subscribes"; !slices.Contains(got, before) {
		t.Errorf("want %q among %.600q", before, got)
	}
}

// TestNULInGoFile checks that a Go file the go command refuses to read (a NUL
// byte in its header) is a GL000 at the NUL in that file, not on the package's
// directory.
func TestNULInGoFile(t *testing.T) {
	t.Setenv("GOTOOLCHAIN", "local")
	dir := copyModule(t)
	name := filepath.Join(dir, "cmd", "zero", "main.go")
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("package main\n\nimport \"f\x00mt\"\n\nfunc main() {}\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	want := []string{"cmd/zero/main.go:3:10: GL000 package example.com/mod/cmd/zero does not load: main.go: unexpected NUL in input"}
	if got := lint(t, Config{Dir: dir, Patterns: []string{"./cmd/zero"}}); !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
