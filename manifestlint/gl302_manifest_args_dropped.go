package manifestlint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gracelint/gracelint/internal/rule"
)

// ManifestArgsDropped is GL302.
var ManifestArgsDropped = &rule.Rule{
	ID:       "GL302",
	Name:     "manifest-args-dropped",
	Severity: rule.Warning,
	Summary:  "a compose or Kubernetes command's arguments go to a sh -c string that never reads them, or to a shell-form ENTRYPOINT",
	Doc: `What happens: sh -c STRING runs only STRING; the words after it become $0, $1, ... of
that string. A Kubernetes args: after command: ["sh", "-c", "app"], a compose command:
after entrypoint: ["sh", "-c", "app"], and any command or args given to an image whose
Dockerfile has a shell-form ENTRYPOINT (stored as ["/bin/sh", "-c", "the string"]) are
therefore ignored unless the string reads "$@" (or $1, ...). The flags you meant for
the app, such as a port or a graceful-shutdown timeout, are silently dropped, and the
shell sits between the orchestrator and the app (GL301).

Evidence: a Kubernetes command: ["sh", "-c", "exec app"] with args: ["--port", "8080"],
emulated on the engine, started the app with no arguments at all; with
"exec app \"$@\"" and "sh" as $0 it got --port 8080 (internal/runtimetest). POSIX
sh: "sh -c command_string [command_name [argument...]]". Docker's reference: "the
shell form of ENTRYPOINT prevents any CMD command line arguments from being used"
(GL105's runtime case).

Fix: put the arguments in the string (sh -c "exec app --port 8080"), end it with
exec app "$@" so that it passes them on, or drop the shell and write the words.`,
}

// positional matches a shell string's use of its arguments.
var positional = regexp.MustCompile(`\$(?:[@*1-9]|\{[@*1-9#]|#)`)

// checkManifestArgsDropped reports a manifest's words after a -c string that
// does not read them.
func checkManifestArgsDropped(p *pass) {
	if ep := p.image.Entrypoint; ep != nil && ep.ShellForm && p.m.Layer.Entrypoint == nil && p.m.Layer.Cmd != nil {
		p.report(ManifestArgsDropped, p.m.Layer.Cmd.From,
			"%s sets a shell-form ENTRYPOINT (line %d), which runs only its own string, so these arguments %q are ignored; "+
				"write the ENTRYPOINT in exec form, or set the whole command in the manifest",
			p.imageWhy, ep.From.Line, p.m.Layer.Cmd.Argv)
		return
	}
	sh, cmd, from, _, ok := p.shellRun()
	if !ok {
		return
	}
	argv, owner, _ := p.run.Argv()
	extra := argv[sh.Script+1:]
	if len(extra) == 0 || positional.MatchString(cmd) || !p.fromManifest(owner[len(owner)-1]) {
		return
	}
	at := owner[sh.Script+1].From
	what := fmt.Sprintf("%q", extra)
	if len(extra) == 1 {
		what += " becomes the shell's $0, a name for its error messages,"
	} else {
		what += fmt.Sprintf(" become the shell's $0 to $%d,", len(extra)-1)
	}
	if owner[sh.Script+1] == from {
		at = from.From
	}
	p.report(ManifestArgsDropped, at, "%s runs only the string %q: %s and the string never reads them; "+
		"put them in the string or end it with exec app \"$@\"", sh.Name+" -c", strings.TrimSpace(cmd), what)
}
