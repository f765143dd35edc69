package runtimetest

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/cli"
	"github.com/gracelint/gracelint/internal/verify"
)

// gracelintVerify runs `gracelint verify ARGS...` in-process.
func gracelintVerify(t *testing.T, args ...string) (status int, stdout string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = cli.Main(append([]string{"verify"}, args...), &out, &errOut)
	if status == 2 {
		t.Fatalf("gracelint verify %v: exit 2: %s", args, errOut.String())
	}
	return status, out.String()
}

// The command's JSON and exit status on the images of the rule cases.
func TestVerifyCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		image   string // a case under testdata/runtime/dockerfile
		flags   []string
		status  int
		verdict verify.Verdict
		pid1    string
		exit    int
		reason  string
	}{
		{"gl101-bad", nil, 1, verify.KilledAfterGrace, "/bin/sh -c /usr/local/bin/app", 137, "PID 1 did not exit on SIGTERM"},
		{"gl101-fixed", nil, 0, verify.Graceful, "/usr/local/bin/app", 0, "PID 1 exited 0 on SIGTERM"},
		{"gl104-bad", nil, 1, verify.NeverStarted, "", 127, "exec"},
		{"gl106-bad", nil, 1, verify.ExitedUnhandled, "/usr/local/bin/app", 137, "PID 1 died of signal 9"},
		// docker run --init: docker-init forwards SIGTERM to sh, which dies of
		// it; docker-init exits as sh did (143), and the app is killed with the
		// container (TestDockerRunInit checks that it never got the signal).
		{"gl101-bad", []string{"-init"}, 1, verify.ExitedUnhandled, "/sbin/docker-init -- /bin/sh -c /usr/local/bin/app", 143,
			"the command under docker-init (PID 1) died of signal 15 (exit 143) without handling SIGTERM, which docker-init forwarded to it; docker-init then exited and the container's other processes were killed with it"},
	}
	for _, tt := range tests {
		name := tt.image // the subtest's name goes into the image reference
		for _, f := range tt.flags {
			name += "-with" + f
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ref := caseImage(t, tt.image)
			args := append([]string{"-t", "2", "-ready", ready, "-format=json"}, tt.flags...)
			status, out := gracelintVerify(t, append(args, ref)...)
			var res struct {
				Image    string  `json:"image"`
				PID1     string  `json:"pid1"`
				Signal   string  `json:"signal"`
				Grace    float64 `json:"grace_seconds"`
				Took     float64 `json:"stop_seconds"`
				ExitCode int     `json:"exit_code"`
				Verdict  string  `json:"verdict"`
				Reason   string  `json:"reason"`
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("bad json: %v\n%s", err, out)
			}
			if status != tt.status || res.Verdict != string(tt.verdict) || res.PID1 != tt.pid1 || res.ExitCode != tt.exit || res.Image != ref || res.Grace != 2 || !strings.Contains(res.Reason, tt.reason) {
				t.Errorf("exit status %d, got %+v; want status %d, verdict %q, PID 1 %q, exit %d, reason with %q", status, res, tt.status, tt.verdict, tt.pid1, tt.exit, tt.reason)
			}
			wantSignal := "SIGTERM"
			if tt.image == "gl106-bad" {
				wantSignal = "SIGKILL"
			}
			if res.Signal != wantSignal {
				t.Errorf("signal %q, want %q", res.Signal, wantSignal)
			}
		})
	}
}

func TestVerifyCommandText(t *testing.T) {
	t.Parallel()
	ref := caseImage(t, "gl101-bad")
	status, out := gracelintVerify(t, "-t", "2", "-ready", ready, ref)
	for _, want := range []string{
		"PID 1:      /bin/sh -c /usr/local/bin/app\n",
		"signal:     SIGTERM, SIGKILL after 2s\n",
		"exit code:  137\n",
		"verdict:    killed after grace period: ",
		"output:\n    " + ready,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
}

// The article's last case: docker run -it IMAGE /bin/bash runs bash instead of
// the CMD; bash at PID 1 ignores SIGTERM, and the app started from it never
// gets the signal.
func TestInteractiveBash(t *testing.T) {
	t.Parallel()
	ref := articleV1(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, err := verify.Start(ctx, eng, verify.Options{Image: ref, Cmd: []string{"/bin/bash"}, Interactive: true, Grace: grace, Wait: 500 * time.Millisecond, Labels: labels()})
	if p != nil {
		defer p.Remove()
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Type(ctx, p.ID(), "/bin/dockerapp1\n"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		ps, err := p.Processes(ctx)
		return err == nil && strings.Contains(strings.Join(ps, "\n"), "/bin/dockerapp1")
	}, "dockerapp1 to run under bash")
	res, err := p.Stop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PID 1 %q, stop took %.2fs, exit %d, processes %q", res.PID1, res.StopTook.Seconds(), res.ExitCode, res.Processes)
	if res.PID1 != "/bin/bash" || res.Verdict != verify.KilledAfterGrace || res.ExitCode != 137 {
		t.Errorf("PID 1 %q, verdict %q, exit %d; want /bin/bash, killed after grace period, 137", res.PID1, res.Verdict, res.ExitCode)
	}
	// The app may log a SIGHUP: when SIGKILL ends bash, the terminal hangs up
	// on its foreground job. What matters is that SIGTERM never reached it.
	if !strings.Contains(res.Logs, articleReady) || strings.Contains(res.Logs, "handle signal: terminated") {
		t.Errorf("want the app started and never sent SIGTERM; output:\n%s", res.Logs)
	}
}

// The same through the command: gracelint verify -it IMAGE -- /bin/bash.
func TestVerifyCommandInteractive(t *testing.T) {
	t.Parallel()
	ref := articleV1(t)
	status, out := gracelintVerify(t, "-t", "2", "-it", "-wait", "500ms", "-format=json", ref, "--", "/bin/bash")
	var res verify.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bad json: %v\n%s", err, out)
	}
	if status != 1 || res.PID1 != "/bin/bash" || res.Verdict != verify.KilledAfterGrace {
		t.Errorf("status %d, PID 1 %q, verdict %q; want 1, /bin/bash, killed after grace period", status, res.PID1, res.Verdict)
	}
}

// A cancelled run (Ctrl-C in the command) still removes its container.
func TestVerifyRemovesContainerWhenCancelled(t *testing.T) {
	t.Parallel()
	ref := caseImage(t, "gl101-bad")
	mark := map[string]string{runLabel: runID, "gracelint-test.case": t.Name()}
	ctx, cancel := context.WithCancel(context.Background())
	cancelled := make(chan time.Time, 1)
	go func() {
		// Cancel while the stop waits out the grace period: sh ignores SIGTERM.
		waitFor(t, func() bool {
			ids, err := eng.ContainersLabelled(context.Background(), "gracelint-test.case", t.Name())
			if err != nil || len(ids) != 1 {
				return false
			}
			state, err := eng.Inspect(context.Background(), ids[0])
			return err == nil && state.Running
		}, "the container to run")
		time.Sleep(time.Second)
		cancelled <- time.Now()
		cancel()
	}()
	res, err := verify.Run(ctx, eng, verify.Options{Image: ref, Grace: 10 * time.Second, Ready: ready, Wait: time.Minute, Labels: mark})
	if err == nil {
		t.Fatalf("verify.Run of a cancelled context succeeded: %+v", res)
	}
	// Measured from the cancel: on a loaded host the start alone can take
	// longer than the grace period.
	select {
	case at := <-cancelled:
		if took := time.Since(at); took > 8*time.Second {
			t.Errorf("cancelled run ended %s after the cancel: it waited for the grace period", took)
		}
	default:
		t.Errorf("the run ended before it was cancelled: %v", err)
	}
	ids, err := eng.ContainersLabelled(context.Background(), "gracelint-test.case", t.Name())
	if err != nil || len(ids) != 0 {
		t.Errorf("after the cancelled run: containers %v, %v; want none", ids, err)
	}
}

// caseImage builds the image of a case under testdata/runtime/dockerfile.
func caseImage(t *testing.T, name string) string {
	t.Helper()
	return mustBuild(t, imageSpec{dockerfile: "testdata/runtime/dockerfile/" + name + "/Dockerfile", apps: justApp})
}

// articleV1 builds the article's test:v1.
func articleV1(t *testing.T) string {
	t.Helper()
	return mustBuild(t, imageSpec{dockerfile: "testdata/article/Dockerfile.v1", apps: map[string]string{"dockerapp1": "dockerapp1"}})
}

// mustBuild builds spec for the test, named after it, or skips without an engine.
func mustBuild(t *testing.T, spec imageSpec) string {
	t.Helper()
	needEngine(t)
	ref, err := spec.build(t, t.Name())
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// waitFor polls cond for up to half a minute.
func waitFor(t *testing.T, cond func() bool, what string) {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Errorf("timed out waiting for %s", what)
}
