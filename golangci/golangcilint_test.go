package golangci

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gracelint/gracelint/goanalysis"
	"github.com/gracelint/gracelint/internal/golint"
	"github.com/gracelint/gracelint/internal/rule"
)

// golangciModule and golangciVersion are the golangci-lint release the plugin is
// built into, as docs/CI.md's .custom-gcl.yml pins it.
const (
	golangciModule  = "github.com/golangci/golangci-lint/v2"
	golangciVersion = "v2.15.0"
	pluginImport    = "github.com/gracelint/gracelint/golangci"
)

// golangciConfig is docs/CI.md's .golangci.yml: it enables only gracelint and
// maps the severity that leads each message onto golangci-lint's severities.
const golangciConfig = `version: "2"
linters:
  default: none
  enable:
    - gracelint
  settings:
    custom:
      gracelint:
        type: module
        description: Go programs that will not shut down gracefully when their container is stopped
        original-url: github.com/gracelint/gracelint
        settings: # optional: .gracelint.yaml's keys, for the Go rules
          disable: [] # rule ids or names, e.g. [GL204]
          severity: {} # e.g. {GL204: error}
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
severity:
  default: error
  rules:
    - linters: [gracelint]
      text: "^warning: "
      severity: warning
    - linters: [gracelint]
      text: "^info: "
      severity: info
`

// TestGolangciLint builds golangci-lint with the plugin as `golangci-lint custom`
// does, runs it over testdata/mod, and checks that it reports what gracelint
// reports, at the same places, and that --fix writes the .golden files.
func TestGolangciLint(t *testing.T) {
	bin := customGolangciLint(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "mod"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(golangciConfig), 0o644); err != nil {
		t.Fatal(err)
	}

	// ./cmd/withstop alone leaves package stop, whose facts say it handles
	// SIGTERM, to golangci-lint's dependency analysis: a GL201 there would mean
	// the facts did not cross.
	for _, pattern := range []string{"./...", "./cmd/withstop"} {
		got := golangciIssues(t, bin, dir, pattern)
		want := gracelintFindings(t, dir, pattern)
		if pattern == "./..." {
			for _, r := range goanalysis.Rules {
				if !strings.Contains(strings.Join(want, "\n"), "("+r.ID+" ") {
					t.Fatalf("gracelint found no %s in testdata/mod: the comparison would not cover it", r.ID)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("golangci-lint run %s reported\n\t%s\nwant what gracelint reports\n\t%s", pattern,
				strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	}

	runTool(t, dir, bin, "run", "--allow-parallel-runners", "--fix", "./...")
	goldens, err := filepath.Glob(filepath.Join("testdata", "mod", "*", "*", "*.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no .golden files in testdata/mod (%v)", err)
	}
	for _, golden := range goldens {
		rel, _ := filepath.Rel(filepath.Join("testdata", "mod"), strings.TrimSuffix(golden, ".golden"))
		wantSrc, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		gotSrc, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gotSrc, wantSrc) {
			t.Errorf("golangci-lint run --fix wrote %s as\n%s\nwant %s:\n%s", rel, gotSrc, golden, wantSrc)
		}
	}
}

// golangciIssues runs golangci-lint over pattern in dir and returns its issues as
// "file:line:col: severity: text", sorted. golangci-lint's own cache is kept in
// the test's temporary directory, so that every run analyses.
func golangciIssues(t *testing.T, bin, dir, pattern string) []string {
	t.Helper()
	start := time.Now()
	out := runTool(t, dir, bin, "run", "--allow-parallel-runners", "--output.json.path=stdout", "--show-stats=false", pattern)
	t.Logf("golangci-lint run %s took %v", pattern, time.Since(start).Round(time.Millisecond))
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Severity   string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("golangci-lint's JSON: %v\n%s", err, out)
	}
	var issues []string
	for _, is := range report.Issues {
		if is.FromLinter != Name {
			t.Errorf("issue from %s, want only %s's: %s", is.FromLinter, Name, is.Text)
		}
		// The severity mapping of golangciConfig must agree with the message's.
		if sev, _, _ := strings.Cut(is.Text, ": "); sev != is.Severity {
			t.Errorf("%s:%d: severity %q, want %q, the message's", is.Pos.Filename, is.Pos.Line, is.Severity, sev)
		}
		issues = append(issues, fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, is.Pos.Column, is.Text))
	}
	slices.Sort(issues)
	return issues
}

// gracelintFindings returns what `gracelint pattern` reports in dir, formatted
// as golangciIssues formats golangci-lint's.
func gracelintFindings(t *testing.T, dir, pattern string) []string {
	t.Helper()
	res, err := golint.Lint(&golint.Config{Dir: dir, Patterns: []string{pattern},
		Analyzers: goanalysis.Analyzers, Rules: rule.NewSet(goanalysis.Rules...)})
	if err != nil {
		t.Fatal(err)
	}
	var findings []string
	for _, f := range res.Findings {
		rel, err := filepath.Rel(dir, f.File)
		if err != nil {
			t.Fatal(err)
		}
		findings = append(findings, fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(rel), f.Line, f.Column, f.Text()))
	}
	slices.Sort(findings)
	return findings
}

// runTool runs name with args in dir and returns its standard output. golangci-lint
// exits 1 when it reports issues, which is no failure here. Each run has a cache
// of its own, so the tests pass --allow-parallel-runners rather than wait for, or
// fail beside, another golangci-lint on the machine.
func runTool(t *testing.T, dir, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 1 && filepath.Base(name) == customName {
		err = nil
	}
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return out
}

// customName is the binary's name, custom-gcl as `golangci-lint custom` names it.
const customName = "custom-gcl"

// customGolangciLint returns golangci-lint built with the plugin, from the user
// cache when an identical build is there. It builds it (minutes) only under
// GRACELINT_GOLANGCI=require, where a failure to build fails the test; otherwise
// it skips.
func customGolangciLint(t *testing.T) string {
	t.Helper()
	require := os.Getenv("GRACELINT_GOLANGCI") == "require"
	fail := t.Skipf
	if require {
		fail = t.Fatalf
	}
	root, key, err := buildKey()
	if err != nil {
		fail("cannot tell which golangci-lint build this checkout needs: %v", err)
	}
	cacheDir, err := os.UserCacheDir()
	if err != nil {
		fail("no user cache directory to keep golangci-lint in: %v", err)
	}
	builds := filepath.Join(cacheDir, "gracelint-golangci-lint")
	bin := filepath.Join(builds, key, customName)
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	if !require {
		t.Skipf("golangci-lint %s with the gracelint plugin is not built for this checkout (%s); building it takes minutes: set GRACELINT_GOLANGCI=require", golangciVersion, bin)
	}
	start := time.Now()
	if err := buildCustom(t, root, bin); err != nil {
		t.Fatalf("building golangci-lint %s with the plugin: %v", golangciVersion, err)
	}
	t.Logf("built golangci-lint %s with the plugin in %v", golangciVersion, time.Since(start).Round(time.Second))
	// Older builds are for checkouts that no longer exist here.
	old, _ := filepath.Glob(filepath.Join(builds, "*"))
	for _, o := range old {
		if filepath.Base(o) != key {
			os.RemoveAll(o)
		}
	}
	return bin
}

// buildKey returns the module root and a hash of everything the build depends
// on: golangci-lint's version, the Go toolchain, and this checkout's go.mod, go.sum
// and the Go files of every package of the module the plugin imports.
func buildKey() (root, key string, err error) {
	h := sha256.New()
	goVersion, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "", "", fmt.Errorf("go env GOVERSION: %w", err)
	}
	fmt.Fprintf(h, "%s@%s\n%s", golangciModule, golangciVersion, goVersion)
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{end}}{{end}}", ".").Output()
	if err != nil {
		return "", "", fmt.Errorf("go list -deps: %w", err)
	}
	var files []string
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		for _, name := range f[1:] {
			files = append(files, filepath.Join(f[0], name))
		}
	}
	root, err = filepath.Abs("..")
	if err != nil {
		return "", "", err
	}
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", "", err
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return root, hex.EncodeToString(h.Sum(nil))[:16], nil
}

// buildCustom does what `golangci-lint custom` does with a .custom-gcl.yml whose
// plugin has a path (pkg/commands/internal/builder.go), with golangci-lint's
// source from the Go module proxy instead of a git clone: it writes
// cmd/golangci-lint/plugins.go with the plugin's blank import, replaces the
// plugin's module with root, runs go mod tidy, and builds the binary into bin.
func buildCustom(t *testing.T, root, bin string) error {
	var mod struct{ Dir, Error string }
	out, err := goCmd(t, "", "mod", "download", "-json", golangciModule+"@"+golangciVersion)
	if jerr := json.Unmarshal(out, &mod); jerr != nil || err != nil || mod.Error != "" {
		return fmt.Errorf("go mod download: %v %v %s", err, jerr, mod.Error)
	}
	repo := filepath.Join(t.TempDir(), "golangci-lint")
	// The module cache is read-only; the copy must be writable.
	if err := os.CopyFS(repo, os.DirFS(mod.Dir)); err != nil {
		return err
	}
	if err := filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	}); err != nil {
		return err
	}
	plugins := "package main\n\nimport (\n\t_ \"" + pluginImport + "\"\n)\n"
	if err := os.WriteFile(filepath.Join(repo, "cmd", "golangci-lint", "plugins.go"), []byte(plugins), 0o644); err != nil {
		return err
	}
	version := golangciVersion + "-custom-gcl-" + filepath.Base(filepath.Dir(bin))
	for _, args := range [][]string{
		{"mod", "edit", "-replace", "github.com/gracelint/gracelint=" + root},
		{"mod", "tidy"},
		{"build", "-ldflags", fmt.Sprintf("-s -w -X 'main.version=%s' -X 'main.date=%s'", version, time.Now().UTC()), "-o", customName, "./cmd/golangci-lint"},
	} {
		if _, err := goCmd(t, repo, args...); err != nil {
			return err
		}
	}
	// Into the cache by rename, so that no test ever finds half a binary.
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return err
	}
	tmp := bin + ".tmp" + fmt.Sprint(os.Getpid())
	data, err := os.ReadFile(filepath.Join(repo, customName))
	if err != nil {
		return err
	}
	if err := os.WriteFile(tmp, data, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, bin)
}

// goCmd runs the go command in dir, outside any workspace and with the local
// toolchain: the network it may reach is the module proxy.
func goCmd(t *testing.T, dir string, args ...string) ([]byte, error) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	t.Logf("go %s: %v", strings.Join(args[:min(len(args), 2)], " "), time.Since(start).Round(time.Second))
	if err != nil {
		return out, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// TestDocs keeps docs/CI.md's configuration files the ones this test builds and
// runs with.
func TestDocs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "CI.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, want := range []string{
		"# .golangci.yml\n" + golangciConfig + "```",
		"# .custom-gcl.yml\nversion: " + golangciVersion + "\nname: " + customName + "\n",
		"import: " + pluginImport + "\n",
		"golangci-lint/v2/cmd/golangci-lint@" + golangciVersion + "\n",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/CI.md does not hold\n%s", want)
		}
	}
}
