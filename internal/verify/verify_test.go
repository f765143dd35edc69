package verify

import (
	"encoding/json"
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
		got, reason := judge(tt.exit, tt.took, grace, "SIGTERM")
		if got != tt.want || !strings.Contains(reason, tt.reason) {
			t.Errorf("judge(%d, %s) = %q, %q; want %q, containing %q", tt.exit, tt.took, got, reason, tt.want, tt.reason)
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
