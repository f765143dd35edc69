package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gracelint/gracelint/internal/corpus"
)

// TestMain lets a test run gracelint in processes of its own: with
// GRACELINT_TEST_MAIN set, the test binary is gracelint.
func TestMain(m *testing.M) {
	if os.Getenv("GRACELINT_TEST_MAIN") != "" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// gracelintProcess is gracelint args run in dir as a process of its own.
func gracelintProcess(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GRACELINT_TEST_MAIN=1")
	return cmd
}

// copyTree copies the regular files under from to a fresh directory, writable.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(to, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// sameTrees reports the files whose content differs between two trees.
func sameTrees(t *testing.T, want, got string) {
	t.Helper()
	differ := 0
	filepath.WalkDir(want, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		w, _ := os.ReadFile(path)
		g, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil || !bytes.Equal(w, g) {
			if differ++; differ <= 5 {
				t.Errorf("%s after concurrent runs:\n%s\nwant, as one run leaves it:\n%s", rel, g, w)
			}
		}
		return nil
	})
	if differ > 5 {
		t.Errorf("and %d more files differ", differ-5)
	}
}

// fixConcurrently runs -fix once in a copy of tree, and n times at once in
// another copy, which it returns: every file must end as the single run left
// it, whichever run wrote it, since each writes only over the bytes it linted.
func fixConcurrently(t *testing.T, tree string, n int) string {
	alone, together := copyTree(t, tree), copyTree(t, tree)
	cache := t.TempDir()
	one := gracelintProcess(t, alone, "-fix", "-format=json:"+filepath.Join(t.TempDir(), "out.json"), "./...")
	one.Env = append(one.Env, "GRACELINT_CACHE="+cache)
	if out, err := one.CombinedOutput(); err != nil && one.ProcessState.ExitCode() > 1 {
		t.Fatalf("single run: %v\n%s", err, out)
	}
	var wg sync.WaitGroup
	outs := make([][]byte, n)
	for i := range n {
		cmd := gracelintProcess(t, together, "-fix", "-format=json:"+filepath.Join(t.TempDir(), "out.json"), "./...")
		cmd.Env = append(cmd.Env, "GRACELINT_CACHE="+cache)
		wg.Go(func() {
			out, err := cmd.CombinedOutput()
			if err != nil && cmd.ProcessState.ExitCode() > 1 {
				outs[i] = fmt.Appendf(nil, "%v\n%s", err, out)
			}
		})
	}
	wg.Wait()
	for _, o := range outs {
		if o != nil {
			t.Errorf("concurrent run: %s", o)
		}
	}
	sameTrees(t, alone, together)
	return together
}

// Concurrent gracelint -fix runs on the Dockerfile corpus (pre-commit hooks
// run several at once) must not apply a fix to content another run has
// already fixed: that gave CMD ["java", "-jar", "/app.jar"]/app.jar"] and
// exec exec exec tmux. A Go module beside the Dockerfiles, as in a service's
// repository, keeps each run busy between linting the Dockerfiles and fixing
// them, while the others write.
func TestConcurrentFixDockerfiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs gracelint six times over the corpus")
	}
	dir, _ := corpus.Files(t, "dockerfile")
	tree := copyTree(t, dir)
	for i := 0; i+1 < len(fixableGoModule); i += 2 {
		if err := os.MkdirAll(filepath.Join(tree, filepath.Dir(fixableGoModule[i])), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tree, fixableGoModule[i]), []byte(fixableGoModule[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fixConcurrently(t, tree, 6)
}

// The same for a Go module, where a fix applied twice does not compile.
func TestConcurrentFixGo(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	fixed := fixConcurrently(t, files(t, fixableGoModule...), 4)
	build := exec.Command("go", "vet", "./...")
	build.Dir = fixed
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the module fixed once does not build: %v\n%s", err, out)
	}
}

// fixableGoModule has one Go fix per file.
var fixableGoModule = []string{
	"go.mod", "module example.com/fixme\n\ngo 1.22\n",
	"kill/main.go", `package main

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
	"interrupt/main.go", `package main

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
`,
	"unbuffered/main.go", `package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal)
	signal.Notify(c, syscall.SIGTERM)
	<-c
}
`,
}
