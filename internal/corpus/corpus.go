// Package corpus finds, for tests and benchmarks, the shared corpus of real
// Dockerfiles and entrypoint scripts that sits beside the project's checkout
// on the team's machines and in CI (../shared/corpus/dockerfiles), not in a
// user's clone: without it the caller is skipped.
package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/findup"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// Files returns the corpus directory and the files its MANIFEST.tsv lists of
// kind ("dockerfile" or "script"), as paths relative to it. The manifest's
// columns are repo, commit, path, kind; repo owner/name is stored as owner__name.
// Without the corpus the caller is skipped.
func Files(tb testing.TB, kind string) (dir string, files []string) {
	tb.Helper()
	return FilesIn(tb, "dockerfiles", kind)
}

// FilesIn is Files for the corpus named name: "dockerfiles", or "manifests"
// (real compose files and Kubernetes manifests, of kind "compose" or "k8s").
func FilesIn(tb testing.TB, name, kind string) (dir string, files []string) {
	tb.Helper()
	dir, files, err := FindIn(name, kind)
	if errors.Is(err, errNone) {
		tb.Fatal(err)
	}
	if err != nil {
		tb.Skipf("%v (the corpus sits beside the project's checkout on the team's machines and in CI)", err)
	}
	return dir, files
}

// Find is Files for a caller that goes on without the corpus, such as a fuzz
// target seeding from it.
func Find(kind string) (dir string, files []string, err error) {
	return FindIn("dockerfiles", kind)
}

// FindIn is Find for the corpus named name.
func FindIn(name, kind string) (dir string, files []string, err error) {
	mod, err := findup.Nearest(".", "go.mod")
	if err != nil || mod == "" {
		return "", nil, fmt.Errorf("no go.mod above the working directory (%v)", err)
	}
	dir = filepath.Join(filepath.Dir(mod), "..", "shared", "corpus", name)
	manifest := filepath.Join(dir, "MANIFEST.tsv")
	data, err := regularfile.Read(manifest, maxManifest)
	if err != nil {
		return "", nil, fmt.Errorf("corpus not found at %s: %w", dir, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 4 && cols[3] == kind {
			files = append(files, filepath.Join(strings.ReplaceAll(cols[0], "/", "__"), filepath.FromSlash(cols[2])))
		}
	}
	if err := sc.Err(); err != nil {
		return "", nil, err
	}
	if len(files) == 0 {
		return "", nil, fmt.Errorf("%s: %w %s", manifest, errNone, kind)
	}
	return dir, files, nil
}

// errNone is the error of a manifest without a file of the kind asked for.
var errNone = errors.New("lists no")

// maxManifest bounds MANIFEST.tsv: a line per file, a few thousand files.
const maxManifest = 4 << 20
