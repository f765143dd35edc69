package dockerlint

import (
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// EntrypointScriptNoExec is GL103.
var EntrypointScriptNoExec = &rule.Rule{
	ID:       "GL103",
	Name:     "entrypoint-script-no-exec",
	Severity: rule.Error,
	Summary:  "the entrypoint script starts the app without exec, so the script's shell stays PID 1",
	Doc: `What happens: a script run as ENTRYPOINT or CMD (ENTRYPOINT ["/docker-entrypoint.sh"])
is interpreted by a shell, and bash, dash and BusyBox ash all stay PID 1 while they run
a script. When the script's last step starts the app as a child instead of replacing
itself with exec, the shell remains PID 1 without a SIGTERM handler: the kernel drops
docker stop's SIGTERM, the app never hears it, and Docker SIGKILLs the container after
the grace period (exit 137, no cleanup). Under an init wrapper (ENTRYPOINT ["tini", "--",
"/init.sh"]) the script's shell is not PID 1: the init forwards SIGTERM to it, it dies of
it at once without passing it on, and the app is killed with the container (exit 143, no
cleanup); dumb-init and tini -g signal the whole process group, and the app is killed
with the init before its cleanup can finish.

gracelint reads the script from the build context (the Dockerfile's directory),
resolving its path as docker build does (".." stops at the context's root, a symbolic
link is followed as if the context were /, so nothing outside the context is read), or
from a heredoc COPY, or, for an ENTRYPOINT inherited from the base image, from the
image itself (-resolve: the local engine, or the registry), parses it with mvdan.cc/sh and follows the functions it defines
(postgres-style _main "$@" whose body ends in exec). exec "$@", exec gosu user ... and
exec su-exec user ... are fine; so is a script that traps TERM, forwards it to the app
and waits for it.

Evidence (docs/SIGNALS.md): a shell at PID 1 ignores SIGTERM; docker stop -t 3 then
takes 3.1 s and ends in exit 137 without the app's cleanup. Under tini (runtime test
gl103-tini): exit 143 at once (0.07 s on a quiet machine), the app's cleanup not run.

Fix: make the script's last line exec the app: exec "$@" (with CMD ["app"]), or
exec /usr/local/bin/app "$@".`,
}

// checkEntrypointScriptNoExec finds the script the final image runs (directly, as
// the operand of a shell, or as the program a shell string ends on) and judges how
// it ends.
func checkEntrypointScriptNoExec(p *pass) {
	l := p.run
	if l == nil {
		return
	}
	prog := l.argv[0]
	if sh, ok := p.img.shellOf(l.argv); ok {
		switch {
		case sh.script < 0:
			return
		case !sh.dashC:
			prog = l.argv[sh.script] // sh /docker-entrypoint.sh
		default:
			v, err := shell.AnalyzeCommand(sh.family, l.argv[sh.script])
			if err != nil || v.Program == "" {
				return
			}
			prog = v.Program
		}
	}
	s := p.script(prog)
	if s == nil || s.verdict.Execs || s.verdict.Unknown || p.keepAliveIsGL108s() {
		return // GL108 reports a script that ends on tail -f or sleep: exec would not help
	}
	p.report(EntrypointScriptNoExec, l.from.at,
		"%s: %s; %s; end the script with exec (exec \"$@\" or exec /path/to/app)",
		s.where(s.verdict.Line), s.verdict.Reason, l.shellStopOutcome())
}
