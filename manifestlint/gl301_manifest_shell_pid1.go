package manifestlint

import (
	"github.com/gracelint/gracelint/internal/rule"
)

// ManifestShellPID1 is GL301.
var ManifestShellPID1 = &rule.Rule{
	ID:       "GL301",
	Name:     "manifest-shell-pid1",
	Severity: rule.Error,
	Summary:  "a compose or Kubernetes command runs sh -c with a string that leaves the shell as PID 1, so SIGTERM never reaches the app",
	Doc: `What happens: a Kubernetes command:/args: or a compose entrypoint:/command: is exec
form: the kubelet and docker compose run the words as given, with no shell, and $(VAR)
in Kubernetes is expanded by the kubelet, not by a shell. Only an explicit sh -c or
bash -c starts one, and then the string decides, as for a Dockerfile's shell form
(GL101, GL102): Debian's dash never execs "app", bash execs a single command (and more
from 4.4 and 5.1 on), BusyBox ash execs the last command. A shell that stays PID 1
ignores SIGTERM, so the container is SIGKILLed at the end of the grace period (exit
137, no cleanup). With compose init: true, docker-init forwards SIGTERM to the shell,
which dies of it and leaves the app to be killed.

YAML block scalars (| and >) end the string with a newline: BusyBox ash then keeps
PID 1 even for a single command, and a blank or comment line after the last command
stops bash's exec too (docs/SIGNALS.md, multi-line table).

Which shell: sh is the image's /bin/sh, known when compose builds the image from a
Dockerfile gracelint reads (build:), when the image is a base in gracelint's table
(alpine, debian, busybox, ...) or ko://, or from images: in .gracelint.yaml. Otherwise
it may be any shell: the finding is an error where no shell would exec the string and
a warning where it depends. bash -c is bash. When the manifest sets only the command
(compose command:, Kubernetes args:), the image's ENTRYPOINT stays in front of it; if
gracelint does not know that ENTRYPOINT the finding is a warning. Init containers and
the pods of Jobs and CronJobs run to completion: their findings are info.

Evidence (internal/runtimetest, docs/SIGNALS.md "Compose and Kubernetes"): on a dash
base, compose command: sh -c "app" run with docker-compose left sh as PID 1 and
docker-compose stop -t 3 ended it with exit 137 after the grace period, no cleanup;
sh -c "exec app" made the app PID 1, exit 0, cleanup ran; with init: true docker-init
was PID 1 and the container exited 143 without the app's cleanup. The same on a
Kubernetes command emulated on the engine (command as ENTRYPOINT).

Fix: drop the shell and write the words, command: ["/usr/local/bin/app", "--port",
"8080"] (Kubernetes expands $(PORT) itself); or start the string's last command with
exec: sh -c "migrate && exec app"; or remove the trailing newline (|- instead of |).`,
}

// checkManifestShellPID1 judges the -c string of a container whose shell would
// be PID 1; with a shared PID namespace the shell is not PID 1 (GL305).
func checkManifestShellPID1(p *pass) {
	if p.run.SharePID.Value {
		return
	}
	s, ok := p.stayingShell()
	if !ok || !p.fromManifest(s.from) {
		return // a string of the image's own is GL101's or GL102's, on the Dockerfile
	}
	what := "a shell at PID 1 ignores SIGTERM, so " + p.stopper() + " SIGKILLs the container after the grace period (" + p.grace() + ") and the app's cleanup never runs"
	if p.run.Init.Value {
		what = "init: true makes docker-init PID 1, which forwards SIGTERM to the shell; the shell dies of it without passing it on, and the app is killed without cleanup"
	}
	f := p.report(ManifestShellPID1, s.from.From, "%s%s; %s", s.why(), s.unlessEntrypoint(), what)
	f.Severity = min(f.Severity, s.severity(ManifestShellPID1))
	p.fixShellStays(f, s)
}
