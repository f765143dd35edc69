package hook_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/internal/cli"
	"github.com/gracelint/gracelint/internal/discover"
	"github.com/gracelint/gracelint/internal/hook"
)

// asGracelint makes this test binary act as the gracelint command when a hook
// script runs it, so the plain hook is tested without building anything.
const asGracelint = "GRACELINT_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asGracelint) == "1" {
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

const (
	broken = "FROM debian\nRUN <<EOF\nnever terminated\n" // GL000 on line 2
	clean  = "FROM debian\nCMD [\"app\"]\n"
)

// repo creates a git repository with the files (name, content pairs), stages
// those named in staged, and returns its root. Git reads no user configuration.
func repo(t *testing.T, staged []string, kv ...string) string {
	t.Helper()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"} {
		t.Setenv(k, "test")
	}
	for _, k := range []string{"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "test@example.com")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	for i := 0; i+1 < len(kv); i += 2 {
		p := filepath.Join(dir, kv[i])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(kv[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(staged) > 0 {
		gitIn(t, dir, append([]string{"add", "--"}, staged...)...)
	}
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// preCommitHook is one entry of .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID, Entry, Files, Exclude string
	PassFilenames             bool `yaml:"pass_filenames"`
}

func preCommitHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var list []preCommitHook
	if err := yaml.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	hooks := map[string]preCommitHook{}
	for _, h := range list {
		hooks[h.ID] = h
	}
	return hooks
}

// selects reports whether pre-commit would pass name to h: it searches the
// path for `files` and not `exclude`, as Python's re.search does.
func (h preCommitHook) selects(t *testing.T, name string) bool {
	files, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatal(err)
	}
	exclude, err := regexp.Compile(h.Exclude)
	if err != nil {
		t.Fatal(err)
	}
	return files.MatchString(name) && (h.Exclude == "" || !exclude.MatchString(name))
}

// The hooks' file patterns must pick the files gracelint itself calls
// Dockerfiles, and .go files only for the hook that loads Go.
func TestPreCommitPatternsMatchDiscovery(t *testing.T) {
	hooks := preCommitHooks(t)
	names := []string{"Dockerfile", "svc/Dockerfile", "Containerfile", "dockerfile", "Dockerfile.prod",
		"a/api.Dockerfile", "Dockerfile.md", "svc/Dockerfile.prod.tmpl", "Dockerfile.dockerignore",
		"mydockerfile", "Dockerfile/README", "main.go", "README.md", "x.dockerfile.md",
		"static/js/highlightjs/dockerfile.min.js", "Dockerfile.sh", "Dockerfile.j2", "Dockerfile.alpine"}
	for _, name := range names {
		isGo := strings.HasSuffix(name, ".go")
		wantDocker := !isGo && discover.IsDockerfile(filepath.Base(name))
		if got := hooks["gracelint-docker"].selects(t, name); got != wantDocker {
			t.Errorf("gracelint-docker selects %s = %v, want %v", name, got, wantDocker)
		}
		if got := hooks["gracelint"].selects(t, name); got != (wantDocker || isGo) {
			t.Errorf("gracelint selects %s = %v, want %v", name, got, wantDocker || isGo)
		}
	}
	for id, h := range hooks {
		if h.Entry != "gracelint" || !h.PassFilenames {
			t.Errorf("hook %s: entry %q, pass_filenames %v", id, h.Entry, h.PassFilenames)
		}
	}
}

// Run the gracelint-docker entry as pre-commit does: the staged files that
// match, as arguments, in the repository root. Exactly those are linted.
func TestPreCommitEntryLintsStagedFiles(t *testing.T) {
	dir := repo(t, []string{"Dockerfile", "svc/Dockerfile.prod", "docs/Dockerfile.md", "README.md"},
		"Dockerfile", broken, "svc/Dockerfile.prod", broken, "docs/Dockerfile.md", broken,
		"README.md", "# hi\n", "unstaged/Dockerfile", broken)
	h := preCommitHooks(t)["gracelint-docker"]
	var args []string
	for _, name := range strings.Fields(gitIn(t, dir, "diff", "--cached", "--name-only")) {
		if h.selects(t, name) {
			args = append(args, name)
		}
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := cli.Main(args, &stdout, &stderr)
	want := "./Dockerfile:2:1: error: Dockerfile does not parse: unterminated heredoc (GL000 parse-error)\n" +
		"./svc/Dockerfile.prod:2:1: error: Dockerfile does not parse: unterminated heredoc (GL000 parse-error)\n"
	if code != 1 || stdout.String() != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", code, stdout.String(), want, stderr.String())
	}
}

func TestInstallRefusesExistingHook(t *testing.T) {
	dir := repo(t, nil)
	t.Chdir(dir)
	theirs := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if err := os.WriteFile(theirs, []byte("#!/bin/sh\nexit 0\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := cli.Main([]string{"hook", "install"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "already exists") {
		t.Errorf("install over an existing hook: exit %d, stderr %q", code, stderr.String())
	}
	if got, _ := os.ReadFile(theirs); string(got) != "#!/bin/sh\nexit 0\n" {
		t.Errorf("existing hook was changed: %q", got)
	}
	if code := cli.Main([]string{"hook", "install", "--force"}, &stdout, &stderr); code != 0 {
		t.Fatalf("install --force: exit %d, %s", code, stderr.String())
	}
	info, err := os.Stat(theirs)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(theirs); string(got) != hook.Script || info.Mode().Perm() != 0o755 {
		t.Errorf("after --force: mode %v, content %q", info.Mode().Perm(), got)
	}
}

// The installed hook, run by git commit, blocks a commit of a staged
// Dockerfile with findings and lets the commit through once it is fixed;
// unstaged files do not count.
func TestInstalledHookGuardsCommit(t *testing.T) {
	dir := repo(t, []string{"Dockerfile"}, "Dockerfile", broken, "other/Dockerfile", broken)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := cli.Main([]string{"hook", "install"}, &stdout, &stderr); code != 0 {
		t.Fatalf("hook install: exit %d, %s", code, stderr.String())
	}
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "gracelint")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv(asGracelint, "1")

	commit := exec.Command("git", "commit", "-q", "-m", "add Dockerfile")
	out, err := commit.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "./Dockerfile:2:1: error: Dockerfile does not parse") {
		t.Fatalf("commit of a broken Dockerfile: err %v, output:\n%s", err, out)
	}
	if strings.Contains(string(out), "other/Dockerfile") {
		t.Errorf("the hook linted an unstaged file:\n%s", out)
	}
	if err := os.WriteFile("Dockerfile", []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, dir, "add", "Dockerfile")
	if out, err := exec.Command("git", "commit", "-q", "-m", "add Dockerfile").CombinedOutput(); err != nil {
		t.Fatalf("commit of a clean Dockerfile failed: %v\n%s", err, out)
	}
}

// The gracelint entry with a staged .go file lints that file's package and no
// other, even when another package of the module has findings too.
func TestPreCommitEntryLintsPackagesOfStagedGoFiles(t *testing.T) {
	const bad = "package main\n\nimport (\n\t\"os/signal\"\n\t\"syscall\"\n)\n\nfunc main() {\n\tsignal.Ignore(syscall.SIGTERM)\n}\n"
	dir := repo(t, []string{"go.mod", "a/main.go"},
		"go.mod", "module example.com/m\n\ngo 1.22\n", "a/main.go", bad, "b/main.go", bad)
	h := preCommitHooks(t)["gracelint"]
	var args []string
	for _, name := range strings.Fields(gitIn(t, dir, "diff", "--cached", "--name-only")) {
		if h.selects(t, name) {
			args = append(args, name)
		}
	}
	if len(args) != 1 || args[0] != "a/main.go" {
		t.Fatalf("pre-commit would pass %v", args)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := cli.Main(args, &stdout, &stderr)
	if code != 1 || !strings.Contains(stdout.String(), "a/main.go:9:") || strings.Contains(stdout.String(), "b/main.go") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s", code, stdout.String(), stderr.String())
	}
}

// Without gracelint on PATH the hook stops the commit and says how to get it:
// where go install put it, when it did, else how to install it from a clone.
func TestHookWithoutGracelintOnPath(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	gopath := t.TempDir()
	run := func() (string, int) {
		cmd := exec.Command("sh", "-c", hook.Script)
		cmd.Env = []string{"PATH=" + filepath.Dir(goBin) + ":/usr/bin:/bin", "GOPATH=" + gopath, "GOENV=off", "GOTOOLCHAIN=local", "HOME=" + gopath}
		out, err := cmd.CombinedOutput()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	out, code := run()
	if code != 1 || !strings.Contains(out, "gracelint is not on PATH") || !strings.Contains(out, "go -C /path/to/gracelint install ./cmd/gracelint") {
		t.Errorf("nothing installed: exit %d, output:\n%s", code, out)
	}
	if err := os.MkdirAll(filepath.Join(gopath, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(gopath, "bin", "gracelint"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, code = run()
	if want := "it is installed in " + filepath.Join(gopath, "bin") + ": add that directory to PATH"; code != 1 || !strings.Contains(out, want) {
		t.Errorf("installed off PATH: exit %d, output:\n%s\nwant %q", code, out, want)
	}
}
