// Package container models how a container starts, as layers: the image's
// configuration (from its Dockerfile or what is known of its base), then what an
// orchestrator manifest (compose, Kubernetes) sets over it. Every value keeps the
// place it was written, so a rule reports on the line that decided it.
package container

import (
	"path"
	"time"

	"github.com/gracelint/gracelint/internal/shell"
)

// A Source is where a value was written: a file and a 1-based line and column.
type Source struct {
	File      string
	Line, Col int
}

// A Command is an ENTRYPOINT or a CMD as Docker stores it.
type Command struct {
	Argv []string
	// ShellForm: a Dockerfile's shell form, whose Argv is the SHELL followed by
	// the joined string. Manifests only ever write exec form.
	ShellForm bool
	From      Source
}

// A Setting is one value of a layer and where it was written; Set is false
// when the layer leaves it to the layer below.
type Setting[T any] struct {
	Value T
	From  Source
	Set   bool
}

// Shell is what the image's /bin/sh is.
type Shell struct {
	Family   shell.Family   // Unknown when it is not certain
	Families []shell.Family // what it may be, from the one that execs least to the one that execs most
	Why      string         // why, in words a message can quote
}

// Config is one layer of a container's start, or the result of layering them.
type Config struct {
	Image      Setting[string]
	Entrypoint *Command // nil when the layer does not set it
	Cmd        *Command // nil when the layer does not set it
	// EntrypointKnown says that Entrypoint is all there is: the image's
	// ENTRYPOINT is known (nil: none), not merely unset in this layer.
	EntrypointKnown bool
	Shell           Shell
	StopSignal      Setting[string]        // "" with Set false: SIGTERM
	Grace           Setting[time.Duration] // Set false: the orchestrator's default
	Init            Setting[bool]          // an init (docker-init) is PID 1 in front of the command
	SharePID        Setting[bool]          // the pod's containers share one PID namespace: pause is PID 1
}

// Over returns the container that top's settings make of base, the way Docker,
// compose and the kubelet layer them: a setting of top wins, and an
// entrypoint set without a command clears base's command (docker run
// --entrypoint, compose entrypoint:, a Kubernetes command: without args:).
func (top Config) Over(base Config) Config {
	out := base
	if top.Entrypoint != nil {
		out.Entrypoint, out.Cmd, out.EntrypointKnown = top.Entrypoint, nil, true
	}
	if top.Cmd != nil {
		out.Cmd = top.Cmd
	}
	if top.Shell.Families != nil {
		out.Shell = top.Shell
	}
	over(&out.Image, top.Image)
	over(&out.StopSignal, top.StopSignal)
	over(&out.Grace, top.Grace)
	over(&out.Init, top.Init)
	over(&out.SharePID, top.SharePID)
	return out
}

func over[T any](base *Setting[T], top Setting[T]) {
	if top.Set {
		*base = top
	}
}

// Argv is the command line the container runs, as Docker joins it: the
// entrypoint, then the command, which a shell-form ENTRYPOINT ignores. owner
// says which Command wrote each word. certain is false when the entrypoint
// in front of it is not known.
func (c Config) Argv() (argv []string, owner []*Command, certain bool) {
	parts := []*Command{c.Entrypoint}
	if c.Entrypoint == nil || !c.Entrypoint.ShellForm {
		parts = append(parts, c.Cmd)
	}
	for _, p := range parts {
		if p == nil {
			continue
		}
		argv = append(argv, p.Argv...)
		for range p.Argv {
			owner = append(owner, p)
		}
	}
	return argv, owner, c.Entrypoint != nil || c.EntrypointKnown
}

// A ShellRun is a POSIX shell on a command line: which one, and what it runs.
type ShellRun struct {
	Name   string // the program as written, e.g. "/bin/sh"
	Shell  Shell
	Script int  // index in argv of the -c string or script file; -1 if none
	DashC  bool // the shell runs a string (-c), not a file
}

// ShellOf recognises argv as a shell the model knows (sh, ash, bash, dash,
// busybox sh) and finds its -c string. sh is the image's /bin/sh; a shell named
// explicitly is that shell.
func (c Config) ShellOf(argv []string) (ShellRun, bool) {
	if len(argv) == 0 {
		return ShellRun{}, false
	}
	run := ShellRun{Name: argv[0], Script: -1}
	args := argv[1:]
	switch base := path.Base(argv[0]); base {
	case "sh":
		if argv[0] != "sh" && argv[0] != "/bin/sh" && argv[0] != "/usr/bin/sh" {
			run.Shell = Shell{shell.Unknown, AnyShell, argv[0] + " is not the image's /bin/sh, so gracelint does not know which shell it is"}
			break
		}
		run.Shell = c.Shell
	case "ash", "dash":
		f, _ := shell.ParseFamily(base)
		run.Shell = Named(f, "the command runs "+base+" explicitly")
	case "bash":
		run.Shell = Shell{shell.Unknown, AnyBash, "the command runs bash explicitly, of a release gracelint does not know"}
		if c.Shell.Families != nil && allBash(c.Shell.Families) {
			run.Shell = c.Shell // the image's /bin/sh is its bash
			run.Shell.Why = "the command runs bash explicitly (" + c.Shell.Why + ")"
		}
	case "busybox":
		if len(args) == 0 || (args[0] != "sh" && args[0] != "ash") {
			return ShellRun{}, false
		}
		run.Shell, args = Named(shell.Ash, "the command runs busybox sh explicitly"), args[1:]
	default:
		return ShellRun{}, false
	}
	if run.Shell.Families == nil {
		run.Shell = Shell{shell.Unknown, AnyShell, "the image's /bin/sh is unknown"}
	}
	i, dashC := shell.Operand(args)
	run.DashC = dashC
	if i >= 0 {
		run.Script = len(argv) - len(args) + i
	}
	return run, true
}

func allBash(fs []shell.Family) bool {
	for _, f := range fs {
		if !f.IsBash() {
			return false
		}
	}
	return len(fs) > 0
}

// AnyShell is what an unknown /bin/sh may be, from the family that execs least
// to the one that execs most.
var AnyShell = []shell.Family{shell.Dash, shell.Bash, shell.Ash}

// AnyBash is what a bash of unknown release may be, in the same order.
var AnyBash = []shell.Family{shell.Bash4, shell.Bash44, shell.Bash}

// Named is a shell known for certain.
func Named(f shell.Family, why string) Shell {
	return Shell{Family: f, Families: []shell.Family{f}, Why: why}
}

// A Stay is a shell family that keeps PID 1 for a -c string, and why.
type Stay struct {
	Family shell.Family
	Reason string
}

// Stays judges cmd, a -c string, in each family it may run in: the families
// that keep PID 1 for it. ok is false when nothing can be said (the string does
// not parse, or runs eval or source).
func Stays(families []shell.Family, cmd string) (stays []Stay, ok bool) {
	for _, f := range families {
		v, err := shell.AnalyzeCommand(f, cmd)
		if err != nil || !v.Known {
			return nil, false
		}
		if !v.Execs {
			stays = append(stays, Stay{f, v.Reason})
		}
	}
	return stays, true
}
