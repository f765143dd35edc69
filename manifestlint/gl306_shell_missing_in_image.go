package manifestlint

import (
	"path"

	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// ShellMissingInImage is GL306.
var ShellMissingInImage = &rule.Rule{
	ID:       "GL306",
	Name:     "shell-missing-in-image",
	Severity: rule.Error,
	Summary:  "a manifest command or preStop hook runs a shell (or sleep) in an image that has none (ko, distroless, scratch)",
	Doc: `What happens: images built by ko, distroless images and FROM scratch have no /bin/sh,
and no sleep either. A container whose command runs sh -c never starts ("exec: sh: no
such file"). A preStop exec hook that runs sh -c or sleep fails: the kubelet records
FailedPreStopHook and sends SIGTERM at once, so the wait the hook was meant for (for
endpoints to drain) never happens, and requests still routed to the pod fail.

Evidence: a Kubernetes command: ["sh", "-c", "app"] on a distroless stand-in, emulated
on the engine, never started (exit 127), as GL104's cases on scratch and distroless.
ko builds onto gcr.io/distroless/static, which has neither /bin/sh nor sleep (the ko
and distroless documentation). The preStop outcome (FailedPreStopHook, then SIGTERM
at once) is the kubelet's documented behaviour; the runtime suite has no kubelet to
run hooks.

Fix: for a delay before SIGTERM use the sleep action, lifecycle.preStop.sleep.seconds
(Kubernetes 1.30 and later), or an httpGet hook; for the command, run the program
itself in exec form.`,
}

// missing are the programs a shell-less image does not have that hooks and
// commands most often run.
var missing = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "busybox": true, "sleep": true}

func checkShellMissingInImage(p *pass) {
	sh := p.image.Shell
	if sh.Family != shell.None {
		return
	}
	if c := p.m.PreStop; c != nil && missing[path.Base(c.Argv[0])] {
		p.report(ShellMissingInImage, c.From, "the preStop hook runs %s, but %s: the hook fails (FailedPreStopHook) and SIGTERM comes at once, with no delay for endpoints to drain; "+
			"use lifecycle.preStop.sleep.seconds (Kubernetes 1.30+) or an httpGet hook", c.Argv[0], sh.Why)
	}
	argv, owner, _ := p.run.Argv()
	if len(argv) > 0 && missing[path.Base(argv[0])] && p.fromManifest(owner[0]) {
		p.report(ShellMissingInImage, owner[0].From, "the container runs %s, but %s: it never starts; run the program itself, in exec form", argv[0], sh.Why)
	}
}
