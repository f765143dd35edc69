package shell

import "testing"

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
		if words, ok := ExecFormWords(cmd); ok && bashErr == nil {
			// A plain word list is a single simple command: bash execs it, and
			// the program is the first word. (mvdan.cc/sh's bash mode rejects a
			// few words POSIX mode takes, such as A[.)
			if !bash.Execs || bash.Program != words[0] {
				t.Errorf("ExecFormWords(%q) = %q but AnalyzeCommand(Bash) = %+v", cmd, words, bash)
			}
		}
	})
}
