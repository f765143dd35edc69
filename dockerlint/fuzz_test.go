package dockerlint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/gracelint/gracelint/internal/corpus"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/fixer"
)

// crashed reports the GL000 that lint's last line of defence makes of a panic.
func crashed(fs []finding.Finding) (string, bool) {
	for _, f := range fs {
		if strings.HasPrefix(f.Message, "gracelint failed on this file") {
			return f.Message, true
		}
	}
	return "", false
}

// fixOnce lints src as path and applies the fixes one round of -fix writes.
func fixOnce(t *testing.T, path string, src []byte) []byte {
	t.Helper()
	fs := Lint(path, src, nil)
	if msg, ok := crashed(fs); ok {
		t.Fatalf("lint panicked: %s\n%q", msg, src)
	}
	plan := fixer.NewPlan(fs, func(file string) ([]byte, error) {
		if file != path {
			t.Fatalf("a fix edits %s, not the Dockerfile", file)
		}
		return src, nil
	})
	if len(plan.Changes) == 0 {
		return src
	}
	return plan.Changes[0].New
}

// fixRounds is how often gracelint -fix fixes and lints again (cli's fixRounds):
// a fix can leave what another rule fixes, [sh -c app] meant as exec form and
// then unwrapped, or one held back by an overlap.
const fixRounds = 3

// FuzzDockerfileFix runs the Dockerfile path, parse, image model, rules and
// -fix, on any input. No panic, not even one lint turns into GL000; a fixed file
// parses with BuildKit, differs from the input only on CMD and ENTRYPOINT
// lines, and once -fix is done (its rounds), fixing it again changes nothing.
func FuzzDockerfileFix(f *testing.F) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "fix", "*.Dockerfile"))
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	if dir, files, err := corpus.Find("dockerfile"); err == nil {
		for _, name := range files {
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	// An empty build context: COPY sources and scripts resolve to nothing.
	path := filepath.Join(f.TempDir(), "Dockerfile")
	f.Fuzz(func(t *testing.T, src []byte) {
		fixed := src
		for range fixRounds {
			next := fixOnce(t, path, fixed)
			if bytes.Equal(next, fixed) {
				break
			}
			fixed = next
		}
		if bytes.Equal(fixed, src) {
			return
		}
		res, err := parser.Parse(bytes.NewReader(fixed))
		if err != nil {
			t.Fatalf("the fixed file does not parse: %v\ninput:\n%q\nfixed:\n%q", err, src, fixed)
		}
		before, err := parser.Parse(bytes.NewReader(src))
		if err != nil {
			t.Fatalf("a file that does not parse got a fix: %v\n%q", err, src)
		}
		onlyCommandsChanged(t, src, fixed, before.AST, res.AST)
		if again := fixOnce(t, path, fixed); !bytes.Equal(again, fixed) {
			t.Fatalf("fixing the fixed file changed it:\ninput:\n%q\nfixed:\n%q\nagain:\n%q", src, fixed, again)
		}
	})
}

// onlyCommandsChanged checks that fixed has the instructions of src on the same
// lines, and that every line outside a CMD or ENTRYPOINT is as it was.
func onlyCommandsChanged(t *testing.T, src, fixed []byte, before, after *parser.Node) {
	t.Helper()
	if len(before.Children) != len(after.Children) {
		t.Fatalf("%d instructions became %d:\ninput:\n%q\nfixed:\n%q", len(before.Children), len(after.Children), src, fixed)
	}
	command := map[int]bool{} // lines of CMD and ENTRYPOINT instructions
	for i, n := range before.Children {
		a := after.Children[i]
		if !strings.EqualFold(n.Value, a.Value) || n.StartLine != a.StartLine || n.EndLine != a.EndLine {
			t.Fatalf("instruction %d, %s at lines %d-%d, became %s at %d-%d:\ninput:\n%q\nfixed:\n%q",
				i, n.Value, n.StartLine, n.EndLine, a.Value, a.StartLine, a.EndLine, src, fixed)
		}
		if strings.EqualFold(n.Value, "cmd") || strings.EqualFold(n.Value, "entrypoint") {
			for l := n.StartLine; l <= n.EndLine; l++ {
				command[l] = true
			}
		}
	}
	oldLines, newLines := bytes.Split(src, []byte("\n")), bytes.Split(fixed, []byte("\n"))
	if len(oldLines) != len(newLines) {
		t.Fatalf("%d lines became %d:\ninput:\n%q\nfixed:\n%q", len(oldLines), len(newLines), src, fixed)
	}
	for i := range oldLines {
		if !command[i+1] && !bytes.Equal(oldLines[i], newLines[i]) {
			t.Fatalf("line %d is no CMD or ENTRYPOINT but changed: %q became %q", i+1, oldLines[i], newLines[i])
		}
	}
}
