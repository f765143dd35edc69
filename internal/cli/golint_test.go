package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A small service repository: a Dockerfile next to Go commands.
var goModule = []string{
	"go.mod", "module example.com/svc\n\ngo 1.22\n",
	"Dockerfile", brokenDockerfile,
	// GL201: serves, never subscribes to SIGTERM.
	"cmd/api/main.go", `package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
`,
	// GL203 only: a warning.
	"cmd/worker/main.go", `package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM, os.Kill)
	<-c
}
`,
	// GL203 in a test file.
	"cmd/worker/main_test.go", `package main

import (
	"os"
	"os/signal"
	"testing"
)

func TestSignal(t *testing.T) {
	signal.Notify(make(chan os.Signal, 1), os.Kill)
}
`,
	// Two type errors: one GL000.
	"cmd/broken/main.go", `package main

func main() {
	var n int = "one"
	var s string = 2
	_, _ = n, s
}
`,
}

// lintGo runs gracelint in a fresh copy of kv with its own Go result cache and
// returns the exit status and the text report's lines.
func lintGo(t *testing.T, kv []string, args ...string) (int, []string) {
	t.Helper()
	t.Setenv("GRACELINT_CACHE", t.TempDir())
	code, stdout, stderr := run(t, files(t, kv...), append([]string{"-no-color"}, args...)...)
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
	return code, strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
}

// location is the "file:line:col" of a text report line, and its rule id.
func location(line string) string {
	pos, _, _ := strings.Cut(line, ": ")
	id := line[strings.LastIndex(line, "(")+1:]
	id, _, _ = strings.Cut(id, " ")
	return pos + " " + id
}

func TestGoAndDockerfilesInOneReport(t *testing.T) {
	code, lines := lintGo(t, goModule)
	var got []string
	for _, l := range lines {
		got = append(got, location(l))
	}
	want := []string{
		"./Dockerfile:2:1 GL000",
		"./cmd/api/main.go:5:6 GL201",
		"./cmd/broken/main.go:4:14 GL000",
		"./cmd/worker/main.go:11:36 GL203",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s\nreport:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(lines, "\n"))
	}
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
}

func TestGoFindingsSetExitStatus(t *testing.T) {
	worker := append(slices.Clone(goModule[:2]), "cmd/worker/main.go", goModule[7])
	if code, lines := lintGo(t, worker); code != exitFindings {
		t.Errorf("a GL203 warning: exit %d, want %d; report %q", code, exitFindings, lines)
	}
	if code, lines := lintGo(t, worker, "-fail-on=error"); code != exitClean {
		t.Errorf("a GL203 warning with -fail-on=error: exit %d, want %d; report %q", code, exitClean, lines)
	}
}

func TestGoTestsFlag(t *testing.T) {
	const inTest = "./cmd/worker/main_test.go:10:41 GL203"
	for _, tc := range []struct {
		args []string
		want bool
	}{{nil, false}, {[]string{"-tests"}, true}} {
		_, lines := lintGo(t, goModule, append(tc.args, "./cmd/worker")...)
		var got []string
		for _, l := range lines {
			got = append(got, location(l))
		}
		if slices.Contains(got, inTest) != tc.want {
			t.Errorf("args %q: finding in the test file present = %v, want %v; report:\n%s", tc.args, !tc.want, tc.want, strings.Join(lines, "\n"))
		}
	}
}

func TestNoGoModuleIsQuiet(t *testing.T) {
	// No go.mod: the Go files are not linted, and nobody complains.
	_, lines := lintGo(t, slices.Concat([]string{"Dockerfile", brokenDockerfile}, goModule[4:]))
	if len(lines) != 1 || location(lines[0]) != "./Dockerfile:2:1 GL000" {
		t.Errorf("want only the Dockerfile's finding, got %q", lines)
	}
}

// Every path is relative to the working directory, whichever way the patterns
// name the files: Dockerfiles and Go files alike.
func TestPathsFromSubdirectory(t *testing.T) {
	t.Setenv("GRACELINT_CACHE", "off")
	dir := files(t, slices.Concat(goModule[:6], []string{"sub/README", ""})...)
	want := []string{"../Dockerfile:2:1 GL000", "../cmd/api/main.go:5:6 GL201"}
	for _, pattern := range []string{"../...", filepath.Join(dir, "...")} {
		_, stdout, stderr := run(t, filepath.Join(dir, "sub"), "-no-color", pattern)
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
			got = append(got, location(l))
		}
		if !slices.Equal(got, want) {
			t.Errorf("gracelint %s from a subdirectory: %q, want %q\nstderr:\n%s", pattern, got, want, stderr)
		}
	}
}

// A module nested in the repository's (tools/ with its own go.mod) is linted in
// its own module when named, as the pre-commit hook names staged files; a
// "..." walk does not enter it, as go vet's does not (TestNestedModulesNotice).
func TestNestedModule(t *testing.T) {
	repo := slices.Concat(goModule[:6], []string{"tools/go.mod", "module example.com/tools\n\ngo 1.22\n", "tools/main.go", goModule[5]})
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"tools/main.go"}, []string{"./tools/main.go:5:6 GL201"}},
		{[]string{"./tools", "cmd/api/main.go"}, []string{"./cmd/api/main.go:5:6 GL201", "./tools/main.go:5:6 GL201"}},
	} {
		_, lines := lintGo(t, repo, tc.args...)
		var got []string
		for _, l := range lines {
			got = append(got, location(l))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("gracelint %q: %q, want %q\nreport:\n%s", tc.args, got, tc.want, strings.Join(lines, "\n"))
		}
	}
}

// A "..." walk that leaves nested modules out says so once on standard error,
// with the patterns that name them; standard output holds the findings only.
// Below a root in no module, every module found is linted.
func TestNestedModulesNotice(t *testing.T) {
	t.Setenv("GRACELINT_CACHE", "off")
	tools := []string{"tools/go.mod", "module example.com/tools\n\ngo 1.22\n", "tools/main.go", goModule[5]}
	repo := slices.Concat(goModule[:6], tools)
	_, stdout, stderr := run(t, files(t, repo...), "-no-color", "./...")
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		got = append(got, location(l))
	}
	if want := []string{"./Dockerfile:2:1 GL000", "./cmd/api/main.go:5:6 GL201"}; !slices.Equal(got, want) {
		t.Errorf("gracelint ./...: %q, want %q", got, want)
	}
	if want := "gracelint: note: ./... does not enter the nested module ./tools (it has its own go.mod): name it to lint it: gracelint ./... ./tools/...\n"; !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
	// remark42's layout: the module is in backend/, the root has none.
	_, stdout, stderr = run(t, files(t, slices.Concat([]string{"backend/go.mod", "module example.com/backend\n\ngo 1.22\n", "backend/main.go", goModule[5]}, tools)...), "-no-color")
	for _, want := range []string{"./backend/main.go:5:6", "./tools/main.go:5:6"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("below a root in no module, want a finding at %s; got:\n%s", want, stdout)
		}
	}
	if stderr != "" {
		t.Errorf("stderr: %q, want nothing", stderr)
	}
}
