package dockerlint

import (
	"fmt"

	"github.com/gracelint/gracelint/internal/rule"
)

// ShellWrapperPID1 is GL102.
var ShellWrapperPID1 = &rule.Rule{
	ID:       "GL102",
	Name:     "shell-wrapper-pid1",
	Severity: rule.Error,
	Summary:  "exec-form command runs sh -c, and that shell stays PID 1, so SIGTERM never reaches the app",
	Doc: `What happens: exec form avoids Docker's own /bin/sh -c, but CMD ["sh", "-c", "app args"],
ENTRYPOINT ["/bin/bash", "-c", "..."] or ENTRYPOINT ["sh", "-c"] fed by CMD put a shell
back in front of the app. Whether the app replaces it as PID 1 depends on the shell and
the string, exactly as for shell form (GL101): when the shell stays, it is PID 1 without
a SIGTERM handler, the kernel drops docker stop's SIGTERM, and Docker SIGKILLs the
container after the grace period: exit 137, no cleanup. Behind tini or dumb-init the
shell is not PID 1: it dies of the forwarded SIGTERM and the app is killed with it.

Which shells exec the string (docs/SIGNALS.md): dash (Debian, Ubuntu) only with an
explicit exec; bash 5.1 and later for a single simple command or the end of an && or ;
list, bash before 5.1 not at the end of a ; list and bash before 4.4 not on the right
of && or || either (an explicit bash is the image's own, whose release gracelint reads
from the base image); BusyBox ash (Alpine) also under redirections, subshells and if. A pipeline, a trap, or a
command that is not last keeps every shell at PID 1.

Evidence (docker stop -t 3, dash base): a shell at PID 1 took 3.1 s and exited 137
without cleanup; the same app as PID 1 stopped in 0.1 s with exit 0.

Fix: drop the shell, CMD ["/usr/local/bin/app", "--flag"]; or start the string's last
command with exec: CMD ["sh", "-c", "setup && exec /usr/local/bin/app"].`,
}

// checkShellWrapperPID1 judges an exec-form command line that runs a shell with -c.
func checkShellWrapperPID1(p *pass) {
	if p.run == nil || p.run.from.shellForm {
		return
	}
	p.reportShellStays(ShellWrapperPID1,
		fmt.Sprintf(`run the app directly in exec form (%s ["app", "arg"]) or start the string's last command with exec`, p.run.from.name))
}
