package manifestlint

import (
	"github.com/gracelint/gracelint/internal/rule"
)

// SharedPIDShell is GL305.
var SharedPIDShell = &rule.Rule{
	ID:       "GL305",
	Name:     "shared-pid-shell",
	Severity: rule.Error,
	Summary:  "shareProcessNamespace: true with a sh -c main process that does not exec the app: SIGTERM kills the shell and the app dies without cleanup",
	Doc: `What happens: shareProcessNamespace: true puts the pod's containers in one PID
namespace whose PID 1 is the pause process. A container's shell is then an ordinary
process: SIGTERM, with no trap, kills it at once. The container ends with its main
process, and the app the shell started is killed with it, never having seen SIGTERM:
no cleanup, whatever handlers it has. (Without the shared namespace the same shell
would be PID 1 and ignore SIGTERM: GL301.)

Evidence: emulated on the engine as the kubelet sets it up, a pause container and the
app's container joined to its PID namespace (docker run --pid container:pause): the
shell was not PID 1, docker stop ended it at once with exit 143, and the app never
got SIGTERM nor ran its cleanup; with sh -c "exec app" the app got SIGTERM and exited
0 after its cleanup (internal/runtimetest).

Fix: let the app replace the shell: command: ["/usr/local/bin/app"], or exec before the
string's last command (sh -c "setup && exec app").`,
}

func checkSharedPIDShell(p *pass) {
	if !p.run.SharePID.Value {
		return
	}
	s, ok := p.stayingShell()
	if !ok {
		return
	}
	at := s.from.From
	if !p.fromManifest(s.from) {
		at = p.run.SharePID.From // the string is the image's; the manifest shares the namespace
	}
	f := p.report(SharedPIDShell, at, "%s%s; shareProcessNamespace: true (line %d) makes pause PID 1, so SIGTERM kills the shell at once and the app under it is killed with the container, without cleanup",
		s.why(), s.unlessEntrypoint(), p.run.SharePID.From.Line)
	f.Severity = min(f.Severity, s.severity(SharedPIDShell))
	p.fixShellStays(f, s)
}
