// Package pid1prog judges whether a program, run as a container's PID 1, acts
// on the stop signal. The kernel drops every signal that PID 1 has no handler
// for (docs/SIGNALS.md), so a program that never installs one sits out docker
// stop's grace period and is SIGKILLed. Linters of Dockerfiles and of manifests
// hand it the final command line, after shells, init wrappers and entrypoint
// scripts have been looked through, and a way to read the image's files that
// came from the build context.
package pid1prog

import (
	"path"
	"strings"

	"github.com/gracelint/gracelint/internal/linuxsig"
)

// A Reader returns the content of the image's file at the absolute path
// imagePath, and the name a message should give it, when that file came from
// the build context; ok is false otherwise. It reads bounded regular files only.
type Reader func(imagePath string) (name string, src []byte, ok bool)

// A Kind is what sort of program PID 1 is.
type Kind int

const (
	Other          Kind = iota // not a program this package knows: no verdict
	KeepAlive                  // sleep, tail -f, cat, wait, an endless sleep loop: there only to keep the container up
	PackageManager             // npm start, npm run: a runner in front of the app
	Interpreter                // node or python running a program
)

// Verdict is what the program does with the stop signal as PID 1.
type Verdict struct {
	Kind    Kind
	Ignores bool   // it has no handler for the stop signal: the kernel drops it
	Program string // the program as a message names it: "sleep infinity", "npm start", "node server.js"
	Why     string // why it ignores the signal, in plain words
	Fix     string // a fix that works for this program
	Source  string // the program file whose code was read, as the Reader named it
}

// Judge says whether argv, as PID 1 of a container that gets stopSignal (a
// Linux signal number) on docker stop, acts on it. dir is the working
// directory a relative program file is found in. It only claims what the
// runtime tests measured: the default SIGTERM, and SIGINT, the signal Python
// handles by itself. An interpreter's program that is not in the build
// context gets no verdict.
func Judge(argv []string, dir string, stopSignal int, read Reader) Verdict {
	if len(argv) == 0 || (stopSignal != linuxsig.SIGTERM && stopSignal != linuxsig.SIGINT) {
		return Verdict{}
	}
	sig, _ := linuxsig.Name(stopSignal)
	prog := path.Base(argv[0])
	if v, ok := keepAlive(prog, argv[1:]); ok {
		v.Why = prog + " installs no signal handler, so the kernel drops " + sig + " sent to it as PID 1"
		return v
	}
	if v, ok := packageManager(prog, argv[1:]); ok {
		if stopSignal != linuxsig.SIGTERM {
			return Verdict{} // measured with SIGTERM only
		}
		return v
	}
	if isNode(prog) {
		return judgeNode(argv, dir, sig, read)
	}
	if isPython(prog) {
		return judgePython(argv, dir, stopSignal, read)
	}
	return Verdict{}
}

// keepAlive recognises the commands that only keep a container running.
func keepAlive(prog string, args []string) (Verdict, bool) {
	v := Verdict{Kind: KeepAlive, Ignores: true, Program: strings.Join(append([]string{prog}, args...), " ")}
	switch prog {
	case "sleep", "wait":
		return v, true
	case "tail":
		for _, a := range args {
			if a == "--" {
				break
			}
			if a == "--follow" || strings.HasPrefix(a, "--follow=") ||
				strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.ContainsAny(a, "fF") {
				return v, true
			}
		}
	case "cat":
		// cat with no file reads its standard input, kept open by docker run -i.
		for _, a := range args {
			if a != "-" && !strings.HasPrefix(a, "-") {
				return Verdict{}, false
			}
		}
		return v, true
	}
	return Verdict{}, false
}

// packageManagers run a package.json script as their child. Only npm is
// measured (on Debian 12's npm 9); yarn and pnpm are not, so they get no verdict.
var packageManagers = map[string]bool{"npm": true}

// scriptVerbs are the subcommands that run a package.json script.
var scriptVerbs = map[string]bool{"start": true, "run": true, "run-script": true}

func packageManager(prog string, args []string) (Verdict, bool) {
	if !packageManagers[prog] {
		return Verdict{}, false
	}
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if !scriptVerbs[a] {
			return Verdict{}, false
		}
		program := strings.Join(append([]string{prog}, args[:min(i+2, len(args))]...), " ")
		return Verdict{Kind: PackageManager, Ignores: true, Program: program,
			Why: program + " as PID 1 passes SIGTERM to the shell that runs the script, which dies of it, and npm exits 1 at once (Debian 12's npm 9, measured): the app's own handler never runs and it is killed without cleanup",
			Fix: `run the app itself as PID 1 in exec form, e.g. CMD ["node", "server.js"] (the command of the package.json script), with a SIGTERM handler in it`,
		}, true
	}
	return Verdict{}, false
}

func isNode(prog string) bool { return prog == "node" || prog == "nodejs" }

func isPython(prog string) bool {
	if prog == "python" || prog == "python3" {
		return true
	}
	v, ok := strings.CutPrefix(prog, "python3.")
	return ok && v != "" && strings.Trim(v, "0123456789") == ""
}

// resolve is where the program file p is in the image, run from dir.
func resolve(p, dir string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join("/", dir, p)
}
