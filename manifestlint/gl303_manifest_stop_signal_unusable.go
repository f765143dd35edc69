package manifestlint

import (
	"github.com/gracelint/gracelint/internal/linuxsig"
	"github.com/gracelint/gracelint/internal/rule"
)

// ManifestStopSignalUnusable is GL303.
var ManifestStopSignalUnusable = &rule.Rule{
	ID:       "GL303",
	Name:     "manifest-stop-signal-unusable",
	Severity: rule.Error,
	Summary:  "compose stop_signal or Kubernetes lifecycle.stopSignal is SIGKILL, SIGSTOP or not a signal",
	Doc: `What happens: compose stop_signal and Kubernetes lifecycle.stopSignal replace the
image's STOPSIGNAL as the signal sent first. SIGKILL cannot be caught: the app is
killed at once, with no cleanup, exit 137. SIGSTOP cannot be caught either: it
freezes the app, which then sits out the whole grace period before SIGKILL. A value
that is not a signal makes docker compose fail to create the container ("invalid
signal") and the Kubernetes API reject the pod.

Evidence (internal/runtimetest): compose stop_signal: SIGKILL, run with docker-compose
and stopped with docker-compose stop, exited 137 without the app's cleanup;
stop_signal: SIGINT on an app that handles it exited 0 after its cleanup. SIGSTOP:
GL106's runtime case (the whole grace period, then 137).

Fix: use a signal the app handles, SIGTERM (the default: remove the key), SIGINT or
SIGQUIT.`,
}

func checkManifestStopSignalUnusable(p *pass) {
	s := p.m.Layer.StopSignal
	if !s.Set {
		return
	}
	sig, ok := linuxsig.Parse(s.Value)
	switch {
	case !ok || !linuxsig.Valid(sig):
		p.report(ManifestStopSignalUnusable, s.From, "stop signal %q is not a Linux signal, so the container cannot be created with it; use SIGTERM (remove the setting) or a signal the app handles", s.Value)
	case sig == linuxsig.SIGKILL:
		p.report(ManifestStopSignalUnusable, s.From, "stop signal %s cannot be caught: %s kills the app at once, without cleanup (exit 137); use SIGTERM (remove the setting) or a signal the app handles", s.Value, p.stopper())
	case sig == linuxsig.SIGSTOP:
		p.report(ManifestStopSignalUnusable, s.From, "stop signal %s cannot be caught: it freezes the app for the whole grace period (%s), then SIGKILL ends it without cleanup; use SIGTERM (remove the setting) or a signal the app handles", s.Value, p.grace())
	}
}
