package dockerlint

import (
	"path"

	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// ShellFormWithoutShell is GL104.
var ShellFormWithoutShell = &rule.Rule{
	ID:       "GL104",
	Name:     "shell-form-without-shell",
	Severity: rule.Error,
	Summary:  "the image runs a shell it does not have (shell form on scratch or distroless), so the container cannot start",
	Doc: `What happens: shell form, CMD app args, is stored as ["/bin/sh", "-c", "app args"] (or
the stage's SHELL), and CMD ["sh", "-c", ...] names the shell outright. scratch and the
gcr.io/distroless images have no /bin/sh, so docker run fails at once with "exec:
\"/bin/sh\": stat /bin/sh: no such file or directory": the service never starts, let
alone stops gracefully. docker build does not notice.

A stage that ADDs or COPYs a root filesystem into / (as docker-library/busybox does with
ADD busybox.tar.gz /) or files into /bin may bring a shell; gracelint then treats the
shell as unknown instead of reporting this. The :debug tags of the distroless images
have BusyBox's sh on PATH but no /bin/sh: CMD ["sh", "-c", ...] runs there, shell form
does not.

Evidence (docs/SIGNALS.md): FROM scratch with a shell-form CMD: the container never
starts (/bin/sh missing).

Fix: write the command in exec form naming the binary, CMD ["/app", "--flag"]; or base
the image on one that ships a shell.`,
}

// checkShellFormWithoutShell reports a launch that starts with a shell the final
// image cannot have.
func checkShellFormWithoutShell(p *pass) {
	l := p.run
	if l == nil || p.img.family != shell.None || !isStandardShell(l.argv[0]) {
		return
	}
	if p.img.busyboxOnPath && (l.argv[0] == "sh" || l.argv[0] == "ash") {
		return // found through PATH: BusyBox's
	}
	how := "runs " + l.argv[0]
	if l.from.shellForm {
		how = "is in shell form, which Docker runs as " + l.argv[0] + " -c"
	}
	p.report(ShellFormWithoutShell, l.from.at,
		"%s %s, but %s: the container fails to start with \"no such file or directory\"; write it in exec form naming the binary, %s [\"/app\", \"arg\"]",
		l.from.name, how, p.img.familyWhy, l.from.name)
}

// isStandardShell reports whether prog is a shell where images keep it (a bare
// name resolves through PATH to the same places).
func isStandardShell(prog string) bool {
	dir := path.Dir(prog)
	return isShellProgram(prog) && (dir == "." || dir == "/bin" || dir == "/usr/bin")
}
