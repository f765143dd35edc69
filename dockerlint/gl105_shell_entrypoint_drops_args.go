package dockerlint

import (
	"fmt"
	"strings"

	"github.com/gracelint/gracelint/internal/rule"
)

// ShellEntrypointDropsArgs is GL105.
var ShellEntrypointDropsArgs = &rule.Rule{
	ID:       "GL105",
	Name:     "shell-entrypoint-drops-args",
	Severity: rule.Warning,
	Summary:  "shell-form ENTRYPOINT makes Docker ignore CMD and docker run arguments",
	Doc: `What happens: a shell-form ENTRYPOINT is stored as ["/bin/sh", "-c", "the string"].
Docker appends CMD and the arguments of docker run after it, but sh -c only runs the
string: the extra words become $0, $1, ... of a string that never reads them. The CMD
in the Dockerfile and every "docker run IMAGE args" are silently ignored. The same
shell also sits between Docker and the app, with the PID 1 consequences of GL101.

Evidence: Docker's reference, "ENTRYPOINT: shell form ... prevents any CMD command line
arguments from being used"; docs/SIGNALS.md for what the shell does with SIGTERM.

Fix: write ENTRYPOINT in exec form, ENTRYPOINT ["/usr/local/bin/app"], and put default
arguments in CMD ["--flag"]. If a shell is really needed, end its string with
exec "$@" in an entrypoint script run in exec form.`,
}

// checkShellEntrypointDropsArgs reports the shell-form ENTRYPOINT of the final image.
func checkShellEntrypointDropsArgs(p *pass) {
	ep := p.img.entrypoint
	if ep == nil || !ep.shellForm || p.img.windows {
		return
	}
	ignored := "docker run arguments"
	if p.img.cmd != nil {
		ignored = fmt.Sprintf("the CMD at line %d and docker run arguments", p.img.cmd.at.line)
	}
	p.report(ShellEntrypointDropsArgs, ep.at,
		"shell-form ENTRYPOINT runs only its own string under %s, so %s are ignored; "+
			"write it in exec form (ENTRYPOINT [\"app\"]) and put default arguments in CMD", strings.Join(ep.argv[:len(ep.argv)-1], " "), ignored)
}
