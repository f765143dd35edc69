package cli

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal and returns its terminal side.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

func TestIsTerminal(t *testing.T) {
	if tty := openPTY(t); !isTerminal(tty) {
		t.Errorf("a pseudo-terminal is not taken for a terminal")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) || isTerminal(io.Discard) {
		t.Errorf("a pipe or a buffer is taken for a terminal")
	}
}

// atTerminal makes runs take standard error for a terminal.
func atTerminal(t *testing.T) {
	saved := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { isTerminal = saved })
}

const (
	shellFormDockerfile = "FROM debian:12\nCMD app --port 8080\n"
	quietMain           = "package main\n\nfunc main() {}\n"
)

// lastLine is the last line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// At a terminal a run ends with one line on what it checked and found; in a
// pipe it says nothing more unless -v.
func TestSummaryLine(t *testing.T) {
	dir := files(t, "Dockerfile", shellFormDockerfile, "go.mod", "module example.com/m\n\ngo 1.22\n", "cmd/a/main.go", quietMain, "cmd/b/main.go", quietMain)
	const want = "gracelint: checked 1 Dockerfile, 2 Go packages: 1 finding (1 error)"

	_, _, stderr := run(t, dir, "./...")
	if strings.Contains(stderr, "gracelint: checked") {
		t.Errorf("not at a terminal, stderr has a summary: %q", stderr)
	}
	_, _, stderr = run(t, dir, "-v", "./...")
	if lastLine(stderr) != want {
		t.Errorf("-v: stderr %q, want it to end with %q", stderr, want)
	}
	atTerminal(t)
	code, stdout, stderr := run(t, dir, "./...")
	if code != exitFindings || !strings.Contains(stdout, "GL101") || lastLine(stderr) != want {
		t.Errorf("at a terminal: exit %d, stdout %q, stderr %q; want the finding and %q", code, stdout, stderr, want)
	}
}

// The summary says what was not checked and why; a clean run says so.
func TestSummarySaysWhatWasSkipped(t *testing.T) {
	dir := files(t, "Dockerfile", "FROM debian:12\nCMD [\"app\"]\n", ".gracelint.yaml", "disable: [GL105, GL204]\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.Dockerfile"), 0o644); err != nil {
		t.Fatal(err)
	}
	atTerminal(t)
	_, _, stderr := run(t, dir, "Dockerfile", "pipe.Dockerfile")
	line := lastLine(stderr)
	for _, want := range []string{"gracelint: checked 1 Dockerfile, 0 Go packages: ", "skipped ./pipe.Dockerfile (", "is not a regular file", "; 2 rules disabled in .gracelint.yaml"} {
		if !strings.Contains(line, want) {
			t.Errorf("summary %q lacks %q", line, want)
		}
	}
	_, _, stderr = run(t, files(t, "Dockerfile", "FROM debian:12\nCMD [\"app\"]\n"), "./...")
	if want := "gracelint: checked 1 Dockerfile, 0 Go packages: no findings"; lastLine(stderr) != want {
		t.Errorf("clean run: stderr %q, want %q", stderr, want)
	}
}

// The git hook stays quiet at a terminal, unless -v.
func TestHookRunHasNoSummary(t *testing.T) {
	dir := files(t, "Dockerfile", shellFormDockerfile)
	for _, args := range [][]string{{"init", "-q"}, {"add", "Dockerfile"}} {
		git := exec.Command("git", args...)
		git.Dir = dir
		if out, err := git.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	atTerminal(t)
	code, stdout, stderr := run(t, dir, "hook", "run")
	if code != exitFindings || !strings.Contains(stdout, "GL101") || stderr != "" {
		t.Errorf("hook run: exit %d, stdout %q, stderr %q; want the finding and nothing on stderr", code, stdout, stderr)
	}
	if _, _, stderr := run(t, dir, "hook", "run", "-v"); !strings.HasPrefix(stderr, "gracelint: checked 1 Dockerfile") {
		t.Errorf("hook run -v: stderr %q", stderr)
	}
}

// A mistyped command is named as one, not taken for a missing path; a path
// of that name is linted all the same.
func TestMistypedCommand(t *testing.T) {
	dir := files(t)
	for args, want := range map[string]string{
		"rule":          `gracelint: unknown command "rule": did you mean gracelint rules?`,
		"explian GL101": `gracelint: unknown command "explian": did you mean gracelint explain?`,
		"verfiy img":    `gracelint: unknown command "verfiy": did you mean gracelint verify?`,
		"help rule":     `gracelint help: unknown command "rule": did you mean gracelint help rules?`,
		"hoko install":  `did you mean gracelint hook?`,
	} {
		code, _, stderr := run(t, dir, strings.Fields(args)...)
		if code != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("gracelint %s: exit %d, stderr %q; want 2 and %q", args, code, stderr, want)
		}
	}
	// Far from every command: the usual message about the path.
	if _, _, stderr := run(t, dir, "deploy"); strings.Contains(stderr, "did you mean") {
		t.Errorf("gracelint deploy: %q", stderr)
	}
	// A real directory named like a command is linted.
	dir = files(t, "rule/Dockerfile", shellFormDockerfile)
	if code, stdout, stderr := run(t, dir, "rule"); code != exitFindings || !strings.Contains(stdout, "rule/Dockerfile:2:1") {
		t.Errorf("gracelint rule with a directory rule: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
