package verify

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gracelint/gracelint/internal/engine"
)

func TestJudge(t *testing.T) {
	const grace = 3 * time.Second
	tests := []struct {
		exit   int
		took   time.Duration
		want   Verdict
		reason string
	}{
		{0, 90 * time.Millisecond, Graceful, "exited 0 on SIGTERM after 0.09s"},
		{137, 3100 * time.Millisecond, KilledAfterGrace, "SIGKILLed when the 3s grace period ended"},
		{137, grace - killSlack/2, KilledAfterGrace, "SIGKILLed"},         // the engine's clock started first
		{137, 90 * time.Millisecond, ExitedUnhandled, "died of signal 9"}, // STOPSIGNAL SIGKILL
		{2, 90 * time.Millisecond, ExitedUnhandled, "Go runtime's default action"},
		{143, 120 * time.Millisecond, ExitedUnhandled, "died of signal 15"},
		{1, 100 * time.Millisecond, ExitedWithFailure, "exited 1"},
	}
	for _, tt := range tests {
		got, reason := judge(tt.exit, tt.took, grace, "SIGTERM", "")
		if got != tt.want || !strings.Contains(reason, tt.reason) {
			t.Errorf("judge(%d, %s) = %q, %q; want %q, containing %q", tt.exit, tt.took, got, reason, tt.want, tt.reason)
		}
	}
}

// Under an init, the exit code is the command's, and the reason says so; what
// the init did with it is measured in runtimetest's TestDockerRunInit.
func TestJudgeUnderInit(t *testing.T) {
	got, reason := judge(143, 100*time.Millisecond, 3*time.Second, "SIGTERM", "docker-init")
	want := "the command under docker-init (PID 1) died of signal 15 (exit 143) without handling SIGTERM, which docker-init forwarded to it; " +
		"docker-init then exited and the container's other processes were killed with it"
	if got != ExitedUnhandled || reason != want {
		t.Errorf("judge under docker-init = %q, %q; want %q, %q", got, reason, ExitedUnhandled, want)
	}
	if _, reason := judge(0, 100*time.Millisecond, 3*time.Second, "SIGTERM", "tini"); !strings.HasPrefix(reason, "the command under tini (PID 1) exited 0") {
		t.Errorf("graceful under tini: %q", reason)
	}
}

func TestInitProgram(t *testing.T) {
	for pid1, want := range map[string]string{
		"/sbin/docker-init -- /bin/sh -c /usr/local/bin/app": "docker-init",
		"/tini -- /usr/local/bin/app":                        "tini",
		"/usr/bin/dumb-init /app":                            "dumb-init",
		"/bin/sh -c /usr/local/bin/app":                      "",
		"/usr/local/bin/tinier":                              "",
		"":                                                   "",
	} {
		if got := initProgram(pid1); got != want {
			t.Errorf("initProgram(%q) = %q, want %q", pid1, got, want)
		}
	}
}

func TestLogTail(t *testing.T) {
	l := &logTail{max: 10}
	l.Write([]byte("0123"))
	if got := l.String(); got != "0123" {
		t.Errorf("short log: %q", got)
	}
	for range 100 {
		l.Write([]byte("abc\n"))
	}
	l.Write([]byte("0123456789XYZ")) // one write longer than the bound
	want := "[... 407 bytes omitted ...]\n3456789XYZ"
	if got := l.String(); got != want {
		t.Errorf("long log: %q, want %q", got, want)
	}
	if len(l.buf) > 2*l.max {
		t.Errorf("kept %d bytes, bound %d", len(l.buf), l.max)
	}
}

func TestTextFinder(t *testing.T) {
	f := newTextFinder("ready!")
	for _, chunk := range []string{"xxxxxxxxxxxxxxxxxx re", "a", "dy", "!yyy"} {
		if f.found {
			t.Fatalf("found before %q", chunk)
		}
		f.Write([]byte(chunk))
	}
	if !f.found {
		t.Error("text split over four writes not found")
	}
	g := newTextFinder("ready!")
	g.Write([]byte("read"))
	g.Write([]byte("y?"))
	if g.found || len(g.carry) >= len("ready!") {
		t.Errorf("found %v, carry %q", g.found, g.carry)
	}
}

func TestOwner(t *testing.T) {
	pid, ok := ownerPID(owner, hostname())
	if !ok || pid != os.Getpid() {
		t.Errorf("ownerPID(%q) = %d, %v; want this process", owner, pid, ok)
	}
	for _, v := range []string{"12@other-host", "x@" + hostname(), "0@" + hostname(), "12", ""} {
		if pid, ok := ownerPID(v, hostname()); ok {
			t.Errorf("ownerPID(%q) = %d, want no PID of this host", v, pid)
		}
	}
	if !processAlive(os.Getpid()) || !processAlive(1) {
		t.Error("this process or PID 1 is not alive")
	}
	a, b := containerName(), containerName()
	if a == b || !strings.HasPrefix(a, fmt.Sprintf("gracelint-verify-%d-", os.Getpid())) {
		t.Errorf("names %q and %q", a, b)
	}
	labels := ownerLabels(map[string]string{"k": "v"})
	if labels["k"] != "v" || labels[OwnerLabel] != owner || labels[StartedLabel] == "" {
		t.Errorf("labels %v", labels)
	}
}

func TestStopTook(t *testing.T) {
	start := time.Now()
	end := start.Add(3 * time.Second)
	for _, tt := range []struct {
		exited time.Time
		want   time.Duration
	}{
		{start.Add(100 * time.Millisecond), 100 * time.Millisecond}, // the answer came late
		{time.Time{}, 3 * time.Second},                              // no exit time
		{start.Add(-time.Hour), 3 * time.Second},                    // another clock
		{end.Add(time.Hour), 3 * time.Second},
	} {
		if got := stopTook(start, end, tt.exited); got != tt.want {
			t.Errorf("stopTook(exited %s) = %s, want %s", tt.exited.Sub(start), got, tt.want)
		}
	}
}

func TestStopSignal(t *testing.T) {
	for stored, want := range map[string]string{"": "SIGTERM", "SIGINT": "SIGINT", "QUIT": "SIGQUIT", "9": "9"} {
		if got := stopSignal(engine.State{StopSignal: stored}); got != want {
			t.Errorf("stopSignal(%q) = %q, want %q", stored, got, want)
		}
	}
}

func TestResultJSONInSeconds(t *testing.T) {
	r := &Result{Image: "x", Grace: 2 * time.Second, StopTook: 1500 * time.Millisecond, Verdict: Graceful}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["grace_seconds"] != 2.0 || got["stop_seconds"] != 1.5 || got["verdict"] != "graceful" || got["image"] != "x" {
		t.Errorf("json %s", b)
	}
}
