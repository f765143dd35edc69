package dockerlint

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/gracelint/gracelint/internal/linuxsig"
	"github.com/gracelint/gracelint/internal/pid1prog"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// PID1IgnoresSigterm is GL108.
var PID1IgnoresSigterm = &rule.Rule{
	ID:       "GL108",
	Name:     "pid1-ignores-sigterm",
	Severity: rule.Error,
	Summary:  "PID 1 ends up as a program that never acts on SIGTERM (sleep, tail -f, npm start, node or python without a handler)",
	Doc: `What happens: the kernel drops every signal that PID 1 has installed no handler for.
After the shell, init wrappers and entrypoint scripts have had their say, PID 1 may be a
program that never installs one: docker stop's SIGTERM is dropped, Docker waits out the
grace period (10 s by default) and SIGKILLs the container: exit 137, and no cleanup runs.
gracelint reports:
- keep-alive commands as PID 1, or as the command a shell or script stays PID 1 for:
  sleep, tail -f/-F, cat, wait, an endless while :; do sleep 1; done loop; typically
  after the service was started in the background (app & sleep infinity, or an entrypoint
  script that ends with tail -f on the log). exec would not help there: exec tail -F log
  makes tail PID 1, and tail ignores SIGTERM too. GL101, GL102 and GL103 leave these to
  GL108, whose advice works.
- npm start and npm run as PID 1: measured on Debian 12's npm 9, npm passes SIGTERM to
  the shell that runs the script, which dies of it, and npm exits 1 at once: the app's
  SIGTERM handler never runs and it is killed without cleanup.
- node and python running a program of the build context that installs no SIGTERM
  handler. gracelint reads the file the command names (through WORKDIR and the COPY and
  ADD that put it there) and the local modules it loads (require('./x'), import ... from
  './x', import x and from .x import y), at most 64 files, and looks for
  process.on/once/addListener('SIGTERM', ...), a signal name held in a variable or array
  (['SIGINT', 'SIGTERM'].forEach(s => process.on(s, ...))), signal.signal(signal.SIGTERM,
  ...), loop.add_signal_handler(signal.SIGTERM, ...), and libraries known to install a
  handler: uvicorn, gunicorn, aiohttp, django, @godaddy/terminus, NestJS's
  enableShutdownHooks (internal/pid1prog names where each does it). The scan reads tokens:
  it skips comments and strings, but does not follow calls into packages installed by
  npm or pip, nor code built at run time; a program that is not in the build context,
  or that starts a development server's reloader (debug=True, use_reloader=True), is
  not judged.
STOPSIGNAL matters: Python raises KeyboardInterrupt on SIGINT by itself, so a python
program without a handler stops under STOPSIGNAL SIGINT; node has no such default.
gracelint judges SIGTERM and SIGINT, the signals measured; an init wrapper (tini,
dumb-init) as PID 1 forwards the signal to the program, which then dies of it at once
rather than sitting out the grace period: that is not GL108's case.

Evidence (docs/SIGNALS.md, real Debian 12 with its nodejs 18, npm 9 and python 3.11,
docker stop -t 2): node and python without a handler, npm start, sleep infinity,
tail -f /dev/null, sh -c "app & sleep infinity" on dash and on BusyBox ash, and a script
that ends with exec tail -F all took the whole grace period and exited 137 without
cleanup; node and python with a handler, and python without one under STOPSIGNAL
SIGINT, stopped at once and ran their cleanup. In the shared corpus of 564 Dockerfiles
GL108 finds 4, each read by hand: npm start or npm run dev as PID 1 in three
docker/awesome-compose images, and a test image whose sh -c string ends with
tail -f /dev/null.

Fix: run the service itself as PID 1 in the foreground: exec it as the last command, or
in exec form, CMD ["node", "server.js"] rather than npm start; give the program a
handler: process.on('SIGTERM', () => server.close(() => process.exit(0))); in node,
signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0)) in python; or, in an
entrypoint script that must run several processes, forward the signal:
trap 'kill -TERM "$pid"' TERM; app & pid=$!; wait "$pid".`,
}

// A pid1Program is what PID 1 ends up running once the launch's shell and
// entrypoint script are looked through.
type pid1Program struct {
	argv       []string
	where      string // how it got there, for the message: "the entrypoint script x.sh:3 ends with exec tail -F log, so it is PID 1"
	shellStays string // the shell or script that stays PID 1 running argv; "" when argv is PID 1
	background string // the program started in the background before it, if any
	forever    bool   // argv repeats in an endless loop
}

// pid1Program follows the launch to the program that is PID 1, or that the
// shell at PID 1 runs last. ok is false when it cannot be told.
func (p *pass) pid1Program() (pid1Program, bool) {
	l := p.run
	if l == nil || l.init != "" {
		return pid1Program{}, false // an init wrapper is PID 1 and forwards the signal
	}
	sh, isShell := p.img.shellOf(l.argv)
	switch {
	case isShell && sh.dashC && sh.script >= 0:
		cmd := l.argv[sh.script]
		var final shell.Final
		stays, execs := false, false // in some shell sh may be
		for i, f := range sh.families {
			v, err := shell.AnalyzeCommand(f, cmd)
			if err != nil || !v.Known || v.Words == nil || i > 0 && !slices.Equal(v.Words, final.Words) {
				return pid1Program{}, false
			}
			final, stays, execs = v.Final, stays || !v.Execs, execs || v.Execs
		}
		if !final.Words[0].Literal {
			return pid1Program{}, false // "$@", $CMD: some program
		}
		if s := p.script(final.Words[0].Text); s != nil && !stays {
			return p.scriptProgram(s) // sh -c /entrypoint.sh
		}
		prog := pid1Program{background: final.Background, forever: final.Forever}
		prog.argv = wordsArgv(final.Words)
		switch {
		case stays && execs:
			prog.shellStays = sh.name
			prog.where = fmt.Sprintf("%s, depending on which shell it is (%s), stays PID 1 running %q, the last command of the -c string, or execs it",
				sh.name, sh.why, strings.Join(prog.argv, " "))
		case stays:
			prog.shellStays = sh.name
			prog.where = fmt.Sprintf("%s stays PID 1 running %q, the last command of the -c string", sh.name, strings.Join(prog.argv, " "))
		default:
			prog.where = fmt.Sprintf("%s execs %q, the last command of the -c string, so it is PID 1", sh.name, strings.Join(prog.argv, " "))
		}
		return prog, prog.argv != nil
	case isShell && !sh.dashC && sh.script >= 0:
		if s := p.script(l.argv[sh.script]); s != nil {
			return p.scriptProgram(s)
		}
		return pid1Program{}, false
	case isShell:
		return pid1Program{}, false
	}
	if s := p.script(l.argv[0]); s != nil {
		return p.scriptProgram(s)
	}
	return pid1Program{argv: l.argv}, true
}

// scriptProgram is what the entrypoint script s ends on.
func (p *pass) scriptProgram(s *script) (pid1Program, bool) {
	v := s.verdict
	if v.Unknown || v.Words == nil {
		return pid1Program{}, false
	}
	prog := pid1Program{argv: wordsArgv(v.Words), background: v.Background, forever: v.Forever}
	cmd := strings.Join(prog.argv, " ")
	if v.Execs {
		prog.where = fmt.Sprintf("the entrypoint script %s ends with exec %s, so it is PID 1", s.where(v.Final.Line), cmd)
	} else {
		prog.shellStays = "the entrypoint script " + s.name()
		prog.where = fmt.Sprintf("the entrypoint script stays PID 1 running %q at %s", cmd, s.where(v.Final.Line))
	}
	return prog, prog.argv != nil
}

// wordsArgv is the command line of words, or nil when its program is not a
// literal word; an expanded argument is written as ${...}.
func wordsArgv(words []shell.Word) []string {
	if len(words) == 0 || !words[0].Literal {
		return nil
	}
	argv := make([]string, len(words))
	for i, w := range words {
		argv[i] = w.Text
		if !w.Literal {
			argv[i] = "${...}"
		}
	}
	return argv
}

// A pid1Judgement is GL108's verdict on the final image.
type pid1Judgement struct {
	prog    pid1Program
	verdict pid1prog.Verdict
	ok      bool // GL108 reports it
}

// judgePID1 is GL108's verdict on the final image, or false when it has none.
func (p *pass) judgePID1() (pid1Program, pid1prog.Verdict, bool) {
	if p.pid1 == nil {
		prog, v, ok := p.makePID1Judgement()
		p.pid1 = &pid1Judgement{prog, v, ok}
	}
	return p.pid1.prog, p.pid1.verdict, p.pid1.ok
}

func (p *pass) makePID1Judgement() (pid1Program, pid1prog.Verdict, bool) {
	prog, ok := p.pid1Program()
	if !ok {
		return prog, pid1prog.Verdict{}, false
	}
	sig := linuxsig.SIGTERM
	if s := p.img.stopSignal; s != nil {
		if sig, ok = linuxsig.Parse(s.signal); !ok || strings.Contains(s.signal, "$") {
			return prog, pid1prog.Verdict{}, false
		}
	}
	if prog.forever && path.Base(prog.argv[0]) == "sleep" {
		prog.argv = []string{"sleep"} // the loop, not one sleep, keeps the container up
	}
	v := pid1prog.Judge(prog.argv, p.img.workdir, sig, p.readContext)
	// A shell that stays PID 1 for an app is GL101's, GL102's or GL103's case;
	// for a keep-alive command their advice (exec it) would not help.
	if !v.Ignores || prog.shellStays != "" && v.Kind != pid1prog.KeepAlive {
		return prog, v, false
	}
	return prog, v, true
}

// keepAliveIsGL108s reports whether GL108 reports the launch because its
// shell or script ends on a keep-alive command: GL101, GL102 and GL103, whose
// advice is to exec that command, leave it to GL108.
func (p *pass) keepAliveIsGL108s() bool {
	_, v, ok := p.judgePID1()
	return ok && v.Kind == pid1prog.KeepAlive
}

// readContext reads the image's file at imagePath when it came from the build
// context or a heredoc.
func (p *pass) readContext(imagePath string) (string, []byte, bool) {
	f, ok := p.findFile(imagePath)
	if !ok {
		return "", nil, false
	}
	return f.name(), f.src, true
}

func checkPID1IgnoresSigterm(p *pass) {
	prog, v, ok := p.judgePID1()
	if !ok {
		return
	}
	sig := "SIGTERM"
	if s := p.img.stopSignal; s != nil {
		sig = s.signal + " (STOPSIGNAL)"
	}
	what := fmt.Sprintf("%s: %s", prog.where, v.Why)
	switch {
	case prog.where == "":
		what = fmt.Sprintf("%s is PID 1: %s", v.Program, v.Why)
	case prog.shellStays != "":
		what = fmt.Sprintf("%s: the shell at PID 1 has no handler, so the kernel drops the signal, and exec would only make %s PID 1, which installs none either",
			prog.where, v.Program)
	}
	if v.Source != "" {
		what += " (read from " + v.Source + ")"
	}
	if v.Kind == pid1prog.PackageManager {
		p.report(PID1IgnoresSigterm, p.run.from.at, "%s is PID 1: %s; %s", v.Program, v.Why, v.Fix)
		return
	}
	p.report(PID1IgnoresSigterm, p.run.from.at,
		"%s; docker stop's %s has no effect: Docker waits out the grace period (10 s by default), then SIGKILLs the container: exit 137, no cleanup; %s",
		what, sig, keepAliveFix(prog, v))
}

// keepAliveFix is the advice for v: the program's own, or for a keep-alive
// command what works instead of exec-ing it.
func keepAliveFix(prog pid1Program, v pid1prog.Verdict) string {
	if v.Kind != pid1prog.KeepAlive {
		return v.Fix
	}
	cmd, name := strings.Join(prog.argv, " "), path.Base(prog.argv[0])
	if prog.background != "" {
		fix := fmt.Sprintf("run %[1]s in the foreground as PID 1 instead of in the background: make it the last command, with exec (exec %[1]s ...), "+
			"or in exec form; exec %[2]s would not help, %[3]s ignores SIGTERM too", prog.background, cmd, name)
		if strings.HasPrefix(prog.shellStays, "the entrypoint script") || strings.HasPrefix(prog.where, "the entrypoint script") {
			fix += `; if it must run beside other processes, forward the signal: trap 'kill -TERM "$pid"' TERM; ` + prog.background + ` & pid=$!; wait "$pid"`
		}
		return fix
	}
	return fmt.Sprintf(`run the service itself as PID 1 instead of %s; if the container only has to stay up, put an init in front of it, ENTRYPOINT ["tini", "--"] (or docker run --init), which forwards SIGTERM, so that %s dies of it at once`, cmd, name)
}
