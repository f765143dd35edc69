package imagelink

import (
	"fmt"
	"slices"

	"github.com/gracelint/gracelint/goanalysis/program"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/linuxsig"
	"github.com/gracelint/gracelint/internal/rule"
)

// StopSignalNotHandled is GL107.
var StopSignalNotHandled = &rule.Rule{
	ID:       "GL107",
	Name:     "stop-signal-not-handled",
	Severity: rule.Error,
	Summary:  "the image's stop signal is not one the Go program it ships subscribes to, so docker stop ends it without cleanup",
	Doc: `docker stop sends the image's STOPSIGNAL (SIGTERM unless the Dockerfile sets one) to PID 1.
The Go runtime installs a handler for every signal at start-up; a signal that no
signal.Notify or signal.NotifyContext subscribed to takes its default action, which for
SIGTERM, SIGINT, SIGQUIT and SIGHUP is to end the program at once: exit status 2 (SIGQUIT
also dumps goroutines), deferred calls, buffered writers and in-flight requests lost. This
happens even when the program is PID 1 of its container. Most other signals (SIGUSR1,
SIGWINCH, ...) are caught and ignored: docker stop then waits the whole grace period and
SIGKILLs the program. So a program that shuts down
cleanly on Ctrl-C (os.Interrupt) is killed outright by docker stop, unless the image says
STOPSIGNAL SIGINT.

gracelint reports this on the ENTRYPOINT or CMD line that starts the program, when it can
tell for certain which Go main package of the module the image runs: a RUN go build or go
install in a build stage (with -o to a file or a directory, through WORKDIR, cd, COPY . .
and COPY --from), or a binary built outside Docker and copied from the build context,
named after a main package's directory. It needs the Go packages in the same run
(gracelint ./...); a Dockerfile linted alone is never linked. The message names each call
through which the program subscribes, with its own file and line.

Evidence (docs/SIGNALS.md, docker stop -t 3, exec form): a Go program with
signal.Notify(c, os.Interrupt) only exited 2 after 0.09 s, its cleanup not run; the same
program with STOPSIGNAL SIGINT exited 0 after 0.10 s with its cleanup done.

Fix: subscribe to the stop signal where the program subscribes (add syscall.SIGTERM to
the signal.Notify or signal.NotifyContext call), or make the image send a signal the
program handles (STOPSIGNAL SIGINT).`,
}

// checkStopSignal reports GL107 when the program subscribes to signals, but not
// to the one docker stop sends first. A program that subscribes to nothing is
// GL201's case.
func (l link) checkStopSignal(out []finding.Finding) []finding.Finding {
	p, m := l.prog, l.main
	if p.Subscribes.IsEmpty() || p.Handles(m.StopSignal) || len(p.Sites) == 0 {
		return out
	}
	if !linuxsig.Valid(m.StopSignal) || m.StopSignal == linuxsig.SIGKILL || m.StopSignal == linuxsig.SIGSTOP {
		return out // GL106 already says this STOPSIGNAL has no graceful path at all
	}
	name := program.SignalName(m.StopSignal)
	stop := name + " (the default)"
	switch {
	case m.StopSignalLine > 0 && m.StopSignalName == name:
		stop = fmt.Sprintf("%s (STOPSIGNAL, line %d)", name, m.StopSignalLine)
	case m.StopSignalLine > 0: // STOPSIGNAL 2, STOPSIGNAL int
		stop = fmt.Sprintf("%s (STOPSIGNAL %s, line %d)", name, m.StopSignalName, m.StopSignalLine)
	}
	return l.report(out, StopSignalNotHandled, StopSignalNotHandled.Severity,
		"docker stop sends %s, but the program the image runs, %s (%s), subscribes only to %s: %s; %s",
		stop, m.Program, l.origin(), subscriptions(p.Sites), unhandled(m.StopSignal), fixes(&p.Program, m.StopSignal))
}

// subscriptions says what the program subscribes to, each call with its own
// position: "SIGINT at main.go:12:2", "SIGHUP at a.go:16:3 and SIGINT at
// a.go:17:3".
func subscriptions(sites []program.Site) string {
	parts := make([]string, len(sites))
	for i, s := range sites {
		parts[i] = fmt.Sprintf("%s at %s:%d:%d", s.Signals, finding.DisplayPath(s.File), s.Line, s.Column)
	}
	return finding.Words(parts)
}

// unhandled says what the Go runtime does with sig when nothing subscribed to
// it, per os/signal's "Default behavior of signals in Go programs". sig is a
// Linux number, as the container's.
func unhandled(sig int) string {
	switch sig {
	case linuxsig.SIGHUP, linuxsig.SIGINT, linuxsig.SIGTERM:
		return "the Go runtime ends it at once with exit status 2, skipping deferred calls and cleanup"
	case linuxsig.SIGQUIT, linuxsig.SIGILL, linuxsig.SIGTRAP, linuxsig.SIGABRT, linuxsig.SIGSYS:
		return "the Go runtime ends it at once with a goroutine dump and exit status 2, skipping deferred calls and cleanup"
	}
	return "the Go runtime takes no action on that signal, so docker stop waits the whole grace period and then SIGKILLs the program (exit 137, no cleanup)"
}

// fixes offers both ways out: subscribe to the stop signal, or stop the program
// with a signal it handles.
func fixes(p *program.Program, stop int) string {
	call := "that call"
	if len(p.Sites) > 1 {
		call = "one of those calls"
	}
	subscribe := fmt.Sprintf("add %s to %s", goSignal(stop), call)
	for _, sig := range []int{linuxsig.SIGTERM, linuxsig.SIGINT, linuxsig.SIGQUIT, linuxsig.SIGHUP} {
		if !p.Subscribes.Has(sig) {
			continue
		}
		if sig == linuxsig.SIGTERM {
			return subscribe + ", or remove the STOPSIGNAL line so that docker stop sends SIGTERM"
		}
		return fmt.Sprintf("%s, or set STOPSIGNAL %s in the Dockerfile", subscribe, stopSignal(sig))
	}
	if i := slices.IndexFunc(p.Subscribes.Sigs, func(sig int) bool { return sig != linuxsig.SIGKILL && sig != linuxsig.SIGSTOP }); i >= 0 {
		return fmt.Sprintf("%s, or set STOPSIGNAL %s in the Dockerfile", subscribe, stopSignal(p.Subscribes.Sigs[i]))
	}
	return subscribe
}

// goSignal is sig as Go code writes it: syscall.SIGUSR1, or syscall.Signal(37)
// for a real-time signal, which has no name in package syscall.
func goSignal(sig int) string {
	if name, ok := linuxsig.Name(sig); ok {
		return "syscall." + name
	}
	return fmt.Sprintf("syscall.Signal(%d)", sig)
}

// stopSignal is sig as a STOPSIGNAL line writes it: its name, or its number.
func stopSignal(sig int) string {
	if name, ok := linuxsig.Name(sig); ok {
		return name
	}
	return fmt.Sprint(sig)
}
