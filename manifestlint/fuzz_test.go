package manifestlint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
)

// seeds adds the files under testdata and the shared corpus that match glob.
func seeds(f *testing.F, globs ...string) {
	for _, g := range globs {
		names, _ := filepath.Glob(g)
		for _, n := range names {
			if src, err := os.ReadFile(n); err == nil {
				f.Add(src)
			}
		}
	}
}

// checkFindings holds for the findings on src: each on a line of the file,
// and each fix an insertion of exec that, applied, leaves nothing to fix
// there and still reads.
func checkFindings(t *testing.T, name string, src []byte, fs []finding.Finding, relint func([]byte) []finding.Finding) {
	// YAML, and the positions it gives, count a lone CR as a line break too,
	// as most editors do.
	lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(string(src), "\r\n", ""), "\r") + 1
	for _, f := range fs {
		if f.Line < 0 || f.Line > lines {
			t.Errorf("finding on line %d of a %d-line file: %s", f.Line, lines, f.Message)
		}
		if len(f.Fixes) == 0 || f.File != name {
			continue
		}
		e := f.Fixes[0].Edits[0]
		if e.New != "exec " || e.Start != e.End || e.Start < 0 || e.Start > len(src) {
			t.Fatalf("fix %+v is not an insertion of exec", e)
		}
		fixed := append(append(append([]byte(nil), src[:e.Start]...), e.New...), src[e.Start:]...)
		for _, g := range relint(fixed) {
			if g.Rule == f.Rule && g.Line == f.Line && len(g.Fixes) > 0 {
				t.Errorf("after the fix at %d, %s offers another: %s\n%s", e.Start, f.Rule.ID, g.Message, fixed)
			}
		}
	}
}

// FuzzKubernetes: no stream crashes or hangs the Kubernetes reader and its
// rules, and their fixes hold.
func FuzzKubernetes(f *testing.F) {
	seeds(f, "testdata/kube/*.yaml", "../../shared/corpus/manifests/*/*/*.yaml", "../../shared/corpus/manifests/*/*/*/*.yaml")
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "fuzz.yaml"
		lint := func(b []byte) []finding.Finding { return LintKubernetes(name, b, nil) }
		checkFindings(t, name, src, lint(src), lint)
	})
}

// FuzzCompose: no compose file crashes or hangs the compose reader and its
// rules, and their fixes hold.
func FuzzCompose(f *testing.F) {
	seeds(f, "testdata/compose/*/compose.yaml", "../../shared/corpus/manifests/*/*/docker-compose.y*ml", "../../shared/corpus/manifests/*/*/*/docker-compose.y*ml")
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		name := filepath.Join(dir, "compose.yaml")
		lint := func(b []byte) []finding.Finding {
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return LintCompose([]string{name}, nil)
		}
		checkFindings(t, name, src, lint(src), lint)
	})
}
