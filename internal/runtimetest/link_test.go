package runtimetest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gracelint/gracelint/internal/verify"
)

// linkCases are images linked to the Go program they ship (GL107 and the GL202
// downgrade): the interrupt-only program of testdata/runtime/go/gl202-bad,
// compiled on the host and copied in as bin/gl202-bad, since no Go image can be
// pulled to build it in a stage. gracelint lints each Dockerfile together with
// the program's package, as `gracelint ./...` would.
var linkCases = []imageCase{
	// SIGTERM, the default stop signal, is not handled: exit 2 at once, no cleanup.
	linkCase("interrupt-only", nil, claim{verdict: verify.ExitedUnhandled, pid1: "/usr/local/bin/gl202-bad", exit: 2, rules: []string{"GL107", "GL202"}}),
	// STOPSIGNAL SIGINT: the handler runs; GL202 stays only as info.
	linkCase("interrupt-only-sigint", nil, claim{verdict: verify.Graceful, pid1: "/usr/local/bin/gl202-bad", logs: []string{cleanup}}),
	// Linked through the script's exec: the program is PID 1 and dies of SIGTERM.
	linkCase("entrypoint-script", []string{"entrypoint.sh"}, claim{verdict: verify.ExitedUnhandled, pid1: "/usr/local/bin/gl202-bad", exit: 2,
		logs: []string{"gracelint-test: entrypoint"}, rules: []string{"GL107", "GL202"}}),
}

func linkCase(name string, extra []string, want claim) imageCase {
	return imageCase{
		name: "link-" + name,
		image: imageSpec{dockerfile: filepath.Join("testdata/runtime/link", name, "Dockerfile"),
			apps: map[string]string{"bin/gl202-bad": "gl202-bad"}, extra: extra},
		goSrc: "testdata/runtime/go/gl202-bad",
		want:  want,
	}
}

func TestLinkedImages(t *testing.T) {
	t.Parallel()
	for _, c := range linkCases {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

// TestLinkedVerdictMessages checks what the runtime cases' verdicts say, which
// the rule lists above do not: GL107 on the line that starts the program, and
// GL202 kept as info, naming the Dockerfile, when STOPSIGNAL SIGINT makes the
// image stop gracefully.
func TestLinkedVerdictMessages(t *testing.T) {
	for _, tc := range []struct {
		dir, rule, severity string
		line                int
		says                string
	}{
		{"interrupt-only", "GL107", "error", 6, "docker stop sends SIGTERM (the default)"},
		{"entrypoint-script", "GL107", "error", 5, "add syscall.SIGTERM to that call, or set STOPSIGNAL SIGINT"},
		{"interrupt-only-sigint", "GL202", "info", 12, "interrupt-only-sigint/Dockerfile (STOPSIGNAL SIGINT, line 4)"},
	} {
		_, findings := flaggedRules(t, filepath.Join("testdata/runtime/link", tc.dir, "Dockerfile"), "testdata/runtime/go/gl202-bad")
		found := false
		for _, f := range findings {
			if f.Rule == tc.rule {
				found = true
				if f.Severity != tc.severity || f.Line != tc.line || !strings.Contains(f.Message, tc.says) {
					t.Errorf("%s: %s %s at line %d: %s\nwant %s at line %d saying %q", tc.dir, f.Rule, f.Severity, f.Line, f.Message, tc.severity, tc.line, tc.says)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s finding; findings: %+v", tc.dir, tc.rule, findings)
		}
	}
}
