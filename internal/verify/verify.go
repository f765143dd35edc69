// Package verify runs an image on a Docker Engine, stops it the way docker stop
// does and judges whether it shut down gracefully: the runtime counterpart of
// gracelint's static rules.
package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gracelint/gracelint/internal/engine"
)

// Options say what to run and how to stop it.
type Options struct {
	Image       string
	Cmd         []string      // replaces the image's CMD when not empty
	Grace       time.Duration // docker stop -t: time between the stop signal and SIGKILL; 0 kills at once
	Network     string        // network mode; "" means none
	Memory      int64         // memory limit in bytes; 0 means DefaultMemory
	Interactive bool          // keep stdin open and allocate a TTY, as docker run -it
	Init        bool          // docker-init as PID 1 in front of the command, as docker run --init
	// Ready, when set, is text the container prints once it is ready to be
	// stopped (its signal handlers installed); otherwise Wait is waited.
	Ready  string
	Wait   time.Duration // how long the container runs before it is stopped, or at most waits for Ready
	Labels map[string]string
}

// Defaults used when Options leave a field zero.
const (
	DefaultWait    = 2 * time.Second
	DefaultMemory  = 256 << 20
	DefaultNetwork = "none"
)

// killSlack is how much earlier than the grace period a SIGKILL exit may be seen:
// the engine measures its own timeout, we measure the whole API call.
const killSlack = 250 * time.Millisecond

// Verdict is how the container ended.
type Verdict string

const (
	Graceful          Verdict = "graceful"                  // exit 0 on the stop signal, within the grace period
	KilledAfterGrace  Verdict = "killed after grace period" // ignored the stop signal, SIGKILLed at the end (137)
	ExitedUnhandled   Verdict = "exited without handling"   // died of the stop signal (128+n) or Go's default exit 2
	ExitedWithFailure Verdict = "exited with failure"       // handled the signal but exited non-zero
	ExitedBeforeStop  Verdict = "exited before stop"        // was not running any more when it was to be stopped
	NeverStarted      Verdict = "never started"             // the engine could not start PID 1
)

// Result is what one probe observed.
type Result struct {
	Image     string        `json:"image"`
	Cmd       []string      `json:"cmd,omitempty"`
	PID1      string        `json:"pid1"`                // PID 1's command line
	Processes []string      `json:"processes,omitempty"` // every process's command line just before the stop
	Signal    string        `json:"signal"`              // the stop signal sent to PID 1
	Grace     time.Duration `json:"-"`
	StopTook  time.Duration `json:"-"`
	ExitCode  int           `json:"exit_code"`
	OOMKilled bool          `json:"oom_killed,omitempty"`
	Verdict   Verdict       `json:"verdict"`
	Reason    string        `json:"reason"` // the verdict in one sentence
	Logs      string        `json:"logs"`
}

// MarshalJSON writes the durations in seconds, the unit docker stop -t uses.
func (r *Result) MarshalJSON() ([]byte, error) {
	type plain Result // without this method
	return json.Marshal(struct {
		*plain
		GraceSeconds float64 `json:"grace_seconds"`
		StopSeconds  float64 `json:"stop_seconds"`
	}{(*plain)(r), r.Grace.Seconds(), r.StopTook.Seconds()})
}

// Graceful reports whether the container shut down gracefully.
func (r *Result) Graceful() bool { return r.Verdict == Graceful }

// A Probe is a container under observation. Remove it when done.
type Probe struct {
	eng    *engine.Engine
	opts   Options
	id     string
	result Result
	done   bool // the result is final: the container never started or already exited
}

// ID is the container's ID.
func (p *Probe) ID() string { return p.id }

// Run starts the image, stops it and removes the container, whatever happens.
func Run(ctx context.Context, eng *engine.Engine, opts Options) (*Result, error) {
	p, err := Start(ctx, eng, opts)
	if p != nil {
		defer p.Remove()
	}
	if err != nil {
		return nil, err
	}
	return p.Stop(ctx)
}

// Start creates and starts the container and waits until it is ready to be
// stopped. The returned Probe, also when err is not nil, must be removed.
func Start(ctx context.Context, eng *engine.Engine, opts Options) (*Probe, error) {
	opts = withDefaults(opts)
	id, err := eng.Create(ctx, engine.Spec{
		Image: opts.Image, Cmd: opts.Cmd, Interactive: opts.Interactive, Init: opts.Init,
		Network: opts.Network, Memory: opts.Memory, Labels: opts.Labels,
	})
	if err != nil {
		return nil, err
	}
	p := &Probe{eng: eng, opts: opts, id: id, result: Result{Image: opts.Image, Cmd: opts.Cmd, Grace: opts.Grace}}
	state, err := eng.Inspect(ctx, id)
	if err != nil {
		return p, err
	}
	p.result.Signal = stopSignal(state)
	if startErr := eng.Start(ctx, id); startErr != nil {
		if ctx.Err() != nil { // cancelled: no verdict on the image
			return p, startErr
		}
		state, _ = eng.Inspect(ctx, id) // the exit code and OOM flag, when the engine has them
		p.finish(ctx, state, NeverStarted, startErr.Error())
		return p, nil
	}
	if err := p.waitReady(ctx); err != nil {
		return p, err
	}
	if p.done {
		return p, nil
	}
	return p, p.recordProcesses(ctx)
}

func withDefaults(o Options) Options {
	if o.Wait == 0 {
		o.Wait = DefaultWait
	}
	if o.Network == "" {
		o.Network = DefaultNetwork
	}
	if o.Memory == 0 {
		o.Memory = DefaultMemory
	}
	return o
}

func stopSignal(s engine.State) string {
	if s.StopSignal == "" {
		return "SIGTERM"
	}
	if !strings.HasPrefix(s.StopSignal, "SIG") && strings.Trim(s.StopSignal, "0123456789") != "" {
		return "SIG" + s.StopSignal
	}
	return s.StopSignal
}

// pollEvery is how often the container's state and output are looked at while waiting.
const pollEvery = 50 * time.Millisecond

// waitReady waits until the container printed opts.Ready, or for opts.Wait when
// Ready is empty; if the container exits meanwhile the probe is finished.
func (p *Probe) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(p.opts.Wait)
	for {
		state, err := p.eng.Inspect(ctx, p.id)
		if err != nil {
			return err
		}
		if !state.Running {
			p.finish(ctx, state, ExitedBeforeStop, fmt.Sprintf("PID 1 exited on its own with status %d before it was stopped", state.ExitCode))
			return nil
		}
		if p.opts.Ready != "" {
			logs, err := p.eng.Logs(ctx, p.id, p.opts.Interactive)
			if err != nil {
				return err
			}
			if strings.Contains(logs, p.opts.Ready) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			if p.opts.Ready != "" {
				return fmt.Errorf("container %.12s did not print %q within %s", p.id, p.opts.Ready, p.opts.Wait)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pollEvery):
		}
	}
}

func (p *Probe) recordProcesses(ctx context.Context) error {
	state, err := p.eng.Inspect(ctx, p.id)
	if err != nil {
		return err
	}
	ps, err := p.eng.Top(ctx, p.id)
	if err != nil {
		return err
	}
	p.result.Processes = nil
	for _, proc := range ps {
		if proc.Pid == state.Pid {
			p.result.PID1 = proc.Cmd
		}
		p.result.Processes = append(p.result.Processes, proc.Cmd)
	}
	if p.result.PID1 == "" {
		return fmt.Errorf("container %.12s: PID 1 (host PID %d) is not among its processes", p.id, state.Pid)
	}
	return nil
}

// Processes lists the command lines of the container's processes now.
func (p *Probe) Processes(ctx context.Context) ([]string, error) {
	if err := p.recordProcesses(ctx); err != nil {
		return nil, err
	}
	return p.result.Processes, nil
}

// Stop stops the container as docker stop -t Grace does, times it and judges the result.
func (p *Probe) Stop(ctx context.Context) (*Result, error) {
	if p.done {
		return &p.result, nil
	}
	start := time.Now()
	if err := p.eng.Stop(ctx, p.id, p.opts.Grace); err != nil {
		return nil, err
	}
	p.result.StopTook = time.Since(start)
	state, err := p.eng.Inspect(ctx, p.id)
	if err != nil {
		return nil, err
	}
	verdict, reason := judge(state.ExitCode, p.result.StopTook, p.opts.Grace, p.result.Signal)
	p.finish(ctx, state, verdict, reason)
	return &p.result, nil
}

// finish records the final state, which every caller has just inspected, the
// verdict and the container's output.
func (p *Probe) finish(ctx context.Context, final engine.State, v Verdict, reason string) {
	p.done = true
	p.result.Verdict, p.result.Reason = v, reason
	p.result.ExitCode, p.result.OOMKilled = final.ExitCode, final.OOMKilled
	if logs, err := p.eng.Logs(ctx, p.id, p.opts.Interactive); err == nil {
		p.result.Logs = logs
	}
}

// Remove deletes the container. It runs on its own deadline so that a cancelled
// run (Ctrl-C) still cleans up.
func (p *Probe) Remove() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return p.eng.Remove(ctx, p.id)
}

// judge turns how PID 1 ended after the stop signal into a verdict, per the
// measurements in docs/SIGNALS.md.
func judge(exitCode int, took, grace time.Duration, signal string) (Verdict, string) {
	switch {
	case exitCode == 0:
		return Graceful, fmt.Sprintf("PID 1 exited 0 on %s after %.2fs", signal, took.Seconds())
	case exitCode == 137 && took >= grace-killSlack:
		return KilledAfterGrace, fmt.Sprintf("PID 1 did not exit on %s and was SIGKILLed when the %s grace period ended", signal, grace)
	case exitCode == 2:
		return ExitedUnhandled, fmt.Sprintf("PID 1 exited 2 on %s: the Go runtime's default action, no handler ran", signal)
	case exitCode > 128:
		return ExitedUnhandled, fmt.Sprintf("PID 1 died of signal %d (exit %d) without handling %s", exitCode-128, exitCode, signal)
	default:
		return ExitedWithFailure, fmt.Sprintf("PID 1 exited %d on %s", exitCode, signal)
	}
}
