package discover

import (
	"os"
	"slices"
	"testing"
)

// Below a root that is in no module (remark42 keeps its module in backend/),
// a walk lints every module it finds, each as a walk of its own.
func TestResolveModulesBelowModulelessRoot(t *testing.T) {
	tree(t, "backend/go.mod", "backend/app/main.go", "backend/tools/go.mod", "frontend/Dockerfile",
		"vendor/x/go.mod", "testdata/y/go.mod")
	got, err := Resolve([]string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"./...", "./backend/...", "./backend/tools/..."}; !slices.Equal(got.GoPatterns, want) {
		t.Errorf("GoPatterns = %q, want %q", got.GoPatterns, want)
	}
	if len(got.NestedModules) != 0 {
		t.Errorf("NestedModules = %q, want none: every module is linted", got.NestedModules)
	}
}

// In a module, a walk stops at nested modules, as go vet's does; they are
// listed, unless a pattern names them.
func TestResolveNestedModulesLeftOut(t *testing.T) {
	tree(t, "go.mod", "main.go", "tools/go.mod", "api/v2/go.mod", "api/v2/x.go", "vendor/z/go.mod")
	for _, tc := range []struct {
		patterns []string
		want     []string
	}{
		{[]string{"./..."}, []string{"api/v2", "tools"}},
		{[]string{"./...", "./tools/..."}, []string{"api/v2"}},
		{[]string{"./api/..."}, []string{"api/v2"}},
		{[]string{"."}, nil}, // no walk, nothing left out
	} {
		got, err := Resolve(tc.patterns)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.NestedModules, tc.want) {
			t.Errorf("Resolve(%q).NestedModules = %q, want %q", tc.patterns, got.NestedModules, tc.want)
		}
	}
	// A workspace names its modules itself.
	if err := os.WriteFile("go.work", []byte("go 1.22\n\nuse (\n\t.\n\t./tools\n)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := Resolve([]string{"./..."}); len(got.NestedModules) != 0 {
		t.Errorf("in a workspace, NestedModules = %q, want none", got.NestedModules)
	}
}
