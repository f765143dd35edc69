package shell

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/corpus"
)

// FuzzAnalyze checks that no input crashes the model and that its answers
// agree with each other and with SIGNALS.md's table.
func FuzzAnalyze(f *testing.F) {
	for _, tt := range commandTable {
		f.Add(tt.cmd)
	}
	f.Fuzz(func(t *testing.T, cmd string) {
		dash, err := AnalyzeCommand(Dash, cmd)
		if err == nil && dash.Execs && !dash.ExplicitExec {
			t.Errorf("AnalyzeCommand(Dash, %q) execs without an explicit exec: %s", cmd, dash.Reason)
		}
		bash, bashErr := AnalyzeCommand(Bash, cmd)
		_, _ = AnalyzeCommand(Ash, cmd)
		_, _ = AnalyzeScript("fuzz.sh", []byte(cmd))
		if words, ok := ExecFormWords(cmd); ok && bashErr == nil && !strings.Contains(cmd, "\n") {
			// A plain word list is a single simple command: bash execs it, and
			// the program is the first word. (mvdan.cc/sh's bash mode rejects a
			// few words POSIX mode takes, such as A[.) Not so when a line
			// follows it, even a blank one: bash then stays (SIGNALS.md).
			if !bash.Execs || bash.Program != words[0] {
				t.Errorf("ExecFormWords(%q) = %q but AnalyzeCommand(Bash) = %+v", cmd, words, bash)
			}
		}
	})
}

// FuzzAnalyzeScript checks entrypoint scripts, seeded from testdata/scripts
// and the shared corpus's scripts: no input crashes or hangs the model, a
// script that does not parse is an error naming its line and column, and a
// verdict that the script stays PID 1 points at a line of the script.
func FuzzAnalyzeScript(f *testing.F) {
	local, _ := filepath.Glob(filepath.Join("testdata", "scripts", "*"))
	for _, p := range local {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	if dir, scripts, err := corpus.Find("script"); err == nil {
		for _, rel := range scripts {
			if src, err := os.ReadFile(filepath.Join(dir, rel)); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		v, err := AnalyzeScript("entrypoint.sh", src)
		if err != nil {
			if line, col, _ := ErrorPosition(err); line < 1 || col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if !v.Execs && !v.Unknown && (v.Line < 1 || v.Line > bytes.Count(src, []byte("\n"))+1 || v.Col < 1) {
			t.Fatalf("stays PID 1 at %d:%d, not a position in the script (%s)", v.Line, v.Col, v.Reason)
		}
	})
}
