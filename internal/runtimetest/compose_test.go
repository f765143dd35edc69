package runtimetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// A composeCase is one service run with docker-compose (Debian's), stopped
// with docker-compose stop, and linted as a compose project.
type composeCase struct {
	name    string
	app     string // the test program at /usr/local/bin/app; default app
	service string // the service's settings besides its image, as YAML at 4 spaces
	stopT   bool   // docker-compose stop -t 3; otherwise the service's stop_grace_period
	pid1    string
	exit    int
	killed  bool // SIGKILLed after the whole grace period (3 s)
	cleanup bool // the app's cleanup ran
	logs    []string
	rules   []string
}

// composeGrace is docker-compose stop -t of the cases: long enough to tell
// a stop at once from one after the grace period on a loaded machine.
const composeGrace = 3 * time.Second

var composeCases = []composeCase{
	{name: "sh-c", service: `    command: sh -c "/usr/local/bin/app"`, stopT: true,
		pid1: "sh", exit: 137, killed: true, rules: []string{"GL301"}},
	{name: "sh-c-exec", service: `    command: sh -c "exec /usr/local/bin/app"`, stopT: true,
		pid1: "/usr/local/bin/app", exit: 0, cleanup: true},
	{name: "sh-c-init", service: "    command: sh -c \"/usr/local/bin/app\"\n    init: true", stopT: true,
		pid1: "/sbin/docker-init", exit: 143, rules: []string{"GL301"}},
	{name: "stop-signal-kill", service: "    command: [\"/usr/local/bin/app\"]\n    stop_signal: SIGKILL", stopT: true,
		pid1: "/usr/local/bin/app", exit: 137, rules: []string{"GL303"}},
	{name: "stop-signal-int", service: "    command: [\"/usr/local/bin/app\"]\n    stop_signal: SIGINT", stopT: true,
		pid1: "/usr/local/bin/app", exit: 0, cleanup: true},
	// The app got SIGTERM and was SIGKILLed during its one-second cleanup.
	{name: "no-grace", app: "slowcleanup", service: "    command: [\"/usr/local/bin/app\"]\n    stop_grace_period: 0s",
		pid1: "/usr/local/bin/app", exit: 137, logs: []string{got + " terminated"}, rules: []string{"GL304"}},
	{name: "grace", app: "slowcleanup", service: "    command: [\"/usr/local/bin/app\"]\n    stop_grace_period: 3s",
		pid1: "/usr/local/bin/app", exit: 0, cleanup: true},
}

// dockerCompose finds the docker-compose command, or skips the test without
// it, unless GRACELINT_RUNTIME=require.
func dockerCompose(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("docker-compose")
	if err != nil {
		if os.Getenv("GRACELINT_RUNTIME") == "require" {
			t.Fatalf("GRACELINT_RUNTIME=require, but no docker-compose: %v (.ci/run installs Debian's docker-compose)", err)
		}
		t.Skipf("skipping compose runtime test: %v (install Debian's docker-compose)", err)
	}
	return p
}

func TestComposeRules(t *testing.T) {
	for _, c := range composeCases {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

// projectName makes a compose project name docker-compose accepts, unique to the run.
var projectName = regexp.MustCompile(`[^a-z0-9]+`)

func (c composeCase) run(t *testing.T) {
	t.Parallel()
	needEngine(t)
	compose := dockerCompose(t)
	if c.app == "" {
		c.app = "app"
	}
	// Linted as written: compose builds the image from a Dockerfile on debian:12.
	lintDir := t.TempDir()
	dockerfile := filepath.Join(lintDir, "Dockerfile")
	writeFile(t, dockerfile, "FROM debian:12\nCOPY app /usr/local/bin/app\n")
	writeFile(t, filepath.Join(lintDir, "compose.yaml"), "services:\n  app:\n    build: .\n"+c.service+"\n")
	got, findings := flaggedRules(t, lintDir)
	if !slices.Equal(got, c.rules) {
		t.Errorf("gracelint flags %v, want %v; findings: %+v", got, c.rules, findings)
	}

	// Run on the engine: the same image built from the dash stand-in,
	// labelled as the suite's, in a project of its own.
	ref, err := imageSpec{dockerfile: dockerfile, apps: map[string]string{"app": c.app}}.build(t, "compose-"+c.name)
	if err != nil {
		t.Fatal(err)
	}
	runDir := t.TempDir()
	file := filepath.Join(runDir, "compose.yaml")
	writeFile(t, file, fmt.Sprintf("services:\n  app:\n    image: %s\n    network_mode: none\n    labels:\n      %s: %q\n%s\n", ref, runLabel, runID, c.service))
	project := projectName.ReplaceAllString("gltest-"+c.name+"-"+runID, "")
	dc := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, compose, append([]string{"-p", project, "-f", file}, args...)...).CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() {
		if out, err := dc("down", "-t", "0"); err != nil {
			t.Errorf("docker-compose down: %v\n%s", err, out)
		}
	})
	if out, err := dc("up", "-d"); err != nil {
		t.Fatalf("docker-compose up: %v\n%s", err, out)
	}
	out, err := dc("ps", "-q", "app")
	id := strings.TrimSpace(out)
	if err != nil || id == "" {
		t.Fatalf("docker-compose ps: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	waitLogs(ctx, t, id, ready)
	state, err := eng.Inspect(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := eng.Top(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	pid1 := ""
	for _, p := range ps {
		if p.Pid == state.Pid {
			pid1, _, _ = strings.Cut(p.Cmd, " ")
		}
	}
	stop := []string{"stop"}
	if c.stopT {
		stop = append(stop, "-t", fmt.Sprint(int(composeGrace.Seconds())))
	}
	start := time.Now()
	if out, err := dc(stop...); err != nil {
		t.Fatalf("docker-compose stop: %v\n%s", err, out)
	}
	took := time.Since(start)
	if state, err = eng.Inspect(ctx, id); err != nil {
		t.Fatal(err)
	}
	logs, err := logsOf(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PID 1 %s, stop took %.2fs, exit %d", pid1, took.Seconds(), state.ExitCode)
	if pid1 != c.pid1 {
		t.Errorf("PID 1 is %q, want %q", pid1, c.pid1)
	}
	if state.ExitCode != c.exit {
		t.Errorf("exit code %d, want %d\n%s", state.ExitCode, c.exit, logs)
	}
	// docker-compose (Python) itself takes seconds to start on a loaded
	// machine, so its time bounds the stop from below only: exit 137 after
	// SIGTERM says that the SIGKILL came at the end of the grace period.
	if c.killed && took < composeGrace {
		t.Errorf("stop took %s, want at least the %s grace period", took, composeGrace)
	}
	for _, s := range c.logs {
		if !strings.Contains(logs, s) {
			t.Errorf("output lacks %q:\n%s", s, logs)
		}
	}
	if ran := strings.Contains(logs, cleanup); ran != c.cleanup {
		t.Errorf("cleanup ran: %v, want %v\n%s", ran, c.cleanup, logs)
	}
}

// waitLogs waits until the container id has printed text.
func waitLogs(ctx context.Context, t *testing.T, id, text string) {
	t.Helper()
	for {
		logs, err := logsOf(ctx, id)
		if err == nil && strings.Contains(logs, text) {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("container %.12s never printed %q: %v\n%s", id, text, err, logs)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// logsOf is what the container id printed so far (a test program's few lines).
func logsOf(ctx context.Context, id string) (string, error) {
	var b bytes.Buffer
	err := eng.Logs(ctx, id, false, &b)
	return b.String(), err
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
