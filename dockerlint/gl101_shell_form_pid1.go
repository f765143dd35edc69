package dockerlint

import (
	"fmt"
	"strings"

	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// ShellFormPID1 is GL101.
var ShellFormPID1 = &rule.Rule{
	ID:       "GL101",
	Name:     "shell-form-pid1",
	Severity: rule.Error,
	Summary:  "shell-form CMD or ENTRYPOINT leaves /bin/sh as PID 1, so SIGTERM never reaches the app",
	Doc: `What happens: shell form, CMD app args, is stored as ["/bin/sh", "-c", "app args"] (or
the stage's SHELL). Whether the app then replaces the shell as PID 1 depends on which
program /bin/sh is and on the string. When the shell stays, it is PID 1 without a
SIGTERM handler, so the kernel drops the SIGTERM of docker stop; the app never hears
it, and after the grace period (10 s by default) Docker SIGKILLs the container: exit
137, no cleanup, in-flight requests cut off. An init wrapper does not help:
ENTRYPOINT ["tini", "--"] in front of a shell-form CMD forwards SIGTERM to the shell,
which is not PID 1 and so dies of it, and the app is killed with it. dumb-init (and
tini -g) signal the shell's whole process group instead, but exit as soon as the shell
dies, and the app is killed with them before its cleanup can finish.

Which shells exec the string (docs/SIGNALS.md): Debian's dash (Debian, Ubuntu and the
official images built on them) never execs "app args" and execs only "exec app args";
bash 5.1 and later exec a single simple command and the last command of an && or ;
list, but not one under a redirection, a pipeline or a trap, nor one behind & or in
an && list that follows a ; (a; b && app); bash before 5.1 does not
exec the end of a ; list (setup; app), and bash before 4.4 not the right side of && or
|| either (CentOS 7, UBI 7 and Amazon Linux 2 ship bash 4.2; EL 8 images such as
rockylinux:8 and ubi8 ship 4.4); BusyBox ash (Alpine) also execs the last command under
a redirection, a subshell or an if. gracelint names the shell and the bash release it
assumed and why; when the base image is not in its table, or its tag does not say which
bash it ships, the finding is a warning (an error if no shell it may be would exec the
string), and .gracelint.yaml images: can say which shell it has. With -resolve
(local by default) gracelint reads /bin/sh and bash's release from the image
itself, in the local engine or its registry, and the finding says so and is an
error; a shell-form CMD handed to an inherited entrypoint script that execs its
arguments is judged the same way.

Evidence (docker stop -t 3 on a dash base): CMD /usr/local/bin/app took 3.1 s and
exited 137 without cleanup; CMD ["/usr/local/bin/app"] and CMD exec /usr/local/bin/app
took 0.1 s, exit 0, cleanup ran. ENTRYPOINT ["/tini","--"] with a shell-form CMD and
docker run --init both exited 143 without the app's cleanup. On a bash 5.2 base, CMD
true && /usr/local/bin/app and CMD true; /usr/local/bin/app stopped gracefully. What
bash before 5.1 does is from bash's CHANGES (4.4-alpha: the right side of && and ||;
5.1: more -c cases) and docs/SIGNALS.md, not re-measured here: no bash 4 runs on the
test machine.

Fix: write the command in exec form, CMD ["/usr/local/bin/app", "--flag"]; or, if it
needs the shell (variables, &&), start the string's last command with exec:
CMD setup && exec /usr/local/bin/app; or make the shell bash with SHELL when the
string is a single command. A command meant as exec form but not valid JSON, CMD
['/usr/local/bin/app'] (single quotes) or a missing comma, is shell form too: the
shell looks for a program named [/usr/local/bin/app] and the app never starts;
write the JSON array with double quotes and commas.`,
}

// checkShellFormPID1 judges a shell-form command that the final image runs, alone
// or behind init wrappers and entrypoint scripts that exec their arguments.
func checkShellFormPID1(p *pass) {
	if p.run == nil || !p.run.from.shellForm {
		return
	}
	if p.reportNotJSON() {
		return
	}
	p.reportShellStays(ShellFormPID1,
		fmt.Sprintf(`write %s in exec form (%[1]s ["app", "arg"]) or start the string's last command with exec`, p.run.from.name))
}

// reportNotJSON reports a shell-form command that was meant as exec form but
// is not JSON (CMD ['app', '-x']): BuildKit hands the text, brackets and all,
// to the shell. Scratch and distroless images are GL104's.
func (p *pass) reportNotJSON() bool {
	from := p.run.from
	shellArgv, cmd := from.argv[:len(from.argv)-1], from.argv[len(from.argv)-1]
	if !looksLikeExecForm(cmd) || p.img.family == shell.None {
		return false
	}
	runs := "which cannot run it as a program: the app never starts"
	if v, err := shell.AnalyzeCommand(shell.Dash, cmd); err == nil && v.Program != "" {
		runs = fmt.Sprintf("which looks for a program named %q: the app never starts", v.Program)
	}
	f := p.report(ShellFormPID1, from.at, "%s %s is not a JSON array (exec form needs double-quoted strings separated by commas), so Docker runs it in shell form with %s, %s",
		from.name, quoted(cmd), strings.Join(shellArgv, " "), runs)
	p.fixShellStays(f, cmd, fmt.Sprintf(`write it as a JSON array, %s ["app", "arg"]`, from.name))
	return true
}
