package dockerlint

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/gracelint/gracelint/internal/finding"
)

var updateFixGolden = flag.Bool("update-fix", false, "rewrite testdata/fix/*.golden from execFormFix's output")

// lastCommand is the last CMD or ENTRYPOINT of src and the string its shell runs:
// the last argument, as for `sh -c` in front of it.
func lastCommand(t *testing.T, src []byte) (*parser.Node, rune, string) {
	t.Helper()
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var node *parser.Node
	for _, n := range res.AST.Children {
		if strings.EqualFold(n.Value, "cmd") || strings.EqualFold(n.Value, "entrypoint") {
			node = n
		}
	}
	if node == nil {
		t.Fatal("no CMD or ENTRYPOINT")
	}
	args := nodeArgs(node)
	return node, res.EscapeToken, args[len(args)-1]
}

func applyFix(t *testing.T, src []byte, fix *finding.Fix) []byte {
	t.Helper()
	edits := make([]udiff.Edit, len(fix.Edits))
	for i, e := range fix.Edits {
		edits[i] = udiff.Edit{Start: e.Start, End: e.End, New: e.New}
	}
	out, err := udiff.ApplyBytes(src, edits)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExecFormFixGolden runs the fix on every testdata/fix/*.Dockerfile and
// compares the result with its .golden file: the fixed file, or "no fix: REASON".
func TestExecFormFixGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "fix", "*.Dockerfile"))
	if err != nil || len(inputs) == 0 {
		t.Fatal("no inputs", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			node, escape, cmd := lastCommand(t, src)
			fix, why := execFormFix(in, src, node, escape, cmd)
			got := []byte("no fix: " + why + "\n")
			if fix != nil {
				got = applyFix(t, src, fix)
			}
			golden := strings.TrimSuffix(in, ".Dockerfile") + ".golden"
			if *updateFixGolden {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant (%s):\n%s", got, golden, want)
			}
			if fix == nil {
				return
			}
			// A string the fix gave exec needs no second fix; exec form runs no shell.
			node, escape, cmd = lastCommand(t, got)
			if args := nodeArgs(node); node.Attributes["json"] && len(args) > 1 && !isShellProgram(args[0]) {
				return
			}
			if again, _ := execFormFix(in, got, node, escape, cmd); again != nil {
				t.Errorf("a second run fixes again: %+v", again)
			}
		})
	}
}

// notFlagged are fix inputs the rules rightly leave alone; they test the rewrite
// itself.
var notFlagged = map[string]bool{
	"leading-exec.Dockerfile": true, // exec already makes the app PID 1
}

// Through the rules: every fixable testdata/fix file yields a GL101 or GL102
// finding whose fix gives the golden file, and the golden file no longer
// triggers either rule. An unfixable one says why in its message.
func TestRulesCarryExecFormFix(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "fix", "*.Dockerfile"))
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(in, ".Dockerfile") + ".golden")
			if err != nil {
				t.Fatal(err)
			}
			shellStays := func(src []byte) []finding.Finding {
				var fs []finding.Finding
				for _, f := range Lint(in, src, nil) {
					if f.Rule == ShellFormPID1 || f.Rule == ShellWrapperPID1 {
						fs = append(fs, f)
					}
				}
				return fs
			}
			found := shellStays(src)
			if notFlagged[filepath.Base(in)] {
				if len(found) != 0 {
					t.Errorf("flagged: %+v", found)
				}
				return
			}
			if reason, unfixable := strings.CutPrefix(string(want), "no fix: "); unfixable {
				for _, f := range found {
					// The reason is said once: after "no automatic fix: ", or earlier in the message.
					if len(f.Fixes) > 0 || !strings.Contains(f.Message, "no automatic fix") || !strings.Contains(f.Message, strings.TrimSpace(reason)) {
						t.Errorf("unfixable finding: fixes %v, message %q", f.Fixes, f.Message)
					}
				}
				return
			}
			if len(found) != 1 || len(found[0].Fixes) != 1 {
				t.Fatalf("want one GL101/GL102 finding with a fix, got %+v", found)
			}
			if got := applyFix(t, src, &found[0].Fixes[0]); !bytes.Equal(got, want) {
				t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
			}
			if again := shellStays(want); len(again) != 0 {
				t.Errorf("the fixed file still triggers: %+v", again)
			}
		})
	}
}
