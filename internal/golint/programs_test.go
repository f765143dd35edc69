package golint

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// programs lints the test module and describes each program it returns as
// "importpath binary dir: SIGNALS at file:line:col ...", paths relative to dir.
func programs(t *testing.T, cfg Config) []string {
	t.Helper()
	cfg.Analyzers = []*analysis.Analyzer{testAnalyzer}
	cfg.Rules = testRules
	cfg.Patterns = []string{"./..."}
	res, err := Lint(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range res.Programs {
		rel, _ := filepath.Rel(cfg.Dir, p.Dir)
		mod, _ := filepath.Rel(cfg.Dir, p.ModuleDir)
		s := fmt.Sprintf("%s %s %s %s: %s", p.ImportPath, p.Binary, filepath.ToSlash(rel), mod, p.Subscribes)
		for _, site := range p.Sites {
			file, _ := filepath.Rel(cfg.Dir, site.File)
			s += fmt.Sprintf(" at %s:%d:%d", filepath.ToSlash(file), site.Line, site.Column)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func TestPrograms(t *testing.T) {
	cfg := Config{Dir: copyModule(t), CacheDir: t.TempDir()}
	want := []string{
		// cmd/broken does not type-check and cmd/usesbad imports a package that
		// does not: neither is a program the image rules can judge.
		"example.com/mod/cmd/cli cli cmd/cli .: no signal",
		"example.com/mod/cmd/server server cmd/server .: SIGINT at lifecycle/lifecycle.go:12:2",
	}
	cold := programs(t, cfg)
	if !slices.Equal(cold, want) {
		t.Errorf("got\n%q\nwant\n%q", cold, want)
	}
	ran.take()
	warm := programs(t, cfg)
	if len(ran.take()) != 0 {
		t.Error("the second run analysed packages again: results were not cached")
	}
	if !slices.Equal(warm, want) {
		t.Errorf("from the cache, got\n%q\nwant\n%q", warm, want)
	}
}

func TestBinaryName(t *testing.T) {
	for path, want := range map[string]string{
		"example.com/svc/cmd/api": "api",
		"example.com/tool/v2":     "tool",
		"example.com/tool/v1":     "v1",
		"example.com/tool/v02":    "v02",
		"v3":                      "v3",
	} {
		if got := binaryName(path); got != want {
			t.Errorf("binaryName(%q) = %q, want %q", path, got, want)
		}
	}
}
