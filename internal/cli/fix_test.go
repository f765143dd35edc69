package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// withFix is a finding in path whose fix replaces the first old by new.
func withFix(t *testing.T, path, old, new string) finding.Finding {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(src, []byte(old))
	f := finding.New(rule.ParseError, path, 1, 1, 1, 1, "m")
	f.Fixes = []finding.Fix{{Message: "fix", Edits: []finding.Edit{{File: path, Start: start, End: start + len(old), New: new}}}}
	return f
}

func TestFixFindingsWritesAndDropsResolved(t *testing.T) {
	dir := files(t, "Dockerfile", "FROM debian\nCMD app\n")
	path := filepath.Join(dir, "Dockerfile")
	unfixable := finding.New(rule.ParseError, path, 2, 1, 2, 1, "no fix")
	fixable := withFix(t, path, "CMD app", `CMD ["app"]`)
	var stdout, stderr bytes.Buffer
	remain := fixFindings([]finding.Finding{fixable, unfixable}, false, &stdout, &stderr)
	if len(remain) != 1 || remain[0].Message != "no fix" {
		t.Errorf("remaining findings: %+v", remain)
	}
	if got, _ := os.ReadFile(path); string(got) != "FROM debian\nCMD [\"app\"]\n" {
		t.Errorf("file now holds %q", got)
	}
	if stdout.Len() != 0 || !strings.Contains(stderr.String(), "fixed "+path) {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

func TestFixFindingsDiffWritesNothing(t *testing.T) {
	dir := files(t, "Dockerfile", "FROM debian\nCMD app\n")
	t.Chdir(dir)
	f := withFix(t, "Dockerfile", "CMD app", `CMD ["app"]`)
	var stdout, stderr bytes.Buffer
	remain := fixFindings([]finding.Finding{f}, true, &stdout, &stderr)
	if len(remain) != 1 {
		t.Errorf("-diff resolved findings it did not write: %d remain", len(remain))
	}
	want := "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM debian\n-CMD app\n+CMD [\"app\"]\n"
	if stdout.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", stdout.String(), want)
	}
	if got, _ := os.ReadFile("Dockerfile"); string(got) != "FROM debian\nCMD app\n" {
		t.Errorf("-diff changed the file: %q", got)
	}
}

// The CI formats run end to end: paths relative to the git root although
// gracelint runs in a subdirectory, SARIF written to a file that validates.
func TestCIFormatsEndToEnd(t *testing.T) {
	root := files(t, ".git/HEAD", "ref: refs/heads/main\n", "svc/Dockerfile", brokenDockerfile)
	code, stdout, stderr := run(t, filepath.Join(root, "svc"), "-format=github", "-format=sarif:out.sarif", "-format=codeclimate:cq.json")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	want := "::error file=svc/Dockerfile,line=2,col=1,endLine=2,endColumn=1,title=GL000 parse-error::Dockerfile does not parse: unterminated heredoc\n"
	if stdout != want {
		t.Errorf("github output:\n%s\nwant:\n%s", stdout, want)
	}
	doc, err := sarif.Open(filepath.Join(root, "svc", "out.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(); err != nil {
		t.Error(err)
	}
	res := doc.Runs[0].Results
	if len(res) != 1 || *res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "svc/Dockerfile" {
		t.Errorf("sarif results: %+v", res)
	}
	if len(doc.Runs[0].Tool.Driver.Rules) != len(allRules) {
		t.Errorf("sarif rules[] has %d rules, want every enabled rule (%d)", len(doc.Runs[0].Tool.Driver.Rules), len(allRules))
	}
	cq, err := os.ReadFile(filepath.Join(root, "svc", "cq.json"))
	if err != nil || !strings.Contains(string(cq), `"path": "svc/Dockerfile"`) {
		t.Errorf("codeclimate: %v\n%s", err, cq)
	}
}
