// Package corpus finds, for tests and benchmarks, the shared corpus of real
// Dockerfiles and entrypoint scripts that sits beside the project's checkout
// on the team's machines and in CI (../shared/corpus/dockerfiles), not in a
// user's clone: without it the caller is skipped.
package corpus

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/findup"
)

// Files returns the corpus directory and the files its MANIFEST.tsv lists of
// kind ("dockerfile" or "script"), as paths relative to it. The manifest's
// columns are repo, commit, path, kind; repo owner/name is stored as owner__name.
func Files(tb testing.TB, kind string) (dir string, files []string) {
	tb.Helper()
	dir = filepath.Join(moduleRoot(tb), "..", "shared", "corpus", "dockerfiles")
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		tb.Skipf("corpus not found at %s (it sits beside the project's checkout on the team's machines and in CI): %v", dir, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 4 && cols[3] == kind {
			files = append(files, filepath.Join(strings.ReplaceAll(cols[0], "/", "__"), filepath.FromSlash(cols[2])))
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatalf("%s lists no %s", f.Name(), kind)
	}
	return dir, files
}

// moduleRoot is the nearest directory above the working directory that holds
// go.mod; a test runs in its package's directory.
func moduleRoot(tb testing.TB) string {
	mod, err := findup.Nearest(".", "go.mod")
	if err != nil || mod == "" {
		tb.Skipf("no go.mod above the test's directory (%v)", err)
	}
	return filepath.Dir(mod)
}
