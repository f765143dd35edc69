// Package verify runs an image on a Docker Engine, stops it the way docker stop
// does and judges whether it shut down gracefully: the runtime counterpart of
// gracelint's static rules.
package verify

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/gracelint/gracelint/internal/engine"
)

// Options say what to run and how to stop it.
type Options struct {
	Image       string
	Entrypoint  []string      // replaces the image's ENTRYPOINT when not empty
	Cmd         []string      // replaces the image's CMD when not empty
	PIDMode     string        // "container:ID" joins that container's PID namespace
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
	Container string        `json:"container"`           // the container's name
	PID1      string        `json:"pid1"`                // PID 1's command line
	Init      string        `json:"init,omitempty"`      // PID 1's program when it is an init that runs the command as its child
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
	name   string // known before the container is created, so that it can be removed even when creation's answer is lost
	id     string // "" until creation answered
	absent bool   // creation failed and left no container: Remove found none
	result Result
	done   bool // the result is final: the container never started or already exited
}

// ID is the container's ID.
func (p *Probe) ID() string { return p.id }

// ErrInterrupted is the error of a run whose context was cancelled (Ctrl-C).
var ErrInterrupted = errors.New("interrupted")

// Run starts the image, stops it and removes the container, whatever happens.
// The error says what became of the container. When only its removal failed,
// Run returns the result as well, and an error that says so.
func Run(ctx context.Context, eng *engine.Engine, opts Options) (*Result, error) {
	p, err := Start(ctx, eng, opts)
	var res *Result
	if err == nil {
		res, err = p.Stop(ctx)
	}
	if err != nil && ctx.Err() != nil {
		err = ErrInterrupted
	}
	if p == nil {
		if err == ErrInterrupted {
			return nil, fmt.Errorf("%w before a container was created", err)
		}
		return nil, err
	}
	if rmErr := p.Remove(); rmErr != nil {
		if err != nil {
			return nil, fmt.Errorf("%w; %w", err, rmErr)
		}
		return res, rmErr
	}
	if err != nil && p.absent {
		return nil, fmt.Errorf("%w; no container was left", err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w; container %s was removed", err, p.name)
	}
	return res, nil
}

// createTimeout bounds creating a container. Creation is not cancelled with
// the run: an engine that goes on creating after the client gave up would
// leave a container that nobody knows about.
const createTimeout = 30 * time.Second

// Start creates and starts the container and waits until it is ready to be
// stopped. The returned Probe, also when err is not nil, must be removed; it is
// nil only when no container was asked for.
func Start(ctx context.Context, eng *engine.Engine, opts Options) (*Probe, error) {
	opts = withDefaults(opts)
	if err := checkNetwork(ctx, eng, opts.Network); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := &Probe{eng: eng, opts: opts, name: containerName(), result: Result{Image: opts.Image, Cmd: opts.Cmd, Grace: opts.Grace}}
	p.result.Container = p.name
	createCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), createTimeout)
	id, err := eng.Create(createCtx, engine.Spec{
		Name: p.name, Image: opts.Image, Entrypoint: opts.Entrypoint, Cmd: opts.Cmd, PIDMode: opts.PIDMode, Interactive: opts.Interactive, Init: opts.Init,
		Network: opts.Network, Memory: opts.Memory, Labels: ownerLabels(opts.Labels),
	})
	cancel()
	if err != nil {
		return p, err
	}
	p.id = id
	if err := ctx.Err(); err != nil {
		return p, err
	}
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

// checkNetwork rejects a network the engine does not have, which it would
// otherwise only report when the container starts.
func checkNetwork(ctx context.Context, eng *engine.Engine, network string) error {
	if network == "default" || strings.HasPrefix(network, "container:") { // modes, not networks
		return nil
	}
	ok, err := eng.HasNetwork(ctx, network)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("network %q does not exist on the engine (docker network ls lists them; none, host and bridge always exist)", network)
	}
	return nil
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
			printed := newTextFinder(p.opts.Ready)
			if err := p.eng.Logs(ctx, p.id, p.opts.Interactive, printed); err != nil {
				return err
			}
			if printed.found {
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
	p.result.Init = initProgram(p.result.PID1)
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
	end := time.Now()
	state, err := p.eng.Inspect(ctx, p.id)
	if err != nil {
		return nil, err
	}
	p.result.StopTook = stopTook(start, end, state.FinishedAt)
	verdict, reason := judge(state.ExitCode, p.result.StopTook, p.opts.Grace, p.result.Signal, p.result.Init)
	p.finish(ctx, state, verdict, reason)
	return &p.result, nil
}

// stopTook is how long a stop that was asked for at start, and answered at
// end, took: until PID 1 exited by the engine's clock, when that lies between
// the two (the engine's answer can come late on a loaded host), else until the
// answer (a remote engine's clock may differ from ours).
func stopTook(start, end, exited time.Time) time.Duration {
	if exited.After(start) && exited.Before(end) {
		return exited.Sub(start)
	}
	return end.Sub(start)
}

// finish records the final state, which every caller has just inspected, the
// verdict and the container's output.
func (p *Probe) finish(ctx context.Context, final engine.State, v Verdict, reason string) {
	p.done = true
	p.result.Verdict, p.result.Reason = v, reason
	p.result.ExitCode, p.result.OOMKilled = final.ExitCode, final.OOMKilled
	logs := &logTail{max: MaxLogs}
	if err := p.eng.Logs(ctx, p.id, p.opts.Interactive, logs); err == nil {
		p.result.Logs = logs.String()
	}
}

// Remove deletes the container, by name when creation's answer never came. It
// runs on its own deadline so that a cancelled run (Ctrl-C) still cleans up.
func (p *Probe) Remove() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if p.id == "" {
		if exists, err := p.eng.Exists(ctx, p.name); err == nil && !exists {
			p.absent = true
			return nil
		}
	}
	if err := p.eng.Remove(ctx, cmp.Or(p.id, p.name)); err != nil {
		return &NotRemovedError{Name: p.name, Err: err}
	}
	return nil
}

// NotRemovedError says that a container could not be removed, and how to remove it.
type NotRemovedError struct {
	Name string
	Err  error
}

func (e *NotRemovedError) Error() string {
	return fmt.Sprintf("container %s was NOT removed: %v; remove it with: docker rm -f %s", e.Name, e.Err, e.Name)
}

func (e *NotRemovedError) Unwrap() error { return e.Err }

// initPrograms are the inits that run the command as their child, forward the
// stop signal to it and exit as it does: 128+n when it dies of signal n.
var initPrograms = map[string]bool{"docker-init": true, "tini": true, "tini-static": true, "dumb-init": true}

// initProgram names PID 1's program when it is one of initPrograms.
func initProgram(pid1 string) string {
	prog, _, _ := strings.Cut(pid1, " ")
	if name := path.Base(prog); initPrograms[name] {
		return name
	}
	return ""
}

// judge turns how PID 1 ended after the stop signal into a verdict, per the
// measurements in docs/SIGNALS.md. With an init as PID 1, the exit code is
// its child's: the init forwards the signal and exits as the child did, and
// the container's other processes are killed with it.
func judge(exitCode int, took, grace time.Duration, signal, init string) (Verdict, string) {
	who, forwarded, rest := "PID 1", "", ""
	if init != "" {
		who = fmt.Sprintf("the command under %s (PID 1)", init)
		forwarded = fmt.Sprintf(", which %s forwarded to it", init)
		rest = fmt.Sprintf("; %s then exited and the container's other processes were killed with it", init)
	}
	switch {
	case exitCode == 0:
		return Graceful, fmt.Sprintf("%s exited 0 on %s after %.2fs", who, signal, took.Seconds())
	case exitCode == 137 && took >= grace-killSlack:
		return KilledAfterGrace, fmt.Sprintf("%s did not exit on %s and was SIGKILLed when the %s grace period ended", who, signal, grace)
	case exitCode == 2:
		return ExitedUnhandled, fmt.Sprintf("%s exited 2 on %s%s: the Go runtime's default action, no handler ran%s", who, signal, forwarded, rest)
	case exitCode > 128:
		return ExitedUnhandled, fmt.Sprintf("%s died of signal %d (exit %d) without handling %s%s%s", who, exitCode-128, exitCode, signal, forwarded, rest)
	default:
		return ExitedWithFailure, fmt.Sprintf("%s exited %d on %s", who, exitCode, signal)
	}
}
