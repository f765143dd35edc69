package dockerlint

import (
	"strings"

	"github.com/gracelint/gracelint/internal/linuxsig"
	"github.com/gracelint/gracelint/internal/rule"
)

// StopSignalUnusable is GL106.
var StopSignalUnusable = &rule.Rule{
	ID:       "GL106",
	Name:     "stopsignal-unusable",
	Severity: rule.Error,
	Summary:  "STOPSIGNAL is SIGKILL or SIGSTOP, or not a valid signal, so docker stop has no graceful path",
	Doc: `What happens: docker stop sends the image's STOPSIGNAL to PID 1, waits the grace period,
then sends SIGKILL. With STOPSIGNAL SIGKILL the first signal already kills the app: it
cannot be caught, so no handler, deferred call or flush ever runs. With STOPSIGNAL SIGSTOP
the app is frozen, not stopped, sits out the whole grace period and is then SIGKILLed.
A name or number that is not a signal is rejected by docker build (BuildKit parses it
with the same table as the engine) or makes docker stop fail to signal the container.
gracelint expands STOPSIGNAL's build arguments and ENV values as docker build does
(ARG S=SIGKILL then STOPSIGNAL $S is SIGKILL); a value left to --build-arg is not judged.

Evidence (docs/SIGNALS.md, docker stop -t 3): exec form with STOPSIGNAL SIGKILL stops
in 0.09 s with exit 137 and the app's cleanup does not run.

Fix: delete the STOPSIGNAL line (SIGTERM is the default) or name the signal the app
handles, e.g. STOPSIGNAL SIGINT for a program that only listens for os.Interrupt, or
for a python program without a SIGTERM handler (Python raises KeyboardInterrupt on
SIGINT by itself; node has no such default, see GL108), or STOPSIGNAL SIGQUIT for
nginx's graceful shutdown.`,
}

// checkStopSignalUnusable judges the STOPSIGNAL the final image ends up with; one in
// a stage that is only a build step never reaches a container.
func checkStopSignalUnusable(p *pass) {
	s := p.img.stopSignal
	if s == nil || s.inherited || strings.Contains(s.signal, "$") {
		return // a build argument decides it; gracelint does not guess its value
	}
	sig, ok := linuxsig.Parse(s.signal) // Linux's numbers, as the container's
	switch {
	case !ok || !linuxsig.Valid(sig):
		p.report(StopSignalUnusable, s.at,
			"STOPSIGNAL %s is not a signal name or number Linux knows: docker build rejects it or docker stop cannot send it; "+
				"remove the line to get SIGTERM or name a real signal such as SIGINT", s)
	case sig == linuxsig.SIGKILL:
		p.report(StopSignalUnusable, s.at,
			"STOPSIGNAL %s kills the app at once on docker stop: SIGKILL cannot be caught, so no cleanup runs; "+
				"remove the line to get SIGTERM, or name the signal the app handles", s)
	case sig == linuxsig.SIGSTOP:
		p.report(StopSignalUnusable, s.at,
			"STOPSIGNAL %s freezes the app instead of stopping it: docker stop waits the whole grace period and then SIGKILLs it; "+
				"remove the line to get SIGTERM, or name the signal the app handles", s)
	}
}
