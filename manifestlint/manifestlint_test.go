package manifestlint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/manifest/compose"
	"github.com/gracelint/gracelint/internal/manifest/skaffold"
)

// wantComment marks a line where a finding is expected: "# want GL301 error".
var wantComment = regexp.MustCompile(`# want (GL[0-9]{3}) (error|warning|info)`)

// wants reads the expected findings of files, as "file:line: GL301 error".
func wants(t *testing.T, files ...string) []string {
	t.Helper()
	var out []string
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
				out = append(out, fmt.Sprintf("%s:%d: %s %s", name, i+1, m[1], m[2]))
			}
		}
	}
	slices.Sort(out)
	return out
}

func got(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d: %s %s", f.File, f.Line, f.Rule.ID, f.Severity))
	}
	slices.Sort(out)
	return out
}

func messages(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n%s:%d:%d: %s: %s (%s)", f.File, f.Line, f.Column, f.Severity, f.Message, f.Rule.ID)
	}
	return b.String()
}

func TestKubernetes(t *testing.T) {
	files, _ := filepath.Glob("testdata/kube/*.yaml")
	for _, name := range files {
		if filepath.Base(name) == "block.yaml" {
			continue // TestBlockScalars
		}
		t.Run(filepath.Base(name), func(t *testing.T) { checkKubernetes(t, name) })
	}
}

func TestCompose(t *testing.T) {
	t.Setenv("STOP", "")
	os.Unsetenv("STOP")
	dirs, _ := filepath.Glob("testdata/compose/*")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			files := compose.Project(dir, names)
			fs := LintCompose(files, nil)
			if g, w := got(fs), wants(t, files...); !slices.Equal(g, w) {
				t.Errorf("got\n%s\nwant\n%s\nmessages:%s", strings.Join(g, "\n"), strings.Join(w, "\n"), messages(fs))
			}
		})
	}
}

// TestBlockScalars checks the multi-line rows of docs/SIGNALS.md through
// manifests: YAML block scalars end the -c string with a newline.
func TestBlockScalars(t *testing.T) {
	checkKubernetes(t, "testdata/kube/block.yaml")
}

// checkKubernetes lints the manifest name and compares with its want comments.
func checkKubernetes(t *testing.T, name string) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fs := LintKubernetes(name, src, nil)
	if g, w := got(fs), wants(t, name); !slices.Equal(g, w) {
		t.Errorf("got\n%s\nwant\n%s\nmessages:%s", strings.Join(g, "\n"), strings.Join(w, "\n"), messages(fs))
	}
}

// TestSkaffold links Kubernetes containers to the images skaffold.yaml builds.
func TestSkaffold(t *testing.T) {
	artifacts, err := skaffold.Read("testdata/skaffold/skaffold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(artifacts) != 2 {
		t.Fatalf("artifacts %+v, want the docker and the ko one (jib is not modelled)", artifacts)
	}
	name := "testdata/skaffold/k8s/deploy.yaml"
	src, rerr := os.ReadFile(name)
	if rerr != nil {
		t.Fatal(rerr)
	}
	fs := LintKubernetes(name, src, &Options{Artifacts: artifacts})
	if g, w := got(fs), wants(t, name); !slices.Equal(g, w) {
		t.Errorf("got\n%s\nwant\n%s\nmessages:%s", strings.Join(g, "\n"), strings.Join(w, "\n"), messages(fs))
	}
	// Without skaffold.yaml the images are unknown: no certain link.
	if fs := LintKubernetes(name, src, nil); len(got(fs)) != 1 {
		t.Errorf("without the artifacts, want only the pipeline's GL301 (any shell):%s", messages(fs))
	}
}
