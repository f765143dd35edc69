package golint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
)

// env is what the go command tells about the build.
type env struct {
	GoMod, GoWork, GoRoot, GoModCache, GoOS, GoArch string
}

// goCommandEnv is the environment of the go commands gracelint runs: the
// packages are loaded for Linux, which containers run whatever the host is, so
// that a program's files and its signal numbers (SIGSTOP is 17 on macOS, 19 on
// Linux) are those of the binary in the image.
func goCommandEnv() []string {
	return append(os.Environ(), "GOOS=linux")
}

func goEnv(dir string) (*env, error) {
	cmd := exec.Command("go", "env", "-json", "GOMOD", "GOWORK", "GOROOT", "GOMODCACHE", "GOOS", "GOARCH")
	cmd.Dir = dir
	cmd.Env = goCommandEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var v map[string]string
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	return &env{GoMod: v["GOMOD"], GoWork: v["GOWORK"], GoRoot: v["GOROOT"],
		GoModCache: v["GOMODCACHE"], GoOS: v["GOOS"], GoArch: v["GOARCH"]}, nil
}

// inModule reports whether the go command sees a module or workspace; outside one
// `go list ./...` fails, and a directory of Dockerfiles is no error.
func (e *env) inModule() bool {
	return e.GoMod != "" && e.GoMod != os.DevNull || e.GoWork != "" && e.GoWork != "off"
}

// A node is one package of the import graph.
type node struct {
	meta      *packages.Package // names, files and imports, as go list reports them
	imports   []*node
	root      bool // matched by the patterns: type-checked in full, bodies included
	signals   bool // imports os/signal, directly or indirectly
	inProgram bool // a main root, or a non-standard package it imports
	analysed  bool // rules run here (with bodies and TypesInfo), for findings or facts

	// Set by typeCheck.
	checked  *packages.Package // what the analysis checker reads
	errs     []error           // parse and type errors; go list's are in meta.Errors
	sums     map[string]string // finding.ContentSum of each file as parsed, which fixes apply to
	firstErr *finding.Finding  // GL000 for a root whose files do not parse or type-check
	outcome  *outcome          // what analysing it left, when it is analysed
	blocked  *undownloaded     // a module it needs could not be downloaded
	done     chan struct{}
}

// graph is every package the patterns reach.
type graph struct {
	env   *env
	dir   string // where go list ran
	fset  *token.FileSet
	sizes types.Sizes
	nodes []*node // dependencies before importers
	byPkg map[*packages.Package]*node
}

// loadGraph asks the go command for the packages and their imports, without type
// information: go list then compiles nothing.
func loadGraph(cfg *Config, e *env) (*graph, error) {
	pcfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedForTest,
		Dir:   cfg.Dir,
		Env:   goCommandEnv(),
		Tests: cfg.Tests,
	}
	roots, err := packages.Load(pcfg, cfg.Patterns...)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	g := &graph{env: e, dir: dir, fset: token.NewFileSet(), sizes: types.SizesFor("gc", e.GoArch), byPkg: map[*packages.Package]*node{}}
	packages.Visit(roots, nil, func(p *packages.Package) {
		n := &node{meta: p, done: make(chan struct{})}
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			n.imports = append(n.imports, g.byPkg[p.Imports[path]])
		}
		for _, imp := range n.imports {
			n.signals = n.signals || imp.signals || imp.meta.PkgPath == signalPkg
		}
		g.byPkg[p] = n
		g.nodes = append(g.nodes, n)
	})
	testedAs := map[string]bool{} // packages whose test variant, with all their files, is a root
	for _, p := range roots {
		if p.ForTest == p.PkgPath {
			testedAs[p.PkgPath] = true
		}
	}
	for _, p := range roots {
		// The generated test main only calls the tests; it is no service.
		if !strings.HasSuffix(p.ID, ".test") && !(p.ID == p.PkgPath && testedAs[p.PkgPath]) {
			g.byPkg[p].root = true
		}
	}
	for _, n := range g.nodes {
		if n.root && n.meta.Name == "main" {
			markProgram(n)
		}
	}
	for _, n := range g.nodes {
		n.analysed = n.signals || n.inProgram
	}
	return g, nil
}

// markProgram marks for analysis a main package and the packages outside the
// standard library that it imports, directly or not: whether the program runs
// until stopped may be decided in any of them (a library's Run that serves
// HTTP). The rules know the standard library's servers by name.
func markProgram(n *node) {
	if n.inProgram {
		return
	}
	n.inProgram = true
	for _, imp := range n.imports {
		if imp.meta.Module != nil {
			markProgram(imp)
		}
	}
}

// roots are the packages whose findings the run reports.
func (g *graph) roots() []*node {
	var out []*node
	for _, n := range g.nodes {
		if n.root {
			out = append(out, n)
		}
	}
	return out
}

// loadErrors are the errors go list found in root packages, one per package.
// A root's missing import is reported by the type-checker instead, at the import
// in the root's own file. A pattern naming a directory of Dockerfiles only is no
// error.
func (g *graph) loadErrors() []finding.Finding {
	var out []finding.Finding
	for _, n := range g.roots() {
		errs := n.meta.Errors
		if len(n.meta.GoFiles) == 0 && len(errs) == 1 && strings.Contains(errs[0].Msg, "no Go files in") {
			continue
		}
		if len(errs) > 0 {
			out = append(out, g.listErrorFinding(n.meta, errs[0]))
		}
	}
	return out
}

// failedToLoad reports whether go list found no package for an import.
func failedToLoad(n *node) bool {
	return len(n.meta.GoFiles) == 0 && len(n.meta.Errors) > 0
}

// listErrorFinding places a go list error at its "file:line:col" position, or at
// the package's first file when it has none, or at the directory a "..." walk
// could not read.
func (g *graph) listErrorFinding(p *packages.Package, e packages.Error) finding.Finding {
	if dir, reason, ok := unlistedDir(e.Msg); ok {
		return finding.New(rule.ParseError, absIn(g.dir, dir), 0, 0, 0, 0, fmt.Sprintf(
			"the go command cannot read this directory (%s) and ends its walk of %s here: the Go packages it had not reached are not linted; "+
				"make the directory readable, or name it in go.mod's ignore directive", reason, p.ID))
	}
	if work := g.env.GoWork; work != "" && work != "off" && strings.Contains(e.Msg, "go.work") {
		// The workspace is wrong, not the package: the go command names no
		// place, and the package's directory is only where it ran.
		msg := strings.TrimPrefix(e.Msg, "go: ")
		if strings.HasPrefix(msg, "pattern ") {
			_, msg, _ = strings.Cut(msg, ": ")
		}
		line, col := useLine(work, msg)
		return finding.New(rule.ParseError, work, line, col, line, col, "go.work: "+msg)
	}
	if file, msg, ok := unreadableFile(e.Msg); ok {
		line, col := 1, 1
		if strings.Contains(msg, "NUL") {
			line, col = nulPosition(file)
		}
		return finding.New(rule.ParseError, file, line, col, line, col,
			fmt.Sprintf("package %s does not load: %s: %s", p.PkgPath, filepath.Base(file), msg))
	}
	file, line, col := splitPos(e.Pos)
	if file != "" {
		file = absIn(g.dir, file) // go list writes paths relative to where it ran
	}
	if file == "" && len(p.GoFiles) > 0 {
		file = p.GoFiles[0]
	}
	if file == "" {
		file = p.Dir
	}
	return finding.New(rule.ParseError, file, line, col, line, col, fmt.Sprintf("package %s does not load: %s", p.PkgPath, e.Msg))
}

// moduleErrors turns the go command's refusal of a module or workspace into
// findings. go/packages wraps its standard error as "err: exit status 1:
// stderr: ...". After "go: errors parsing go.mod:" comes one "file:line[:col]:
// message" line per error, a tab-indented line continuing the one before; each
// is placed where it says, with the file's own path in the message made a line
// number. Anything else is one finding on the module's file.
func moduleErrors(m *module, err error) []finding.Finding {
	text := err.Error()
	if _, stderr, ok := strings.Cut(text, "stderr: "); ok {
		text = stderr
	}
	var out []finding.Finding
	var other []string
	parsing := false
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if cont, ok := strings.CutPrefix(line, "\t"); ok && len(out) > 0 {
			out[len(out)-1].Message += " " + strings.TrimSpace(cont)
			continue
		}
		if strings.HasPrefix(line, "go: errors parsing ") {
			parsing = true
			continue
		}
		if pos, msg, ok := strings.Cut(line, ": "); ok && parsing {
			if file, l, c := splitPos(pos); l > 0 {
				file, c = absIn(m.dir, file), max(c, 1) // "go.mod:4: usage: ..." names no column

				out = append(out, finding.New(rule.ParseError, file, l, c, l, c,
					fmt.Sprintf("%s does not parse: %s", filepath.Base(file), lineRefs(m.dir, file, msg))))
				continue
			}
		}
		other = append(other, strings.TrimPrefix(line, "go: "))
	}
	if len(out) == 0 {
		line, col := 1, 1
		if strings.Contains(text, "requires go >=") {
			line, col = goDirective(m.file)
		}
		out = append(out, finding.New(rule.ParseError, m.file, line, col, line, col, strings.Join(other, " ")))
	}
	return out
}

// unreadableFile reads a go list error about one file of the package, "read
// /abs/main.go: unexpected NUL in input", which comes without a position.
func unreadableFile(msg string) (file, reason string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "read ")
	if !ok {
		return "", "", false
	}
	i := strings.LastIndex(rest, ".go: ")
	if i < 0 || !filepath.IsAbs(rest[:i]) {
		return "", "", false
	}
	return rest[:i+3], rest[i+5:], true
}

// nulPosition is where the first NUL byte of file is, or 1:1.
func nulPosition(file string) (line, col int) {
	src, err := regularfile.Read(file, regularfile.MaxSource)
	i := bytes.IndexByte(src, 0)
	if err != nil || i < 0 {
		return 1, 1
	}
	return bytes.Count(src[:i], []byte("\n")) + 1, i - bytes.LastIndexByte(src[:i], '\n')
}

// goDirective is the position of the go line of file, a go.mod or go.work;
// 1:1 when it has none or does not parse.
func goDirective(file string) (line, col int) {
	data, err := regularfile.Read(file, regularfile.MaxSource)
	if err != nil {
		return 1, 1
	}
	var g *modfile.Go
	if filepath.Base(file) == "go.work" {
		if w, err := modfile.ParseWork(file, data, nil); err == nil {
			g = w.Go
		}
	} else if f, err := modfile.ParseLax(file, data, nil); err == nil {
		g = f.Go
	}
	if g == nil || g.Syntax == nil {
		return 1, 1
	}
	return g.Syntax.Start.Line, g.Syntax.Start.LineRune
}

// useLine is the position in the go.work file of the use directive that the
// go command's message msg is about ("cannot load module missing listed in
// go.work file"), or of its first use when msg names none; 1:1 without one.
func useLine(file, msg string) (line, col int) {
	data, err := regularfile.Read(file, regularfile.MaxSource)
	if err != nil {
		return 1, 1
	}
	w, err := modfile.ParseWork(file, data, nil)
	if err != nil || len(w.Use) == 0 {
		return 1, 1
	}
	use := w.Use[0]
	for _, u := range w.Use {
		if strings.Contains(msg, "module "+filepath.Clean(u.Path)+" listed") {
			use = u
			break
		}
	}
	return use.Syntax.Start.Line, use.Syntax.Start.LineRune
}

// lineRefs rewrites the go command's references to places in file within msg,
// "started at /abs/go.mod:4:1)", as line numbers: "started at line 4)".
func lineRefs(dir, file, msg string) string {
	words := strings.Split(msg, " ")
	for i, w := range words {
		ref := strings.TrimRight(w, ").,;")
		if f, l, _ := splitPos(ref); l > 0 && absIn(dir, f) == file {
			words[i] = fmt.Sprintf("line %d%s", l, w[len(ref):])
		}
	}
	return strings.Join(words, " ")
}

// absIn makes absolute a path the go command printed when it ran in dir.
func absIn(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// walkOps are the operations of the errors of the go command's directory walk:
// opening and reading a directory, and the walk's start.
var walkOps = map[string]bool{"open": true, "readdirent": true, "lstat": true}

// unlistedDir reads the error of a "..." pattern whose walk failed on a
// directory, "pattern ./...: open db: permission denied", as the directory,
// relative to where the go command ran or absolute, and the reason. The go
// command stops the walk there, and names only that directory.
func unlistedDir(msg string) (dir, reason string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "pattern ")
	if !ok {
		return "", "", false
	}
	_, rest, _ = strings.Cut(rest, ": ")
	op, rest, _ := strings.Cut(rest, " ")
	i := strings.LastIndex(rest, ": ")
	if !walkOps[op] || i <= 0 {
		return "", "", false
	}
	return rest[:i], rest[i+len(": "):], true
}

// splitPos reads go list's "file:line:col", "file:line" or "file" positions.
func splitPos(pos string) (file string, line, col int) {
	if pos == "-" {
		return "", 0, 0
	}
	var nums []int
	file = pos
	for range 2 {
		i := strings.LastIndexByte(file, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(file[i+1:])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		file = file[:i]
	}
	switch len(nums) {
	case 2:
		return file, nums[0], nums[1]
	case 1:
		return file, nums[0], 0
	}
	return file, 0, 0
}

// run type-checks from source the roots and what they import, and analyses
// what is analysed, each package as soon as its imports are done: the roots
// with bodies, so that each reports its first error as go vet would, and
// TypesInfo where rules run; the other packages for their declarations only,
// which is all an importer needs. Independent packages are checked in
// parallel. A package is parsed only when its imports are checked, and its
// syntax and TypesInfo are dropped once it is analysed, so that at most
// GOMAXPROCS packages hold them at a time. It returns each root's result.
func (g *graph) run(cfg *Config, roots []*node) (map[*node]*result, error) {
	need := map[*node]bool{}
	var mark func(n *node)
	mark = func(n *node) {
		if !need[n] {
			need[n] = true
			for _, imp := range n.imports {
				mark(imp)
			}
		}
	}
	for _, n := range roots {
		mark(n)
	}
	d := newDriver(cfg)
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, n := range g.nodes {
		if !need[n] {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.done)
			for _, imp := range n.imports {
				<-imp.done
			}
			cpu <- struct{}{}
			defer func() { <-cpu }()
			g.parse(n)
			g.check(n)
			if n.analysed {
				n.outcome = d.analyse(n)
			}
			n.checked.Syntax, n.checked.TypesInfo = nil, nil
		}()
	}
	wg.Wait()
	return rootResults(roots)
}

// maxGoFile bounds the Go source file gracelint reads; the go command itself
// rejects none, but no hand-written file comes near.
const maxGoFile = 64 << 20

// parse starts the package the checker will read and parses its files; comments
// are kept only where rules run.
func (g *graph) parse(n *node) {
	p := n.meta
	c := &packages.Package{
		ID: p.ID, Name: p.Name, PkgPath: p.PkgPath, Module: p.Module,
		GoFiles: p.GoFiles, OtherFiles: p.OtherFiles, IgnoredFiles: p.IgnoredFiles,
		Errors: p.Errors, Fset: g.fset, TypesSizes: g.sizes,
		Imports: map[string]*packages.Package{},
	}
	n.checked = c
	if p.PkgPath == "unsafe" {
		return // the type-checker knows it; its file is documentation
	}
	mode := parser.SkipObjectResolution
	if n.analysed {
		mode |= parser.ParseComments
	}
	n.sums = map[string]string{}
	for _, name := range p.GoFiles {
		src, err := regularfile.Read(name, maxGoFile)
		if err != nil {
			n.errs = append(n.errs, err)
			continue
		}
		n.sums[name] = finding.ContentSum(src)
		f, err := parser.ParseFile(g.fset, name, src, mode)
		if err != nil {
			n.errs = append(n.errs, err)
		}
		if f != nil {
			c.Syntax = append(c.Syntax, f)
		}
	}
}

// check type-checks a parsed package whose imports are checked.
func (g *graph) check(n *node) {
	p, c := n.meta, n.checked
	if p.PkgPath == "unsafe" {
		c.Types = types.Unsafe
		return
	}
	imports := map[string]importResult{}
	for path, dep := range p.Imports {
		d := g.byPkg[dep]
		if failedToLoad(d) {
			imports[path] = importResult{err: errors.New(d.meta.Errors[0].Msg)}
			continue
		}
		imports[path] = importResult{pkg: d.checked.Types}
	}
	tc := &types.Config{
		Importer:         importerFunc(func(path string) (*types.Package, error) { return lookup(imports, path) }),
		IgnoreFuncBodies: !n.root && !n.analysed,
		FakeImportC:      true, // cgo is not run; C.x names are left untyped
		Sizes:            g.sizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				c.TypeErrors = append(c.TypeErrors, te)
			}
			n.errs = append(n.errs, err)
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	if n.analysed {
		c.TypesInfo = &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
	}
	c.Types, _ = tc.Check(p.PkgPath, g.fset, c.Syntax, c.TypesInfo)
	c.IllTyped = len(n.errs) > 0 || len(p.Errors) > 0
	if n.root && len(n.errs) > 0 && len(p.Errors) == 0 {
		f := g.errorFinding(p, n.errs[0])
		n.firstErr = &f
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// importResult is what importing a path gives: a package, or go list's reason
// it found none.
type importResult struct {
	pkg *types.Package
	err error
}

func lookup(imports map[string]importResult, path string) (*types.Package, error) {
	r, ok := imports[path]
	if !ok {
		return nil, fmt.Errorf("package %s was not loaded", path)
	}
	return r.pkg, r.err
}

// errorFinding places the first error of a package at its position.
func (g *graph) errorFinding(p *packages.Package, err error) finding.Finding {
	var pos token.Position
	msg := err.Error()
	switch e := err.(type) {
	case types.Error:
		pos, msg = g.fset.PositionFor(e.Pos, false), e.Msg
	case scanner.ErrorList:
		pos, msg = e[0].Pos, e[0].Msg
	}
	if pos.Filename == "" && len(p.GoFiles) > 0 {
		pos.Filename = p.GoFiles[0]
	}
	return finding.New(rule.ParseError, pos.Filename, pos.Line, pos.Column, pos.Line, pos.Column,
		fmt.Sprintf("package %s does not type-check: %s", p.PkgPath, msg))
}
