package manifestlint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/corpus"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/manifest/compose"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// corpusCounts are the findings on the shared corpus of real manifests, by
// rule and severity, each read by hand when recorded (see docs/RULES.md for
// the notable ones). A change to gracelint that moves them must say why.
var corpusCounts = map[string]int{
	// arr-suite, firezone (${VAR:?} required and unset), immich, librephotos
	// (a volume from a .env the corpus does not hold) and mattermost (read_only:
	// from an unset variable): docker compose refuses them alike.
	"GL000 error": 5,
	// minio's "... & wait", azurite's bash "while true; do sleep infinity; done",
	// and two one-shot jobs whose strings end in exit (the shell is PID 1
	// while they run).
	"GL301 error": 4,
	// kube-router's init container install-cni: an if/mv string.
	"GL301 info": 1,
	// Unknown images (a dash /bin/sh would stay): redpanda console twice,
	// excalidraw (literal block, exec fix), ocis ("init || true; server"),
	// plausible ("sleep 10 && ... && /entrypoint.sh run").
	"GL301 warning": 5,
}

// TestCorpus lints every compose file (with its override, as on a walk) and
// every Kubernetes manifest of the shared corpus: nothing may crash, every
// file must load, and the findings are the recorded ones.
func TestCorpus(t *testing.T) {
	var all []finding.Finding
	dir, composeFiles := corpus.FilesIn(t, "manifests", "compose")
	// As a walk does: the files of a directory that docker compose would
	// merge form one project, other names are linted alone, and an override
	// without its main file (not in the corpus) is not linted.
	byDir := map[string][]string{}
	for _, f := range composeFiles {
		byDir[filepath.Dir(f)] = append(byDir[filepath.Dir(f)], filepath.Base(f))
	}
	for d, names := range byDir {
		project := compose.Project(filepath.Join(dir, d), names)
		if len(project) > 0 {
			all = append(all, LintCompose(project, nil)...)
		}
		for _, n := range names {
			if !slices.Contains(project, filepath.Join(dir, d, n)) && !slices.Contains(compose.OverrideFileNames, n) {
				all = append(all, LintCompose([]string{filepath.Join(dir, d, n)}, nil)...)
			}
		}
	}
	_, kubeFiles := corpus.FilesIn(t, "manifests", "k8s")
	for _, f := range kubeFiles {
		name := filepath.Join(dir, f)
		src, err := regularfile.Read(name, manifest.MaxSize)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, LintKubernetes(name, src, nil)...)
	}
	counts := map[string]int{}
	var lines []string
	for _, f := range all {
		counts[f.Rule.ID+" "+f.Severity.String()]++
		lines = append(lines, fmt.Sprintf("%s:%d: %s %s: %s", strings.TrimPrefix(f.File, dir+"/"), f.Line, f.Rule.ID, f.Severity, f.Message))
	}
	slices.Sort(lines)
	if testing.Verbose() {
		t.Logf("%d compose files, %d Kubernetes files:\n%s", len(composeFiles), len(kubeFiles), strings.Join(lines, "\n"))
	}
	keys := func(m map[string]int) []string {
		var ks []string
		for k, v := range m {
			ks = append(ks, fmt.Sprintf("%s: %d", k, v))
		}
		slices.Sort(ks)
		return ks
	}
	if g, w := keys(counts), keys(corpusCounts); !slices.Equal(g, w) {
		t.Errorf("findings by rule:\n%s\nrecorded:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}
