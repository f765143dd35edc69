package dockerlint

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDir is ../shared/corpus/dockerfiles next to the module root: it sits beside
// the checkout on the team's machines and in CI, not in a user's clone.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test's directory")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "corpus", "dockerfiles")
	if _, err := os.Stat(filepath.Join(corpus, "MANIFEST.tsv")); err != nil {
		tb.Skipf("corpus not found at %s (it sits beside the project's checkout on the team's machines and in CI)", corpus)
	}
	return corpus
}

// corpusDockerfiles lists the corpus's Dockerfiles from its MANIFEST.tsv
// (repo, commit, path, kind); repo owner/name is stored as owner__name.
func corpusDockerfiles(tb testing.TB) []string {
	dir := corpusDir(tb)
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var paths []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 || cols[3] != "dockerfile" {
			continue
		}
		paths = append(paths, filepath.Join(dir, strings.ReplaceAll(cols[0], "/", "__"), filepath.FromSlash(cols[2])))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Fatal("MANIFEST.tsv lists no dockerfile")
	}
	return paths
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
	dir := corpusDir(t)
	paths := corpusDockerfiles(t)
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
