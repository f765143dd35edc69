package pid1prog

import (
	"path"
	"strings"

	"github.com/gracelint/gracelint/internal/linuxsig"
)

// pythonServers are libraries that install a SIGTERM handler for the program
// that uses them (import uvicorn; uvicorn.run(app)), with where they do it.
var pythonServers = map[string]string{
	"uvicorn":  "uvicorn/server.py: HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM)",
	"gunicorn": "gunicorn/arbiter.py: SIGNALS includes TERM, each given to signal.signal",
	"aiohttp":  "aiohttp/web_runner.py: run_app adds a SIGTERM handler with loop.add_signal_handler",
	"django":   "django/utils/autoreload.py: runserver's reloader calls signal.signal(signal.SIGTERM, ...)",
}

var python = &language{
	scan:    scanPython,
	handles: pythonHandles,
	imports: pythonImports,
	local:   pythonLocal,
	servers: pythonServers,
}

// resetsSignal reports whether a handler argument is SIG_IGN or SIG_DFL.
func resetsSignal(arg []token) bool {
	n := len(arg)
	return n > 0 && !arg[n-1].string && (arg[n-1].text == "SIG_IGN" || arg[n-1].text == "SIG_DFL")
}

// pythonHandles finds signal.signal(signal.SIGTERM, ...), signal(SIGTERM, ...)
// after from signal import, loop.add_signal_handler(signal.SIGTERM, ...), and a
// signal held in a variable (for s in (SIGINT, SIGTERM): signal.signal(s, h)).
func pythonHandles(toks []token, h *handlers) {
	for i, t := range toks {
		if isSignalName(t.text) {
			h.mention(t.text)
		}
		// A development server's reloader (app.run(debug=True)) may install
		// handlers of its own: no verdict.
		if !t.string && (t.text == "debug" || t.text == "use_reloader") && i+2 < len(toks) && toks[i+1].text == "=" && toks[i+2].text == "True" {
			h.unsure = true
		}
		if t.string || i+1 >= len(toks) || toks[i+1].text != "(" || toks[i+1].string {
			continue
		}
		if t.text == "signal" && (i == 0 || toks[i-1].text != "def") || t.text == "add_signal_handler" {
			first := firstArg(toks, i+1)
			if comma := i + 2 + len(first); comma < len(toks) && toks[comma].text == "," && resetsSignal(firstArg(toks, comma)) {
				continue // signal.signal(signal.SIGTERM, signal.SIG_IGN) handles nothing
			}
			recordCall(first, h, func(t token) bool { return !t.string && isSignalName(t.text) })
		}
	}
}

// pythonImports lists the modules import a.b, c and from a.b import x load; a
// relative from .m import x yields ".m", and from . import x yields ".x".
func pythonImports(toks []token) []string {
	var mods []string
	for i := 0; i < len(toks); i++ {
		if toks[i].string {
			continue
		}
		switch toks[i].text {
		case "import":
			// import a.b as c, d
			for j := i + 1; ; {
				m, next := dotted(toks, j)
				if m == "" {
					break
				}
				mods = append(mods, m)
				j = next
				if j+1 < len(toks) && toks[j].text == "as" {
					j += 2
				}
				if j >= len(toks) || toks[j].text != "," {
					break
				}
				j++
			}
		case "from":
			j := i + 1
			rel := ""
			for j < len(toks) && toks[j].text == "." {
				rel += "."
				j++
			}
			m, next := dotted(toks, j)
			if next >= len(toks) || toks[next].text != "import" {
				continue // not an import statement (yield from, raise ... from)
			}
			if m != "" {
				mods = append(mods, rel+m)
			} else if rel != "" {
				if name, _ := dotted(toks, next+1); name != "" {
					mods = append(mods, rel+name)
				}
			}
			i = next // its import names names, not modules
		}
	}
	return mods
}

// dotted reads a dotted name a.b.c at toks[i] and returns the index after it.
func dotted(toks []token, i int) (string, int) {
	var parts []string
	for i < len(toks) && !toks[i].string && isIdent(toks[i].text) && toks[i].text != "import" {
		parts = append(parts, toks[i].text)
		i++
		if i+1 >= len(toks) || toks[i].text != "." {
			break
		}
		i++
	}
	return strings.Join(parts, "."), i
}

func isIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) || s[i] == '$' {
			return false
		}
	}
	return true
}

// pythonLocal is where a module may be in the program's directory, which
// Python puts first on sys.path.
func pythonLocal(dir, mod string) []string {
	rel := strings.TrimLeft(mod, ".")
	if rel == "" {
		return nil
	}
	p := path.Join(dir, strings.ReplaceAll(rel, ".", "/"))
	return []string{p + ".py", p + "/__init__.py"}
}

// pythonValueOptions are python's options that take the next word as their value.
var pythonValueOptions = map[string]bool{"-W": true, "-X": true, "--check-hash-based-pycs": true}

func judgePython(argv []string, dir string, stopSignal int, read Reader) Verdict {
	var prog program
	written, module := "", ""
	args := argv[1:]
loop:
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-c":
			if i+1 < len(args) {
				prog.code, written = args[i+1], "its -c code"
			}
			break loop
		case a == "-m":
			if i+1 < len(args) {
				module = args[i+1]
			}
			break loop
		case a == "-" || a == "--":
			if a == "--" && i+1 < len(args) {
				prog.file, written = resolve(args[i+1], dir), args[i+1]
			}
			break loop
		case pythonValueOptions[a]:
			i++
		case strings.HasPrefix(a, "-"):
		default:
			prog.file, written = resolve(a, dir), a
			break loop
		}
	}
	v := Verdict{Kind: Interpreter}
	if module != "" {
		top, _, _ := strings.Cut(module, ".")
		if _, known := pythonServers[top]; known {
			return v
		}
		base := path.Join("/", dir, strings.ReplaceAll(module, ".", "/"))
		for _, f := range []string{base + ".py", base + "/__main__.py"} {
			if _, _, ok := read(f); ok {
				prog.file, written = f, "-m "+module
				break
			}
		}
	}
	if written == "" || stopSignal == linuxsig.SIGINT {
		// Python's own SIGINT handler raises KeyboardInterrupt: it stops (measured).
		return v
	}
	h, source, ok := judgeProgram(python, prog, read)
	v.Program, v.Source = argv[0]+" "+displayName(written), source
	if !ok || h.handles("SIGTERM") {
		return v
	}
	v.Ignores = true
	v.Why = displayName(written) + " (and the local modules it imports) installs no SIGTERM handler (signal.signal(signal.SIGTERM, ...)), " +
		"and Python has none by default, so the kernel drops SIGTERM sent to python as PID 1"
	v.Fix = "add signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0)) before the program starts serving " +
		"(sys.exit runs finally blocks and atexit handlers), or set STOPSIGNAL SIGINT: Python raises KeyboardInterrupt on SIGINT by itself"
	return v
}
