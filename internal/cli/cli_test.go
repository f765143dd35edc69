package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/RULES.md from the rule registry")

// run calls Main in dir and returns its exit status and output.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// files writes name/content pairs under a fresh directory and returns it.
func files(t *testing.T, kv ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(kv); i += 2 {
		p := filepath.Join(dir, kv[i])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(kv[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// moduleRoot is the repository root, where docs/ and README.md live.
func moduleRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, "..", "..")
}

const brokenDockerfile = "FROM debian\nRUN <<EOF\nnever terminated\n"

func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		args  []string
		want  int
	}{
		{"no files", nil, nil, exitClean},
		{"finding at default fail-on", []string{"Dockerfile", brokenDockerfile}, nil, exitFindings},
		{"finding below fail-on", []string{"Dockerfile", brokenDockerfile, ".gracelint.yaml", "severity: {GL000: info}\n"}, nil, exitClean},
		{"fail-on flag", []string{"Dockerfile", brokenDockerfile, ".gracelint.yaml", "severity: {GL000: info}\n"}, []string{"-fail-on=info"}, exitFindings},
		{"fail-on from config", []string{"Dockerfile", brokenDockerfile, ".gracelint.yaml", "severity: {GL000: warning}\nfail-on: error\n"}, nil, exitClean},
		{"disabled rule", []string{"Dockerfile", brokenDockerfile, ".gracelint.yaml", "disable: [parse-error]\n"}, nil, exitClean},
		{"bad config", []string{".gracelint.yaml", "disable: [GL999]\n"}, nil, exitUsage},
		{"missing path", nil, []string{"does-not-exist"}, exitUsage},
		{"bad flag", nil, []string{"-no-such-flag"}, exitUsage},
		{"bad format", nil, []string{"-format=yaml"}, exitUsage},
		{"bad fail-on", nil, []string{"-fail-on=fatal"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, files(t, tc.files...), tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.want, stdout, stderr)
			}
		})
	}
}

func TestBadConfigNamesPosition(t *testing.T) {
	_, _, stderr := run(t, files(t, ".gracelint.yaml", "fail-on: error\ndisable: [GL999]\n"))
	if !strings.Contains(stderr, ".gracelint.yaml:2:11: unknown rule \"GL999\"") {
		t.Errorf("stderr = %q, want the config path with line:col of the unknown rule", stderr)
	}
	// The file is named relative to the working directory, also from below it.
	dir := files(t, ".gracelint.yaml", "fail-on: [error]\n", "sub/x", "")
	for wd, want := range map[string]string{dir: "gracelint: ./.gracelint.yaml:1:10: fail-on: want a single value\n",
		filepath.Join(dir, "sub"): "gracelint: ../.gracelint.yaml:1:10: fail-on: want a single value\n"} {
		if code, _, stderr := run(t, wd); code != exitUsage || stderr != want {
			t.Errorf("in %s: exit %d, stderr %q; want %d, %q", wd, code, stderr, exitUsage, want)
		}
	}
}

func TestOutputPathsAndFormats(t *testing.T) {
	dir := files(t, "svc/Dockerfile", brokenDockerfile, "Dockerfile", brokenDockerfile)
	code, stdout, _ := run(t, dir, "-format=text", "-format=json:out.json")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	want := "./Dockerfile:2:1: error: Dockerfile does not parse: unterminated heredoc (GL000 parse-error)\n" +
		"./svc/Dockerfile:2:1: error: Dockerfile does not parse: unterminated heredoc (GL000 parse-error)\n"
	if stdout != want {
		t.Errorf("text output:\n%s\nwant:\n%s", stdout, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			Rule, File string
			Line       int
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 || rep.Findings[1].File != "./svc/Dockerfile" || rep.Findings[1].Rule != "GL000" || rep.Findings[1].Line != 2 {
		t.Errorf("json output: %s", data)
	}
}

func TestExplainEveryRule(t *testing.T) {
	for _, r := range allRules {
		code, stdout, _ := run(t, t.TempDir(), "explain", r.ID)
		if code != exitClean || !strings.HasPrefix(stdout, r.ID+" "+r.Name) || !strings.Contains(stdout, strings.TrimSpace(r.Doc)) {
			t.Errorf("explain %s: exit %d\n%s", r.ID, code, stdout)
		}
		if r.Summary == "" || strings.TrimSpace(r.Doc) == "" {
			t.Errorf("%s has no summary or doc", r.ID)
		}
	}
	if code, _, stderr := run(t, t.TempDir(), "explain", "GL999"); code != exitUsage || !strings.Contains(stderr, "unknown rule") {
		t.Errorf("explain GL999: exit %d, %s", code, stderr)
	}
}

func TestRulesListsEveryRule(t *testing.T) {
	code, stdout, _ := run(t, t.TempDir(), "rules")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != exitClean || len(lines) != len(allRules) {
		t.Fatalf("rules: exit %d, %d lines for %d rules", code, len(lines), len(allRules))
	}
	for i, r := range allRules {
		if f := strings.Fields(lines[i]); f[0] != r.ID || f[1] != r.Name || f[2] != r.Severity.String() {
			t.Errorf("line %d = %q, want %s %s %s", i, lines[i], r.ID, r.Name, r.Severity)
		}
	}
}

// TestRulesDocIsCurrent keeps docs/RULES.md equal to the registry; run
// `go test ./internal/cli -run RulesDoc -update` after changing a rule.
func TestRulesDocIsCurrent(t *testing.T) {
	var want bytes.Buffer
	writeRulesMarkdown(&want, allRules)
	path := filepath.Join(moduleRoot(t), "docs", "RULES.md")
	if *update {
		if err := os.WriteFile(path, want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("docs/RULES.md is stale: run go test ./internal/cli -run RulesDoc -update")
	}
}

// TestREADMEListsEveryRule: the README is the front door, so every rule is named there.
func TestREADMEListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(moduleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range allRules {
		if !bytes.Contains(readme, []byte(r.ID)) || !bytes.Contains(readme, []byte(r.Name)) {
			t.Errorf("README.md does not list %s %s", r.ID, r.Name)
		}
	}
}

func TestHelpIsTrue(t *testing.T) {
	code, stdout, _ := run(t, t.TempDir(), "-help")
	if code != exitClean {
		t.Errorf("-help exit %d", code)
	}
	for name := range commands {
		if !strings.Contains(stdout, "gracelint "+name) {
			t.Errorf("-help does not list the %s command", name)
		}
	}
}

// Help that is asked for goes to standard output, so it pipes into a pager, and
// succeeds, for every command and every way of asking; a bad flag fails with
// the synopsis and a pointer to the help on stderr. Nothing is linted or run.
func TestHelpEverywhere(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string // the start of standard output
	}{
		{[]string{"-h"}, "usage: gracelint [flags] [patterns]\n"},
		{[]string{"--help"}, "usage: gracelint [flags] [patterns]\n"},
		{[]string{"help"}, "usage: gracelint [flags] [patterns]\n"},
		{[]string{"help", "verify"}, "usage: gracelint verify [flags] IMAGE"},
		{[]string{"verify", "--help"}, "usage: gracelint verify [flags] IMAGE"},
		{[]string{"rules", "-h"}, "usage: gracelint rules"},
		{[]string{"help", "rules"}, "usage: gracelint rules"},
		{[]string{"explain", "-h"}, "usage: gracelint explain RULE..."},
		{[]string{"help", "explain"}, "usage: gracelint explain RULE..."},
		{[]string{"hook", "-h"}, "usage: gracelint hook install"},
		{[]string{"hook", "install", "-h"}, "usage: gracelint hook install [-force]"},
		{[]string{"hook", "run", "-h"}, "usage: gracelint hook run [flags]"},
		{[]string{"help", "version"}, "usage: gracelint version\n"},
		{[]string{"version"}, "gracelint (devel) go1."},
	} {
		code, stdout, stderr := run(t, dir, tc.args...)
		if code != exitClean || !strings.HasPrefix(stdout, tc.want) || stderr != "" {
			t.Errorf("gracelint %q: exit %d, stdout %.60q, stderr %q; want 0 and stdout starting %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	for _, args := range [][]string{{"-nope"}, {"rules", "-nope"}, {"verify", "-nope", "img"}, {"hook", "install", "-nope"},
		// Outside a repository and with nothing staged, hook run still rejects a bad flag.
		{"hook", "run", "-nope"}, {"help", "nope"}} {
		code, stdout, stderr := run(t, dir, args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "nope") || strings.Count(stderr, "\n") > 3 {
			t.Errorf("gracelint %q: exit %d, stdout %q, stderr %q; want 2 and a short message on stderr", args, code, stdout, stderr)
		}
	}
}

// Go fixes carry absolute paths; a diff must name files as git does.
func TestDiffPathsAreRelative(t *testing.T) {
	dir := files(t, "go.mod", "module example.com/d\n\ngo 1.22\n", "cmd/app/main.go", `package main

import (
	"net/http"
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	go http.ListenAndServe(":8080", nil)
	<-c
}
`)
	t.Setenv("GRACELINT_CACHE", "off")
	code, stdout, stderr := run(t, dir, "-diff", "./...")
	if code != exitFindings || !strings.HasPrefix(stdout, "--- a/cmd/app/main.go\n+++ b/cmd/app/main.go\n") {
		t.Errorf("exit %d, diff:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// Bad input is a finding about that input, and the rest of the run goes on; only
// when nothing could be read is the exit status 2.
func TestUnreadableInputs(t *testing.T) {
	dir := files(t, "Dockerfile", brokenDockerfile, "prod/Dockerfile.prod", brokenDockerfile,
		"empty/Dockerfile", "", "dir/Dockerfile/x", "")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"dangling": "nowhere", "linked/Dockerfile": "../prod/Dockerfile.prod"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(link)), 0o755)
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		want int
		out  []string // on stdout, or on stderr when nothing could be read
	}{
		{[]string{"fifo", "dangling", "Dockerfile"}, exitFindings, []string{
			"./Dockerfile:2:1: error: Dockerfile does not parse",
			"./dangling:1:1: error: cannot read: open dangling: no such file or directory (GL000 parse-error)",
			"./fifo:1:1: error: cannot read: fifo is not a regular file (p---------) (GL000 parse-error)"}},
		{[]string{"fifo"}, exitUsage, []string{"./fifo:1:1: error: cannot read", "none of the 1 files could be read"}},
		{[]string{"dangling"}, exitUsage, []string{"./dangling:1:1: error: cannot read", "none of the 1 files could be read"}},
		{[]string{"empty/Dockerfile", "dir/Dockerfile"}, exitFindings, []string{"./empty/Dockerfile:1:1: error: Dockerfile does not parse: file with no instructions"}},
		// A Dockerfile that is a symbolic link is linted as docker build reads it.
		{[]string{"linked"}, exitFindings, []string{"./linked/Dockerfile:2:1: error: Dockerfile does not parse"}},
	} {
		code, stdout, stderr := run(t, dir, tc.args...)
		out := stdout
		if tc.want == exitUsage {
			out = stderr
		}
		for _, w := range tc.out {
			if !strings.Contains(out, w) {
				t.Errorf("gracelint %q: output lacks %q\nstdout:\n%s\nstderr:\n%s", tc.args, w, stdout, stderr)
			}
		}
		if code != tc.want {
			t.Errorf("gracelint %q: exit %d, want %d\nstderr:\n%s", tc.args, code, tc.want, stderr)
		}
	}
}

// Outputs that cannot work are usage errors found before any file is linted:
// an unwritable report path, two outputs on standard output, -fix with -diff.
// Nothing is written, and an existing report is left as it was.
func TestOutputConflicts(t *testing.T) {
	dir := files(t, "Dockerfile", "FROM debian:12\nCMD app run\n", "old.json", "previous run\n")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-format=sarif:missing/dir/out.sarif"}, "cannot write the sarif report: open missing/dir/out.sarif"},
		{[]string{"-format=json:old.json", "-format=sarif:missing/out.sarif"}, "cannot write the sarif report"},
		{[]string{"-format=json:new.json", "-diff", "-format=json"}, "-diff and -format=json would mix on standard output"},
		{[]string{"-format=json", "-format=sarif"}, "-format=json and -format=sarif would mix on standard output"},
		{[]string{"-fix", "-diff"}, "-fix writes the fixes and -diff only shows them"},
	} {
		code, stdout, stderr := run(t, dir, tc.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.msg) {
			t.Errorf("gracelint %q: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.msg)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); string(got) != "FROM debian:12\nCMD app run\n" {
		t.Errorf("-fix -diff changed the Dockerfile:\n%s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "old.json")); string(got) != "previous run\n" {
		t.Errorf("a failed run changed an existing report: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.json")); err == nil {
		t.Errorf("a failed run left a report behind")
	}
	// The text report, the diff and files for the CI formats work together.
	code, stdout, stderr := run(t, dir, "-diff", "-format=sarif:out.sarif", "-format=json:old.json")
	if code != exitFindings || !strings.HasPrefix(stdout, "--- a/Dockerfile\n") || stderr != "" {
		t.Errorf("-diff with file reports: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "old.json")); !json.Valid(got) {
		t.Errorf("old.json is not the new report: %q", got)
	}
}

// A missing pattern that starts with "-" came after the patterns, where Go's
// flag package stops reading flags: the error says flags go first. After
// "--" the user said it is a pattern, and the hint would be wrong.
func TestFlagLikePatterns(t *testing.T) {
	dir := files(t, "Dockerfile", "FROM debian:12\nCMD [\"app\"]\n")
	for _, tc := range []struct {
		args []string
		want string
		hint bool
	}{
		{[]string{"./...", "-x"}, "-x: no such file or directory", true},
		{[]string{"--", "-x"}, "-x: no such file or directory", false},
		{[]string{"-no-color", "--", "./...", "-x"}, "-x: no such file or directory", false},
	} {
		code, _, stderr := run(t, dir, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "flags go before the patterns") != tc.hint {
			t.Errorf("gracelint %q: exit %d, stderr %q; want 2, %q, and the flags hint: %v", tc.args, code, stderr, tc.want, tc.hint)
		}
	}
}

// A report is never written over a file gracelint lints, nor, with -fix, into
// the tree being fixed; the run is refused before anything is linted.
func TestOutputOverInputsRefused(t *testing.T) {
	const dockerfile = "FROM debian:12\nCMD app run\n"
	dir := files(t, "Dockerfile", dockerfile, "svc/Dockerfile", dockerfile, "go.mod", "module example.com/m\n\ngo 1.22\n",
		"main.go", "package main\n\nfunc main() {}\n", ".gracelint.yaml", "fail-on: error\n")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-format=json:Dockerfile"}, "-format=json:Dockerfile would write the report over Dockerfile, which gracelint lints"},
		{[]string{"-format=json:svc/../svc/Dockerfile", "./svc"}, "would write the report over svc/Dockerfile, which gracelint lints"},
		{[]string{"-format=sarif:" + filepath.Join(dir, "svc", "Dockerfile")}, "which gracelint lints"},
		{[]string{"-format=json:main.go"}, "would write the report over main.go, which gracelint lints as Go"},
		{[]string{"-format=json:new.go"}, "would write the report over new.go, which gracelint lints as Go"},
		{[]string{"-format=json:.gracelint.yaml"}, "would write the report over .gracelint.yaml, which gracelint reads"},
		{[]string{"-fix", "-format=json:out.json"}, "-format=json:out.json would write the report inside ., which -fix rewrites"},
		{[]string{"-fix", "-format=json:svc/out.json", "./svc/..."}, "inside svc, which -fix rewrites"},
	} {
		code, stdout, stderr := run(t, dir, tc.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.msg) {
			t.Errorf("gracelint %q: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.msg)
		}
	}
	for _, name := range []string{"Dockerfile", "svc/Dockerfile"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != dockerfile {
			t.Errorf("%s now holds %.80q...", name, got)
		}
	}
	for _, name := range []string{"out.json", "new.go", "svc/out.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("a refused run left %s behind", name)
		}
	}
	// Outside the tree -fix rewrites, and beside linted files without -fix, a report is fine.
	outside := filepath.Join(t.TempDir(), "out.json")
	for _, args := range [][]string{{"-fix", "-format=json:" + outside, "./svc"}, {"-format=json:report.json"}} {
		if code, _, stderr := run(t, dir, args...); code == exitUsage {
			t.Errorf("gracelint %q: exit 2: %s", args, stderr)
		}
	}
}
