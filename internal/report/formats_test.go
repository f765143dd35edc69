package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files from the printers' output")

var (
	shellForm = &rule.Rule{ID: "GL101", Name: "shell-form-pid1", Severity: rule.Error,
		Summary: "the shell stays PID 1", Doc: "dash keeps running as PID 1.\n\nUse exec form."}
	entryScript = &rule.Rule{ID: "GL104", Name: "entrypoint-no-exec", Severity: rule.Warning,
		Summary: "the entrypoint script does not exec", Doc: "The script stays PID 1."}
	unknownShell = &rule.Rule{ID: "GL105", Name: "unknown-shell", Severity: rule.Info,
		Summary: "the base image's shell is unknown", Doc: "Add it to images: in .gracelint.yaml."}
)

// goldenReport is a fixed finding list over the files in testdata/repo, with the
// characters that formats must escape, a whole-file finding and a fix.
func goldenReport(t *testing.T) *Report {
	t.Helper()
	svc := filepath.Join("testdata", "repo", "svc", "Dockerfile")
	src, err := os.ReadFile(svc)
	if err != nil {
		t.Fatal(err)
	}
	cmd := "/usr/local/bin/app --port 8080"
	start := bytes.Index(src, []byte(cmd))
	shell := finding.New(shellForm, svc, 4, 5, 4, 35, "CMD runs under dash, which stays PID 1")
	shell.Fixes = []finding.Fix{{Message: "use exec form", Edits: []finding.Edit{
		{File: svc, Start: start, End: start + len(cmd), New: `["/usr/local/bin/app", "--port", "8080"]`},
	}}}
	return &Report{
		Findings: []finding.Finding{
			finding.New(rule.ParseError, filepath.Join("testdata", "repo", "broken"), 0, 0, 0, 0, "cannot read: no such file"),
			finding.New(entryScript, filepath.Join("testdata", "repo", "Dockerfile"), 2, 1, 2, 25,
				"/entry.sh stays PID 1: 100% sure, see line 3,\nthen line 4"),
			finding.New(unknownShell, svc, 1, 6, 1, 15, "debian:12 is not in the image table"),
			shell,
		},
		Rules: rule.NewSet(rule.ParseError, shellForm, entryScript, unknownShell),
		Root:  filepath.Join("testdata", "repo"),
	}
}

func TestFormatsGolden(t *testing.T) {
	for _, name := range []string{"github", "sarif", "checkstyle", "codeclimate", "rdjson"} {
		t.Run(name, func(t *testing.T) {
			format, err := Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := format.Print(&buf, goldenReport(t)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != string(want) {
				t.Errorf("%s output differs from %s (go test -update to accept):\n%s", name, golden, buf.String())
			}
		})
	}
}

// The formats that carry no findings must still be well-formed documents.
func TestFormatsEmpty(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"github", ""},
		{"checkstyle", `<checkstyle version="4.3"></checkstyle>`},
		{"codeclimate", "[]"},
		{"rdjson", `"diagnostics": []`},
		{"sarif", `"results": []`},
	} {
		format, _ := Lookup(tc.name)
		var buf bytes.Buffer
		if err := format.Print(&buf, &Report{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) || (tc.want == "" && buf.Len() > 0) {
			t.Errorf("%s of no findings = %q, want it to contain %q", tc.name, buf.String(), tc.want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	r := &rule.Rule{ID: "GL9", Name: "a,b:c", Severity: rule.Warning}
	rep := &Report{Findings: []finding.Finding{finding.New(r, "dir,x/a:b%.txt", 3, 0, 0, 0, "50% done: a,b\r\nnext")}}
	var buf bytes.Buffer
	printGitHub(&buf, rep)
	want := "::warning file=dir%2Cx/a%3Ab%25.txt,line=3,col=1,title=GL9 a%2Cb%3Ac::50%25 done: a,b%0D%0Anext\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

func TestSARIFValidates(t *testing.T) {
	if err := sarifReport(goldenReport(t)).Validate(); err != nil {
		t.Fatal(err)
	}
	// The printed bytes, read back, are what code scanning receives.
	var buf bytes.Buffer
	printSARIF(&buf, goldenReport(t))
	doc, err := sarif.FromBytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Runs[0].Tool.Driver.Rules); n != 4 {
		t.Errorf("rules[] has %d rules, want every enabled rule (4)", n)
	}
}

// A finding's fingerprint survives lines inserted above it, and tells apart two
// findings on identical lines.
func TestFingerprintsStable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	at := func(content string, lines ...int) []string {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		rep := &Report{Root: dir}
		for _, l := range lines {
			rep.Findings = append(rep.Findings, finding.New(shellForm, path, l, 1, l, 1, "m"))
		}
		return fingerprints(rep)
	}
	before := at("FROM debian\nCMD app\nCMD app\n", 2, 3)
	after := at("# syntax=docker/dockerfile:1\nFROM debian\n\nCMD app\nCMD app\n", 4, 5)
	if before[0] != after[0] || before[1] != after[1] {
		t.Errorf("fingerprints moved with unrelated lines: %v -> %v", before, after)
	}
	if before[0] == before[1] {
		t.Error("two findings on identical lines share a fingerprint")
	}
	if changed := at("FROM debian\nCMD other\n", 2); changed[0] == before[0] {
		t.Error("fingerprint did not change with the offending line")
	}
}

func TestRepoPath(t *testing.T) {
	root := t.TempDir()
	rep := &Report{Root: root}
	if got := rep.repoPath(filepath.Join(root, "a", "Dockerfile")); got != "a/Dockerfile" {
		t.Errorf("inside the root: %q", got)
	}
	outside := filepath.Join(filepath.Dir(root), "elsewhere", "Dockerfile")
	if got := rep.repoPath(outside); got != filepath.ToSlash(outside) {
		t.Errorf("outside the root: %q, want the absolute path", got)
	}
}

func TestRepoRoot(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := RepoRoot(sub); got != sub {
		t.Errorf("outside a repository RepoRoot = %q, want the directory itself", got)
	}
	// A worktree or submodule has a .git file rather than a directory.
	if err := os.WriteFile(filepath.Join(root, ".git"), []byte("gitdir: elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := RepoRoot(sub); got != root {
		t.Errorf("RepoRoot = %q, want %q", got, root)
	}
}

func TestCheckstyleParses(t *testing.T) {
	var buf bytes.Buffer
	printCheckstyle(&buf, goldenReport(t))
	var doc struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line    int    `xml:"line,attr"`
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 3 || doc.Files[2].Name != "svc/Dockerfile" || len(doc.Files[2].Errors) != 2 {
		t.Fatalf("files grouped wrongly: %+v", doc.Files)
	}
	if msg := doc.Files[1].Errors[0].Message; !strings.Contains(msg, "\nthen line 4") {
		t.Errorf("message with a line break did not round-trip: %q", msg)
	}
}

func TestRDJSONSuggestion(t *testing.T) {
	var buf bytes.Buffer
	printRDJSON(&buf, goldenReport(t))
	var doc struct {
		Diagnostics []struct {
			Suggestions []struct {
				Range struct{ Start, End struct{ Line, Column int } }
				Text  string
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Diagnostics[3].Suggestions
	if len(s) != 1 || s[0].Range.Start.Line != 4 || s[0].Range.Start.Column != 5 || s[0].Range.End.Column != 35 {
		t.Errorf("suggestion = %+v, want line 4 columns 5..35", s)
	}
}
