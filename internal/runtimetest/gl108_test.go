package runtimetest

import (
	"path/filepath"
	"testing"

	"github.com/gracelint/gracelint/internal/verify"
)

// gl108Cases are GL108's claims on a real Debian 12 (its nodejs 18, npm 9,
// python 3.11 and dash), and on BusyBox ash, under testdata/runtime/gl108:
// each DIR/Dockerfile.VARIANT is built with the files listed beside it.
var gl108Cases = []struct {
	dir, variant string
	files        []string
	apps         map[string]string
	tools        map[string]*hostTool
	quiet        bool
	want         claim
}{
	{dir: "node", variant: "nohandler", files: []string{"nohandler.js"},
		want: killed("node", "GL108")},
	{dir: "node", variant: "handler", files: []string{"handler.js"},
		want: claim{verdict: verify.Graceful, pid1: "node", logs: []string{"gracelint-test: got SIGTERM", cleanup}}},
	{dir: "node", variant: "sigint", files: []string{"nohandler.js"},
		want: killed("node", "GL108")},
	{dir: "node", variant: "npm", files: []string{"package.json", "handler.js"},
		want: claim{verdict: verify.ExitedWithFailure, pid1: "npm", exit: 1, logs: []string{"npm ERR! signal SIGTERM"}, absent: []string{"gracelint-test: got"}, rules: []string{"GL108"}}},
	{dir: "python", variant: "nohandler", files: []string{"nohandler.py"},
		want: killed("python3", "GL108")},
	{dir: "python", variant: "handler", files: []string{"handler.py"},
		want: claim{verdict: verify.Graceful, pid1: "python3", logs: []string{"gracelint-test: got SIGTERM", cleanup}}},
	{dir: "python", variant: "sigint", files: []string{"nohandler.py"},
		want: claim{verdict: verify.Graceful, pid1: "python3", logs: []string{"gracelint-test: got SIGINT", cleanup}}},
	{dir: "keepalive", variant: "sleep", quiet: true, want: killed("sleep", "GL108")},
	{dir: "keepalive", variant: "tail", quiet: true, want: killed("tail", "GL108")},
	// GL108's advice for a container that only has to stay up: tini forwards
	// SIGTERM to sleep, which dies of it at once (143: no cleanup to run).
	{dir: "keepalive", variant: "sleep-tini", quiet: true, tools: tini,
		want: claim{verdict: verify.ExitedUnhandled, pid1: "/tini", exit: 143}},
	{dir: "keepalive", variant: "dash-background", apps: justApp,
		want: claim{verdict: verify.KilledAfterGrace, pid1: "sh", exit: 137, absent: []string{got}, rules: []string{"GL108"}}},
	{dir: "keepalive", variant: "ash-background", apps: justApp,
		want: claim{verdict: verify.KilledAfterGrace, pid1: "sleep", exit: 137, absent: []string{got}, rules: []string{"GL108"}}},
	{dir: "keepalive", variant: "script-tail", files: []string{"entrypoint.sh"}, apps: justApp,
		want: claim{verdict: verify.KilledAfterGrace, pid1: "tail", exit: 137, absent: []string{got}, rules: []string{"GL108"}}},
}

// killed is a program at PID 1 that sits out the grace period and is SIGKILLed.
func killed(pid1 string, rules ...string) claim {
	return claim{verdict: verify.KilledAfterGrace, pid1: pid1, exit: 137, absent: []string{"gracelint-test: got"}, rules: rules}
}

func TestPID1IgnoresSigterm(t *testing.T) {
	t.Parallel()
	for _, c := range gl108Cases {
		dockerfile := filepath.Join("testdata/runtime/gl108", c.dir, "Dockerfile."+c.variant)
		ic := imageCase{
			name:  "gl108-" + c.dir + "-" + c.variant,
			image: imageSpec{dockerfile: dockerfile, extra: c.files, apps: c.apps, tools: c.tools, debian: true},
			quiet: c.quiet,
			want:  c.want,
		}
		t.Run(ic.name, func(t *testing.T) { ic.run(t) })
	}
}
