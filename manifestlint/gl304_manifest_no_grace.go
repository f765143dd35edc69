package manifestlint

import (
	"github.com/gracelint/gracelint/internal/manifest"
	"github.com/gracelint/gracelint/internal/rule"
)

// ManifestNoGrace is GL304.
var ManifestNoGrace = &rule.Rule{
	ID:       "GL304",
	Name:     "manifest-no-grace",
	Severity: rule.Error,
	Summary:  "stop_grace_period: 0s or terminationGracePeriodSeconds: 0 leaves the app no time to shut down",
	Doc: `What happens: the grace period is the time between the stop signal and SIGKILL.
compose stop_grace_period: 0s makes docker compose stop send SIGKILL right after the
stop signal, so even an app that handles SIGTERM is killed before its cleanup runs
(exit 137). Kubernetes documents terminationGracePeriodSeconds: 0 as "stop
immediately via the kill signal (no opportunity to shut down)"; a preStop hook gets no
time either. For Jobs, CronJobs and init containers, which run to completion, the
finding is info.

Evidence (internal/runtimetest): an app that handles SIGTERM with a one-second
cleanup, compose stop_grace_period: 0s, docker-compose stop: it got SIGTERM and was
SIGKILLed during its cleanup, exit 137; with stop_grace_period: 3s it finished, exit
0. For Kubernetes the figure is the API's documentation of the field.

Fix: remove the setting (compose: 10 s, Kubernetes: 30 s) or set it longer than the
app's shutdown takes.`,
}

func checkManifestNoGrace(p *pass) {
	g := p.m.Layer.Grace
	if !g.Set || g.Value > 0 {
		return
	}
	if p.m.Orchestrator == manifest.Compose {
		p.report(ManifestNoGrace, g.From, "stop_grace_period: %s makes docker compose stop send SIGKILL right after the stop signal, before the app can clean up; "+
			"remove it (default 10s) or make it longer than the app's shutdown", g.Value)
		return
	}
	p.reportPod(ManifestNoGrace, g.From, "terminationGracePeriodSeconds: 0 stops the pod \"immediately via the kill signal (no opportunity to shut down)\"; "+
		"remove it (default 30) or make it longer than the app's shutdown")
}
