package dockerlint

import (
	"fmt"
	"path"
	"strings"

	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// A launch is the container's command line (ENTRYPOINT then CMD, as Docker joins
// them) seen from the program that decides who is PID 1: init wrappers, user
// switchers and entrypoint scripts that exec their arguments are looked through.
type launch struct {
	argv   []string
	from   *command // the instruction that wrote argv[0]
	init   string   // the init wrapper that is PID 1 in front of argv ("tini"), if any
	group  bool     // the init wrapper signals its child's whole process group
	script *script  // the entrypoint script that execs argv, if any

	scriptFrom *command // the instruction that wrote the script's name
}

// inits are init wrappers: PID 1, they forward signals to their one child.
var inits = map[string]bool{"tini": true, "tini-static": true, "dumb-init": true, "docker-init": true, "catatonit": true}

// initValueFlags are the init wrappers' options that take a value.
var initValueFlags = map[string]bool{"-p": true, "-e": true, "-r": true, "--rewrite": true}

// userSwitchers exec their command after one user argument.
var userSwitchers = map[string]bool{"gosu": true, "su-exec": true}

// launch returns what the final image runs, or nil when it runs nothing or is a
// Windows image. A shell-form ENTRYPOINT ignores CMD, so CMD is not part of it.
func (p *pass) launch() *launch {
	img := p.img
	if img.windows {
		return nil
	}
	var parts []*command
	if img.entrypoint != nil {
		parts = append(parts, img.entrypoint)
	}
	if img.cmd != nil && (img.entrypoint == nil || !img.entrypoint.shellForm) {
		parts = append(parts, img.cmd)
	}
	var argv []string
	var owner []*command
	for _, c := range parts {
		argv = append(argv, c.argv...)
		for range c.argv {
			owner = append(owner, c)
		}
	}
	l := &launch{}
	i := 0
	for i < len(argv) {
		prog := path.Base(argv[i])
		switch {
		case inits[prog]:
			l.init = prog
			i, l.group = skipInitOptions(prog, argv, i+1)
			continue
		case userSwitchers[prog] && i+2 < len(argv):
			i += 2
			continue
		case i+1 < len(argv):
			// An entrypoint script that ends in exec hands PID 1 to its arguments
			// (conventionally exec "$@").
			if s := p.script(argv[i]); s != nil && s.verdict.Execs {
				l.script, l.scriptFrom = s, owner[i]
				i++
				continue
			}
		}
		break
	}
	if i >= len(argv) {
		return nil
	}
	l.argv, l.from = argv[i:], owner[i]
	return l
}

// skipInitOptions returns the index of the child of the init wrapper prog in
// argv, and whether prog signals the child's process group rather than the
// child alone: dumb-init does unless told -c (--single-child), tini and
// catatonit do when told -g.
func skipInitOptions(prog string, argv []string, i int) (int, bool) {
	group := prog == "dumb-init"
	for i < len(argv) {
		a := argv[i]
		switch {
		case a == "--":
			return i + 1, group
		case initValueFlags[a]:
			i += 2
		case strings.HasPrefix(a, "-"):
			switch {
			case prog == "dumb-init" && (a == "-c" || a == "--single-child"):
				group = false
			case prog != "dumb-init" && !strings.HasPrefix(a, "--") && strings.ContainsRune(a, 'g'):
				group = true
			}
			i++
		default:
			return i, group
		}
	}
	return i, group
}

// isShellProgram reports whether prog is, by name, one of the POSIX shells the
// model knows: its -c string could run without it, changing only who is PID 1.
func isShellProgram(prog string) bool {
	switch path.Base(prog) {
	case "sh", "bash", "dash", "ash":
		return true
	}
	return false
}

// A shellRun is a POSIX shell on a command line: which one, and what it runs.
type shellRun struct {
	family   shell.Family
	families []shell.Family // what the shell may be: family alone when it is known
	why      string         // why that family, in words a message can quote
	name     string         // the program as written, e.g. "/bin/sh"
	script   int            // index in argv of the -c string, or of the script file; -1 if none
	dashC    bool           // the shell runs a string (-c), not a file
}

// shellOf recognises argv as a shell the model knows (sh, bash, dash, ash,
// busybox sh) and finds its -c string or script operand.
func (img *image) shellOf(argv []string) (shellRun, bool) {
	if len(argv) == 0 {
		return shellRun{}, false
	}
	prog := argv[0]
	run := shellRun{name: prog, script: -1}
	args := argv[1:]
	switch base := path.Base(prog); base {
	case "sh", "ash":
		if img.busyboxOnPath && prog == base {
			run.family, run.why = shell.Ash, fmt.Sprintf("base image %s has no /bin/sh, but %s on its PATH is BusyBox's", img.base, prog)
			break
		}
		if base == "ash" {
			run.family, _ = shell.ParseFamily(base)
			run.why = "the command runs " + base + " explicitly"
			break
		}
		if prog == "sh" || prog == "/bin/sh" || prog == "/usr/bin/sh" {
			run.family, run.families, run.why = img.family, img.families, img.familyWhy
		} else {
			run.family, run.why = shell.Unknown, prog+" is not the image's /bin/sh, so gracelint does not know which shell it is"
		}
	case "bash", "dash":
		run.family, _ = shell.ParseFamily(base)
		run.why = "the command runs " + base + " explicitly"
		if base == "bash" && img.shipsBash() && (prog == base || prog == "/bin/bash" || prog == "/usr/bin/bash") {
			// The image's /bin/sh is its bash, whose release the image model knows.
			run.family, run.families, run.why = img.family, img.families, run.why+" ("+img.familyWhy+")"
		}
	case "busybox":
		if len(args) == 0 || (args[0] != "sh" && args[0] != "ash") {
			return shellRun{}, false
		}
		run.family, run.why, args = shell.Ash, "the command runs busybox sh explicitly", args[1:]
	default:
		return shellRun{}, false
	}
	if run.families == nil {
		run.families = mayBe(run.family)
	}
	i, dashC := shell.Operand(args)
	run.dashC = dashC
	if i >= 0 {
		run.script = len(argv) - len(args) + i
	}
	return run, true
}

// program is the program the -c string cmd leaves as PID 1 in every shell sh
// may be, if there is one.
func (sh shellRun) program(cmd string) (string, bool) {
	prog := ""
	for _, f := range sh.families {
		v, err := shell.AnalyzeCommand(f, cmd)
		if err != nil || !v.Known || !v.Execs || v.Program == "" || (prog != "" && v.Program != prog) {
			return "", false
		}
		prog = v.Program
	}
	return prog, prog != ""
}

// shellStopOutcome says what docker stop does to a container whose shell runs
// the app as its child (GL101, GL102, GL103): a shell at PID 1 ignores SIGTERM
// and is SIGKILLed after the grace period; under an init wrapper the shell is
// not PID 1 and dies of SIGTERM at once, and the app with the container
// (measured: exit 143 after 0.07 s, no cleanup).
func (l *launch) shellStopOutcome() string {
	switch {
	case l.init != "" && l.group:
		return fmt.Sprintf("but %s is PID 1 and sends SIGTERM to the shell's process group: the shell dies of it at once, "+
			"%[1]s exits with it, and the app is killed with %[1]s before its cleanup can finish", l.init)
	case l.init != "":
		return fmt.Sprintf("but %s is PID 1 and forwards SIGTERM to that shell, which dies of it without passing it on: the app is killed without cleanup", l.init)
	}
	return "a shell at PID 1 ignores SIGTERM, so docker stop will SIGKILL the container after the grace period"
}

// shellStaysMessage says, in plain words, what docker stop does when the shell sh
// does not exec the app (reason says why). fixShellStays adds how to fix it.
func shellStaysMessage(l *launch, sh shellRun, reason string) string {
	what := fmt.Sprintf("%s, and %s; %s", sh.why, reason, l.shellStopOutcome())
	if l.script != nil {
		what = "the entrypoint script " + l.script.name() + " execs " + sh.name + "; " + what
	}
	return what
}

// reportShellStays reports r at the launch's instruction when it starts a shell
// whose -c string does not exec the app, so the shell keeps PID 1. With a shell
// that is not known for certain (an unknown image, a bash of unknown release)
// the finding is a warning, unless no shell it may be would exec the string (a
// pipeline, a trap, a command that is not last). howToFix is the advice when
// gracelint has no rewrite of its own.
func (p *pass) reportShellStays(r *rule.Rule, howToFix string) {
	l := p.run
	sh, ok := p.img.shellOf(l.argv)
	if !ok || !sh.dashC || sh.script < 0 || sh.family == shell.None || p.keepAliveIsGL108s() {
		return // a shell gracelint does not model, no string, no shell at all (GL104), or GL108's case
	}
	cmd := l.argv[sh.script]
	families := sh.families
	type stay struct {
		family shell.Family
		reason string
	}
	var stays []stay // the families that keep PID 1 for cmd
	for _, fam := range families {
		v, err := shell.AnalyzeCommand(fam, cmd)
		if err != nil || !v.Known {
			return // the shell rejects the string at start (nothing to stop), or eval/source hide what runs
		}
		if !v.Execs {
			stays = append(stays, stay{fam, v.Reason})
		}
	}
	switch {
	case len(stays) == 0:
		return
	case len(stays) == len(families):
		// The shell is known, or none it may be would exec the string: an error.
		// The families are listed from the one that execs least to the one that
		// execs most, so the last one's reason holds for every one.
		p.fixShellStays(p.report(r, l.from.at, "%s", shellStaysMessage(l, sh, stays[len(stays)-1].reason)), cmd, howToFix)
	default:
		reason := fmt.Sprintf("if it is %s, %s", stays[0].family.Words(), stays[0].reason)
		f := p.report(r, l.from.at, "%s", shellStaysMessage(l, sh, reason))
		f.Severity = rule.Warning
		p.fixShellStays(f, cmd, howToFix)
	}
}
