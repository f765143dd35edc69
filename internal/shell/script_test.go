package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnalyzeScriptTestdata(t *testing.T) {
	for _, tt := range []struct {
		file      string
		execs     bool
		unknown   bool
		line, col int
		reason    string // a phrase the reason must contain
	}{
		{file: "sourced-guard.sh", execs: true, reason: `exec makes "\"$@\""`},
		{file: "drop-privileges.sh", execs: true, reason: `exec makes "\"$@\""`},
		{file: "exec-fallback.sh", execs: true, reason: `"tini -- \"$@\""`},
		{file: "trap-forward.sh", execs: true, reason: "traps TERM and waits"},
		{file: "foreground-no-exec.sh", line: 3, col: 1, reason: `the last command "web-server -g 'daemon off;'" runs without exec`},
		{file: "args-no-exec.sh", line: 6, col: 1, reason: `the last command "\"$@\"" runs without exec`},
		{file: "mode-switch.sh", line: 9, col: 3, reason: `"/bin/sh" runs without exec`},
		{file: "supervisor-loop.sh", line: 2, col: 1, reason: "while true; do"},
		{file: "sources-last.sh", unknown: true, reason: "cannot be read statically"},
	} {
		src, err := os.ReadFile(filepath.Join("testdata", "scripts", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		v, err := AnalyzeScript(tt.file, src)
		if err != nil {
			t.Errorf("AnalyzeScript(%s): %v", tt.file, err)
			continue
		}
		if v.Execs != tt.execs || v.Unknown != tt.unknown || v.Line != tt.line || v.Col != tt.col {
			t.Errorf("AnalyzeScript(%s) = %+v, want Execs %v Unknown %v at %d:%d",
				tt.file, v, tt.execs, tt.unknown, tt.line, tt.col)
		}
		if !strings.Contains(v.Reason, tt.reason) {
			t.Errorf("AnalyzeScript(%s).Reason = %q, want it to contain %q", tt.file, v.Reason, tt.reason)
		}
	}
}

func TestAnalyzeScriptSnippets(t *testing.T) {
	for _, tt := range []struct {
		src     string
		execs   bool
		unknown bool
		line    int // of the action that does not exec
	}{
		{src: "exec \"$@\"\n", execs: true},
		{src: "exec gosu app \"$@\"\n", execs: true},
		{src: "\"$@\"\n", line: 1},
		{src: "set -e\napp\n# done\n", line: 2},
		{src: "app\nexit 0\n", execs: true}, // an exit with a fixed status reads as an error path: stay quiet
		{src: "app || exit 1\n", line: 1},
		{src: "app && echo ok\n", line: 1},
		{src: "main() {\n  setup\n  exec app\n}\nmain \"$@\"\n", execs: true},
		{src: "main() {\n  setup\n  app\n}\nmain \"$@\"\n", line: 3},
		{src: "f() { f; }\nf\n", execs: true}, // recursion starts nothing and must not loop forever
		{src: "if [ -n \"$DEBUG\" ]; then\n  exec app --debug\nelse\n  exec app\nfi\n", execs: true},
		{src: "if [ -n \"$DEBUG\" ]; then\n  exec app --debug\nelse\n  app\nfi\n", line: 4},
		{src: "[ -f /etc/app.conf ] || exit 1\n", execs: true},
		{src: "exec >/var/log/entry.log 2>&1\n", execs: true},
		{src: "app &\nwait\n", line: 2},
		{src: "trap 'kill $!' QUIT\napp &\nwait\n", unknown: true},
		{src: "eval \"exec $CMD\"\n", unknown: true},
		{src: "( exec app )\n", line: 1},
		{src: "app | tee /var/log/app.log\n", line: 1},
		{src: "{ exec app; } 2>&1\n", execs: true},
		{src: "case \"$1\" in\n  run) exec app ;;\nesac\n", execs: true},
		{src: "case \"$1\" in\n  run) app ;;\n  *) exec \"$@\" ;;\nesac\n", line: 2},
		{src: "main() {\n  [ -n \"$X\" ] || return 1\n  exec app\n}\nmain\n", execs: true},
		{src: "exec -a app-name /usr/bin/app\n", execs: true},
		{src: "exec su-exec app:app tini -- \"$@\"\n", execs: true},
		{src: "\n", execs: true},
	} {
		v, err := AnalyzeScript("snippet.sh", []byte(tt.src))
		if err != nil {
			t.Errorf("AnalyzeScript(%q): %v", tt.src, err)
			continue
		}
		if v.Execs != tt.execs || v.Unknown != tt.unknown || v.Line != tt.line {
			t.Errorf("AnalyzeScript(%q) = %+v, want Execs %v Unknown %v Line %d", tt.src, v, tt.execs, tt.unknown, tt.line)
		}
	}
}

func TestAnalyzeScriptParseError(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "scripts", "broken.sh"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = AnalyzeScript("broken.sh", src)
	if err == nil {
		t.Fatal("AnalyzeScript(broken.sh): no error for a script missing its fi")
	}
	if !strings.HasPrefix(err.Error(), "broken.sh:2:1:") {
		t.Errorf("AnalyzeScript(broken.sh) error = %q, want it to start with broken.sh:2:1:", err)
	}
}

// TestAnalyzeScriptFollowsEachFunctionOnce would not finish if every call were
// followed anew: each function calls the next on both sides of ||.
func TestAnalyzeScriptFollowsEachFunctionOnce(t *testing.T) {
	var sb strings.Builder
	const depth = 60
	for i := range depth {
		fmt.Fprintf(&sb, "f%d() { f%d || f%d; }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&sb, "f%d() { exec app; }\nf0\n", depth)
	v, err := AnalyzeScript("deep.sh", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !v.Execs {
		t.Errorf("AnalyzeScript(deep.sh) = %+v, want Execs", v)
	}
}

func TestDeepNestingIsRefused(t *testing.T) {
	// mvdan.cc/sh recurses per level and a Go stack overflow cannot be
	// recovered: 200000 nested ( would end the process, not return an error.
	deep := strings.Repeat("(", 200000) + "app" + strings.Repeat(")", 200000)
	if _, err := AnalyzeScript("deep.sh", []byte(deep)); err == nil || !strings.Contains(err.Error(), "nest") {
		t.Errorf("AnalyzeScript of 200000 nested ( = %v, want an error about nesting", err)
	}
	if _, err := AnalyzeCommand(Bash, deep); err == nil {
		t.Error("AnalyzeCommand of 200000 nested ( gave no error")
	}
	// Real code nests a few levels, and keeps being read.
	shallow := strings.Repeat("( ", 50) + "exec app" + strings.Repeat(" )", 50)
	if _, err := AnalyzeScript("shallow.sh", []byte(shallow)); err != nil {
		t.Errorf("AnalyzeScript of 50 nested ( : %v", err)
	}
}
