package runtimetest

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/cli"
	"github.com/gracelint/gracelint/internal/engine"
	"github.com/gracelint/gracelint/internal/verify"
)

// gracelintBinary builds the gracelint command once a run, for tests that must
// signal it as a process.
var gracelintBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gracelint-runtimetest-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "gracelint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/gracelint")
	cmd.Dir = moduleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/gracelint: %v\n%s", err, out)
	}
	return bin, nil
})

func needGracelintBinary(t *testing.T) string {
	t.Helper()
	bin, err := gracelintBinary()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(bin)) })
	return bin
}

// creationTime measures how long after its start a verify process has its
// container created, and interrupts it.
func creationTime(t *testing.T, bin string, args []string) time.Duration {
	t.Helper()
	p := startVerify(t, bin, args...)
	start := time.Now()
	defer p.wait(t)
	defer p.cmd.Process.Signal(syscall.SIGINT)
	for time.Since(start) < time.Minute {
		if len(leftBy(t, p.owner())) > 0 {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("verify created no container within a minute; stderr:\n%s", &p.stderr)
	return 0
}

// verifyProcess is a `gracelint verify` subprocess.
type verifyProcess struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
}

func startVerify(t *testing.T, bin string, args ...string) *verifyProcess {
	t.Helper()
	p := &verifyProcess{cmd: exec.Command(bin, append([]string{"verify"}, args...)...)}
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return p
}

// owner is the gracelint.verify label value of the process's containers.
func (p *verifyProcess) owner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%d@%s", p.cmd.Process.Pid, host)
}

// wait waits for the process to end, killing it after a minute.
func (p *verifyProcess) wait(t *testing.T) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		p.cmd.Process.Kill()
		<-done
		t.Errorf("gracelint verify did not end within a minute of the signal; stderr:\n%s", &p.stderr)
	}
}

// leftBy lists the containers a verify process left behind.
func leftBy(t *testing.T, owner string) []engine.Container {
	t.Helper()
	cs, err := eng.Containers(context.Background(), verify.OwnerLabel+"="+owner)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// A signal at any moment of a run must leave no container of it behind, and
// what verify says about the container must be true. Half the signals come
// 10-60 ms after the process starts; on a loaded machine that is before verify
// handles signals at all (it dies of the signal before it creates anything), so
// the other half come within 40 ms of when the container is created, measured
// first: the window where the container exists but creation's answer may not
// have come back.
func TestVerifyLeavesNothingOnSignal(t *testing.T) {
	t.Parallel()
	ref := caseImage(t, "gl101-fixed")
	bin := needGracelintBinary(t)
	args := []string{"-t", "2", "-wait", "5s", "-label", runLabel + "=" + runID, ref}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			created := creationTime(t, bin, args)
			const runs = 6
			handled := 0
			for i := range runs {
				offset := time.Duration(10+rand.IntN(51)) * time.Millisecond
				if i%2 == 1 {
					offset = created + time.Duration(rand.IntN(81)-40)*time.Millisecond
				}
				p := startVerify(t, bin, args...)
				time.Sleep(offset)
				p.cmd.Process.Signal(sig)
				p.wait(t)
				stderr := p.stderr.String()
				if left := leftBy(t, p.owner()); len(left) > 0 {
					t.Errorf("run %d, %s after %s: containers left: %+v; stderr:\n%s", i, sig, offset, left, stderr)
					for _, c := range left {
						eng.Remove(context.Background(), c.ID)
					}
				}
				if !p.cmd.ProcessState.Exited() {
					continue // the signal came before verify handled signals: it died before creating anything
				}
				handled++
				if code := p.cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(stderr, "gracelint verify: interrupted") || strings.Contains(stderr, "NOT removed") {
					t.Errorf("run %d, %s after %s: exit %d, stderr:\n%s; want 2 and that it was interrupted, and what became of the container", i, sig, offset, code, stderr)
				}
			}
			t.Logf("container created %s after the start; %d of %d runs handled %s", created, handled, runs, sig)
			if handled == 0 {
				t.Errorf("no run got as far as handling %s", sig)
			}
		})
	}
	// And once the container runs: the signal cuts the wait short.
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String()+"-while-running", func(t *testing.T) {
			t.Parallel()
			p := startVerify(t, bin, "-t", "2", "-wait", "30s", "-label", runLabel+"="+runID, ref)
			var name string
			waitFor(t, func() bool {
				left := leftBy(t, p.owner())
				if len(left) == 1 {
					name = left[0].Name
				}
				return name != ""
			}, "the container to be created")
			time.Sleep(500 * time.Millisecond)
			p.cmd.Process.Signal(sig)
			p.wait(t)
			want := fmt.Sprintf("gracelint verify: interrupted; container %s was removed\n", name)
			if left := leftBy(t, p.owner()); len(left) > 0 || p.cmd.ProcessState.ExitCode() != 2 || !strings.HasSuffix(p.stderr.String(), want) {
				t.Errorf("after %s: containers left %+v, exit %d, stderr %q; want none, 2, %q", sig, left, p.cmd.ProcessState.ExitCode(), p.stderr.String(), want)
			}
			if !strings.HasPrefix(name, fmt.Sprintf("gracelint-verify-%d-", p.cmd.Process.Pid)) {
				t.Errorf("container name %q", name)
			}
		})
	}
}

// A run that was killed leaves its container; the next run on the host
// removes it, and only it: not those of live processes or of other hosts.
func TestVerifyRemovesOrphans(t *testing.T) {
	t.Parallel()
	ref := caseImage(t, "gl101-fixed")
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	owners := map[string]string{
		"orphan":     fmt.Sprintf("%d@%s", gone.Process.Pid, host),
		"live":       fmt.Sprintf("%d@%s", os.Getpid(), host),
		"other-host": fmt.Sprintf("%d@not-%s", gone.Process.Pid, host),
	}
	ctx := context.Background()
	ids := map[string]string{}
	for what, owner := range owners {
		id, err := eng.Create(ctx, engine.Spec{Image: ref, Network: "none", Labels: map[string]string{
			runLabel: runID, verify.OwnerLabel: owner, "gracelint-test.case": t.Name() + "-" + what,
		}})
		if err != nil {
			t.Fatal(err)
		}
		ids[what] = id
		t.Cleanup(func() { eng.Remove(context.Background(), id) })
	}
	if _, err := verify.RemoveOrphans(ctx, eng); err != nil {
		t.Fatal(err)
	}
	for what, id := range ids {
		cs, err := eng.Containers(ctx, "gracelint-test.case="+t.Name()+"-"+what)
		if err != nil {
			t.Fatal(err)
		}
		exists := slices.ContainsFunc(cs, func(c engine.Container) bool { return c.ID == id })
		if exists != (what != "orphan") {
			t.Errorf("%s container (owner %s) exists: %v", what, owners[what], exists)
		}
	}
}

// A noisy container's output is kept bounded: its end, after a line that says
// how much was left out; and the ready text is found after megabytes of it.
func TestVerifyBoundsLogs(t *testing.T) {
	t.Parallel()
	needEngine(t)
	ref := baseImage(t, "alpine:3.19")
	const noise = 1 << 20 // 16 times what is kept, in lines of 101 bytes, few enough for a loaded engine
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := verify.Run(ctx, eng, verify.Options{
		Image: ref, Cmd: []string{"sh", "-c", fmt.Sprintf("yes %s | head -c %d; echo; echo %s; exec sleep 60", strings.Repeat("0123456789", 10), noise, ready)},
		Grace: 0, Ready: ready, Wait: time.Minute, Labels: labels(),
	})
	if err != nil {
		t.Fatal(err)
	}
	header, tail, _ := strings.Cut(res.Logs, "\n")
	total := noise + 1 + len(ready) + 1
	wantHeader := fmt.Sprintf("[... %d bytes omitted ...]", total-verify.MaxLogs)
	if header != wantHeader || len(tail) != verify.MaxLogs || !strings.HasSuffix(tail, "\n"+ready+"\n") {
		t.Errorf("logs of %d bytes: header %q (want %q), %d bytes kept (want %d), ending %q", total, header, wantHeader, len(tail), verify.MaxLogs, tail[max(0, len(tail)-40):])
	}
}

// -network names a network the engine does not have: a usage error that says
// so, not a verdict on the image.
func TestVerifyBadNetwork(t *testing.T) {
	t.Parallel()
	ref := caseImage(t, "gl101-fixed")
	var out, errOut bytes.Buffer
	status := cli.Main([]string{"verify", "-network", "bogus", "-label", runLabel + "=" + runID, ref}, &out, &errOut)
	if status != 2 || !strings.Contains(errOut.String(), `network "bogus" does not exist`) || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and the bad network named", status, &out, &errOut)
	}
}

// An image the engine does not have: the creation fails, and verify says that
// no container was left rather than that one was removed.
func TestVerifyMissingImage(t *testing.T) {
	t.Parallel()
	needEngine(t)
	var out, errOut bytes.Buffer
	status := cli.Main([]string{"verify", "-label", runLabel + "=" + runID, "gracelint-test/no-such-image:" + runID}, &out, &errOut)
	if status != 2 || !strings.Contains(errOut.String(), "create container from gracelint-test/no-such-image") || !strings.HasSuffix(errOut.String(), "; no container was left\n") {
		t.Errorf("exit %d, stderr %q; want 2, the failed creation and that no container was left", status, &errOut)
	}
}
