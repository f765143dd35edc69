package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

const shellFormCMD = "FROM debian:12\n# the app\nCMD /usr/local/bin/app --port 8080\n"

// -fix writes the exec form, reports nothing left, and a second run changes nothing.
func TestFixEndToEnd(t *testing.T) {
	dir := files(t, "Dockerfile", shellFormCMD)
	path := filepath.Join(dir, "Dockerfile")
	code, stdout, stderr := run(t, dir, "-fix")
	want := "FROM debian:12\n# the app\nCMD [\"/usr/local/bin/app\", \"--port\", \"8080\"]\n"
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
	if code != exitClean || stdout != "" || !strings.Contains(stderr, "gracelint: fixed ./Dockerfile\n") {
		t.Errorf("-fix: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, dir, "-fix")
	if got, _ := os.ReadFile(path); string(got) != want || code != exitClean || stdout != "" || stderr != "" {
		t.Errorf("second -fix: exit %d, stdout %q, stderr %q, file %q", code, stdout, stderr, got)
	}
}

// -diff prints what -fix would write, instead of the text report, and writes nothing.
func TestDiffEndToEnd(t *testing.T) {
	dir := files(t, "Dockerfile", shellFormCMD)
	code, stdout, stderr := run(t, dir, "-diff")
	want := "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM debian:12\n # the app\n" +
		"-CMD /usr/local/bin/app --port 8080\n+CMD [\"/usr/local/bin/app\", \"--port\", \"8080\"]\n"
	if code != exitFindings || stdout != want {
		t.Errorf("-diff: exit %d\n%s\nwant:\n%s\nstderr: %s", code, stdout, want, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); string(got) != shellFormCMD {
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
