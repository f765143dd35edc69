package dockerlint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// A ruleCase is one Dockerfile (with its build context) and the findings of one
// rule it must produce.
type ruleCase struct {
	name       string
	dockerfile string
	context    map[string]string // build context files, by slash path
	want       []string          // "line:severity" of each finding of the rule, in order
	message    []string          // substrings the first finding's message must contain
	absent     []string          // substrings it must not contain
}

// lintCase writes the case into a fresh build context and lints it.
func lintCase(t *testing.T, dockerfile string, context map[string]string, opts *Options) []finding.Finding {
	t.Helper()
	path := writeContext(t, dockerfile, context)
	return finding.Sort(Lint(path, []byte(dockerfile), opts))
}

// writeContext writes a build context of name -> content files, executable,
// and the Dockerfile at its root, and returns the Dockerfile's path.
func writeContext(t *testing.T, dockerfile string, context map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range context {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(path, []byte(dockerfile), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runRuleCases checks that each case yields exactly the wanted findings of r.
func runRuleCases(t *testing.T, r *rule.Rule, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			all := lintCase(t, c.dockerfile, c.context, nil)
			var got []string
			var first *finding.Finding
			for i, f := range all {
				if f.Rule == rule.ParseError {
					t.Errorf("unexpected GL000: %s", f.Message)
				}
				if f.Rule != r {
					continue
				}
				got = append(got, fmt.Sprintf("%d:%s", f.Line, f.Severity))
				if first == nil {
					first = &all[i]
				}
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Fatalf("%s findings = %v, want %v\nall findings: %v", r.ID, got, c.want, describe(all))
			}
			for _, sub := range c.message {
				if !strings.Contains(first.Message, sub) {
					t.Errorf("message %q does not contain %q", first.Message, sub)
				}
			}
			for _, sub := range c.absent {
				if strings.Contains(first.Message, sub) {
					t.Errorf("message %q contains %q", first.Message, sub)
				}
			}
		})
	}
}

func describe(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%d %s %s: %s", f.Line, f.Column, f.Severity, f.Rule.ID, f.Message))
	}
	return out
}

func TestRulesAreDocumented(t *testing.T) {
	for i, r := range Rules {
		if i > 0 && Rules[i-1].ID >= r.ID {
			t.Errorf("Rules not in ID order at %s", r.ID)
		}
		if r.Summary == "" || strings.HasSuffix(r.Summary, ".") {
			t.Errorf("%s: summary %q must be one line without a trailing period", r.ID, r.Summary)
		}
		for _, part := range []string{"What happens", "Evidence", "Fix"} {
			if !strings.Contains(r.Doc, part) {
				t.Errorf("%s: Doc lacks a %q part", r.ID, part)
			}
		}
	}
}

func TestLintNeverPanics(t *testing.T) {
	// Inputs that stress the parser and the model; each must give findings, not a panic.
	for _, src := range []string{
		"",
		"\x00\xff",
		"FROM",
		"CMD app",
		"FROM scratch\nCMD",
		"FROM scratch\nENTRYPOINT []\nCMD []",
		"FROM a AS a\nFROM a AS b\nFROM b\nCMD app",
		"FROM ${X:?required}\nCMD app",
		"FROM debian\nCOPY <<EOF\n",
		"FROM debian\nSHELL []\n",
		"FROM debian\nSTOPSIGNAL\n",
		"FROM debian\nENTRYPOINT [\"tini\", \"--\"]\n",
		"FROM debian\nENTRYPOINT [\"sh\", \"-c\"]\n",
		"FROM debian\nCMD [\"sh\", \"-o\"]\n",
		"FROM debian\nCMD [\"busybox\"]\n",
		"FROM debian\nCMD if then fi\n",
	} {
		lintCase(t, src, nil, nil)
	}
}

func TestLintFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "Dockerfile")
	os.WriteFile(good, []byte("FROM debian:12\nCMD app\n"), 0o644)
	missing := filepath.Join(dir, "missing.Dockerfile")
	fs, unreadable := LintFiles([]string{good, missing, good}, nil)
	if unreadable != 1 {
		t.Errorf("unreadable = %d, want 1", unreadable)
	}
	count := map[string]int{}
	for _, f := range fs {
		count[f.Rule.ID+" "+filepath.Base(f.File)]++
	}
	want := map[string]int{"GL101 Dockerfile": 2, "GL000 missing.Dockerfile": 1}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Errorf("findings by rule and file = %v, want %v", count, want)
	}
}

func TestLintFilesSharesScriptVerdicts(t *testing.T) {
	// Two variants with the same entrypoint script: both are judged, each
	// naming its own copy of the script.
	dir := t.TempDir()
	var paths []string
	for _, variant := range []string{"bookworm", "alpine"} {
		os.MkdirAll(filepath.Join(dir, variant), 0o755)
		os.WriteFile(filepath.Join(dir, variant, "run.sh"), []byte("#!/bin/sh\nserver\n"), 0o755)
		p := filepath.Join(dir, variant, "Dockerfile")
		os.WriteFile(p, []byte("FROM debian:12\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n"), 0o644)
		paths = append(paths, p)
	}
	fs, _ := LintFiles(paths, nil)
	if len(fs) != 2 {
		t.Fatalf("findings = %v, want one GL103 per variant", describe(fs))
	}
	for i, f := range fs {
		want := filepath.Join(dir, []string{"bookworm", "alpine"}[i], "run.sh") + ":2:"
		if f.Rule != EntrypointScriptNoExec || !strings.Contains(f.Message, want) {
			t.Errorf("finding %d = %s %q, want GL103 naming %s", i, f.Rule.ID, f.Message, want)
		}
	}
}

func TestLintDoesNotReadSpecialFiles(t *testing.T) {
	// A named pipe in the build context where the image's script or program
	// should be: opening it to read would block for ever.
	for _, dockerfile := range []string{
		"FROM alpine:3.20\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n", // a script for GL103
		"FROM alpine:3.20\nCOPY run.sh /\nCMD [\"/run.sh\"]\n",        // a program to link
	} {
		path := writeContext(t, dockerfile, nil)
		if err := syscall.Mkfifo(filepath.Join(filepath.Dir(path), "run.sh"), 0o644); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
		done := make(chan []*MainProcess)
		go func() {
			_, mains, _ := LintImages([]string{path}, nil)
			done <- mains
		}()
		select {
		case mains := <-done:
			if len(mains) != 0 {
				t.Errorf("%q: linked to %v, want no link to a named pipe", dockerfile, mains[0].Copied)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: lint blocked reading a named pipe in the build context", dockerfile)
		}
	}
}

func TestMessagesArePrintable(t *testing.T) {
	// Messages quote the file: they must not carry its terminal escapes, its
	// invalid UTF-8 or a whole 64 KiB line to the report.
	for _, src := range []string{
		"FROM debian\n\x1b[2J\x1b]0;title\x07 x\n",
		"FROM debian\n\xff\xfe\x00\x01 x\n",
		"FROM debian\n" + strings.Repeat("X", 60000) + " y\n",
		"FROM debian\nSTOPSIGNAL \x1b[31mKILL\n",
		"FROM debian\nCMD ['/app\x1b[0m']\n",
		string(longShellCommand(2000)), // the fix rewrites 2000 lines: its message must not repeat them
		"FROM debian\nCMD ['app', '" + strings.Repeat("x", 60000) + "']\n",
	} {
		for _, f := range lintCase(t, src, nil, nil) {
			if !utf8.ValidString(f.Message) || strings.ContainsFunc(f.Message, unicode.IsControl) || len(f.Message) > 1000 {
				t.Errorf("%s message of %d bytes is not printable: %.300q", f.Rule.ID, len(f.Message), f.Message)
			}
		}
	}
}
