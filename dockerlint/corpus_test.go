package dockerlint

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/gracelint/gracelint/internal/corpus"
)

// corpusDockerfiles returns the corpus directory and the paths of its Dockerfiles.
func corpusDockerfiles(tb testing.TB) (dir string, paths []string) {
	dir, rel := corpus.Files(tb, "dockerfile")
	for _, r := range rel {
		paths = append(paths, filepath.Join(dir, r))
	}
	return dir, paths
}

// rejectedByDockerBuild are the corpus files that docker build itself refuses, so
// GL000 is the right answer for them; keyed by path below the corpus directory.
var rejectedByDockerBuild = map[string]string{
	"docker-library__mysql/Dockerfile.oracle":            "a jq template, not yet a Dockerfile: unknown instruction {{",
	"sclorg__postgresql-container/src/Dockerfile":        "a Jinja template: ENV {{ spec.version }} has no =",
	"sclorg__postgresql-container/src/Dockerfile.fedora": "a Jinja template: ENV {{ spec.version }} has no =",

	// BuildKit's own parser fixtures: negative cases, and parser-only files that
	// instructions.Parse (and so docker build) refuses.
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/empty_dockerfile/Dockerfile":                     "no instructions",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/env_no_value/Dockerfile":                         "ENV without a value",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/only_comments/Dockerfile":                        "no instructions",
	"moby__buildkit/frontend/dockerfile/parser/testfiles-negative/shykes-nested-json/Dockerfile":                   "nested JSON array",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/flags/Dockerfile":                                         "unknown flag --user",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/health/Dockerfile":                                        "HEALTHCHECK without arguments",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-json-inside-string-double/Dockerfile": "no FROM",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-json-inside-string/Dockerfile":        "no FROM",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-single-quotes/Dockerfile":             "no FROM",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-unterminated-bracket/Dockerfile":      "no FROM",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/jeztah-invalid-json-unterminated-string/Dockerfile":       "no FROM",
	"moby__buildkit/frontend/dockerfile/parser/testfiles/json/Dockerfile":                                          "no FROM",
}

func TestCorpus(t *testing.T) {
	dir, paths := corpusDockerfiles(t)
	fs, unreadable := LintFiles(paths, nil)
	if unreadable > 0 {
		t.Errorf("%d corpus files listed in MANIFEST.tsv could not be read", unreadable)
	}
	perRule := map[string]int{}
	rejected := map[string]bool{}
	for _, f := range fs {
		perRule[f.Rule.ID]++
		rel, _ := filepath.Rel(dir, f.File)
		rel = filepath.ToSlash(rel)
		if f.Rule.ID == "GL000" {
			rejected[rel] = true
		}
		if f.Rule.ID == "GL000" && rejectedByDockerBuild[rel] == "" {
			t.Errorf("%s:%d: unexpected GL000: %s", rel, f.Line, f.Message)
		}
		if testing.Verbose() && f.Rule.ID != "GL000" {
			t.Logf("%s:%d: %s %s: %s", rel, f.Line, f.Severity, f.Rule.ID, f.Message)
		}
	}
	for rel := range rejectedByDockerBuild {
		if !rejected[rel] {
			t.Errorf("%s is listed as rejected by docker build but gave no GL000", rel)
		}
	}
	ids := make([]string, 0, len(perRule))
	for id := range perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	t.Logf("%d Dockerfiles, %d findings", len(paths), len(fs))
	for _, id := range ids {
		t.Logf("%s: %d", id, perRule[id])
	}
}
