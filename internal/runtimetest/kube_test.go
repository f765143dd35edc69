package runtimetest

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/engine"
	"github.com/gracelint/gracelint/internal/verify"
)

// A kubeCase is one Kubernetes container, emulated on the engine the way the
// kubelet maps a pod spec onto a container runtime: command is the
// ENTRYPOINT, args the CMD, terminationGracePeriodSeconds the stop timeout,
// and shareProcessNamespace a container joined to the PID namespace of a
// pause container. It is an emulation, not a kubelet: what it shows is what
// the runtime does with those settings. (terminationGracePeriodSeconds: 0 is
// left to the compose case no-grace: a stop timeout of 0 through this
// suite's engine client did not SIGKILL on the test machine's Docker 20.10.)
type kubeCase struct {
	name     string
	from     string // the image's base, a stand-in; default debian:12
	command  []string
	args     []string
	sharePID bool
	want     claim
}

// shNamed is c with PID 1 the shell as the command names it.
func shNamed(c claim) claim {
	c.pid1 = "sh"
	return c
}

var kubeCases = []kubeCase{
	{name: "sh-c", command: []string{"sh", "-c", "/usr/local/bin/app"}, want: shNamed(with(shKilled, "GL301"))},
	{name: "sh-c-exec", command: []string{"sh", "-c", "exec /usr/local/bin/app"}, want: graceful},
	// args after a -c string become its $0...: the app never sees them.
	{name: "args-dropped", command: []string{"sh", "-c", "exec /usr/local/bin/app"}, args: []string{"--port", "8080"},
		want: claim{verdict: verify.Graceful, pid1: appPID1, logs: []string{"args []", cleanup}, rules: []string{"GL302"}}},
	{name: "args-passed", command: []string{"sh", "-c", `exec /usr/local/bin/app "$@"`, "sh"}, args: []string{"--port", "8080"},
		want: claim{verdict: verify.Graceful, pid1: appPID1, logs: []string{`args ["--port" "8080"]`, cleanup}}},
	// With the pause process as PID 1 the shell dies of SIGTERM at once
	// (143) and the app, which never got the signal, is killed with it.
	{name: "shared-pid-sh-c", command: []string{"sh", "-c", "/usr/local/bin/app"}, sharePID: true,
		want: claim{verdict: verify.ExitedUnhandled, pid1: "sh", exit: 143, absent: []string{got}, rules: []string{"GL305"}}},
	{name: "shared-pid-exec", command: []string{"sh", "-c", "exec /usr/local/bin/app"}, sharePID: true, want: graceful},
	// A block scalar's trailing newline keeps BusyBox ash as PID 1.
	{name: "block-scalar-ash", from: "alpine:3.19", command: []string{"/bin/sh", "-c", "/usr/local/bin/app\n"},
		want: with(shKilled, "GL301")},
	{name: "no-shell-in-image", from: "gcr.io/distroless/static-debian12", command: []string{"sh", "-c", "/usr/local/bin/app"},
		want: claim{verdict: verify.NeverStarted, exit: 127, rules: []string{"GL306"}}},
	{name: "block-scalar-ash-chomped", from: "alpine:3.19", command: []string{"/bin/sh", "-c", "/usr/local/bin/app"}, want: graceful},
}

func TestKubernetesEmulated(t *testing.T) {
	for _, c := range kubeCases {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

// manifest is the case as a Pod, for gracelint.
func (c kubeCase) manifest() string {
	list := func(words []string) string {
		b, _ := json.Marshal(words)
		return string(b)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n", c.name)
	if c.sharePID {
		b.WriteString("  shareProcessNamespace: true\n")
	}
	fmt.Fprintf(&b, "  containers:\n    - name: app\n      image: %s\n", c.from)
	if c.command != nil {
		fmt.Fprintf(&b, "      command: %s\n", list(c.command))
	}
	if c.args != nil {
		fmt.Fprintf(&b, "      args: %s\n", list(c.args))
	}
	return b.String()
}

func (c kubeCase) run(t *testing.T) {
	t.Parallel()
	needEngine(t)
	if c.from == "" {
		c.from = "debian:12"
	}
	dir := t.TempDir()
	podFile := filepath.Join(dir, "pod.yaml")
	writeFile(t, podFile, c.manifest())
	got, findings := flaggedRules(t, podFile)
	if !slices.Equal(got, c.want.rules) {
		t.Errorf("gracelint flags %v, want %v; findings: %+v", got, c.want.rules, findings)
	}

	dockerfile := filepath.Join(dir, "Dockerfile")
	writeFile(t, dockerfile, "FROM "+c.from+"\nCOPY app /usr/local/bin/app\n")
	ref, err := imageSpec{dockerfile: dockerfile, apps: justApp}.build(t, "kube-"+c.name)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	opts := verify.Options{Image: ref, Entrypoint: c.command, Cmd: c.args, Grace: grace, Ready: ready, Wait: time.Minute, Labels: labels()}
	if c.sharePID {
		opts.PIDMode = "container:" + pause(ctx, t, ref)
	}
	res, err := verify.Run(ctx, eng, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("main process %q, stop took %.2fs, exit %d, verdict %s", res.PID1, res.StopTook.Seconds(), res.ExitCode, res.Verdict)
	imageCase{ready: ready, cleanup: cleanup, want: c.want}.checkRun(t, res)
}

// pause starts the pod's PID-namespace holder, as the kubelet's pause
// container: a process that waits, here the test program, removed at the end.
func pause(ctx context.Context, t *testing.T, ref string) string {
	t.Helper()
	id, err := eng.Create(ctx, engine.Spec{Image: ref, Entrypoint: []string{"/usr/local/bin/app"}, Network: "none", Labels: labels()})
	if id != "" {
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if err := eng.Remove(ctx, id); err != nil {
				t.Errorf("cleanup: %v", err)
			}
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Start(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitLogs(ctx, t, id, ready)
	return id
}
