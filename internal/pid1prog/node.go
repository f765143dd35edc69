package pid1prog

import (
	"path"
	"strings"
)

// nodeServers are libraries that install a SIGTERM handler for the program
// that uses them, with where they do it.
var nodeServers = map[string]string{
	// lib/terminus.js: signals default to ['SIGTERM'], each given to process.on.
	"@godaddy/terminus": "createTerminus listens for SIGTERM by default, lib/terminus.js",
}

var node = &language{
	scan:    scanJS,
	handles: nodeHandles,
	imports: nodeImports,
	local:   nodeLocal,
	servers: nodeServers,
}

// processListeners are the methods of process that install a signal handler.
var processListeners = map[string]bool{"on": true, "once": true, "addListener": true, "prependListener": true, "prependOnceListener": true}

// nodeHandles finds process.on('SIGTERM', ...) and its kin, a name from a
// variable (['SIGINT', 'SIGTERM'].forEach(s => process.on(s, ...))), and
// NestJS's enableShutdownHooks, which does the same
// (packages/core/nest-application-context.ts, listenToShutdownSignals).
func nodeHandles(toks []token, h *handlers) {
	for i, t := range toks {
		if t.string {
			if isSignalName(t.text) {
				h.mention(t.text)
			}
			continue
		}
		if t.text == "enableShutdownHooks" && h.server == "" {
			h.server = "NestJS's enableShutdownHooks (packages/core/nest-application-context.ts)"
		}
		if t.text == "process" && i+3 < len(toks) && toks[i+1].text == "." && !toks[i+2].string &&
			processListeners[toks[i+2].text] && toks[i+3].text == "(" && !toks[i+3].string {
			recordCall(firstArg(toks, i+3), h, func(t token) bool { return t.string && isSignalName(t.text) })
		}
	}
}

// nodeImports lists the modules require('m'), import('m'), import ... from 'm'
// and import 'm' load.
func nodeImports(toks []token) []string {
	var mods []string
	for i, t := range toks {
		if t.string || i+1 >= len(toks) {
			continue
		}
		switch t.text {
		case "require", "import":
			if i+2 < len(toks) && toks[i+1].text == "(" && toks[i+2].string {
				mods = append(mods, toks[i+2].text)
			} else if t.text == "import" && toks[i+1].string {
				mods = append(mods, toks[i+1].text)
			}
		case "from":
			if toks[i+1].string {
				mods = append(mods, toks[i+1].text)
			}
		}
	}
	return mods
}

// nodeLocal is where a relative module may be, as node resolves it.
func nodeLocal(dir, mod string) []string {
	if !strings.HasPrefix(mod, "./") && !strings.HasPrefix(mod, "../") {
		return nil
	}
	p := path.Join(dir, mod)
	return []string{p, p + ".js", p + ".mjs", p + ".cjs", p + "/index.js"}
}

// nodeValueOptions are node's options that take the next word as their value.
var nodeValueOptions = map[string]bool{"-r": true, "--require": true, "--import": true, "--loader": true,
	"--experimental-loader": true, "-C": true, "--conditions": true, "--env-file": true, "--title": true}

func judgeNode(argv []string, dir, sig string, read Reader) Verdict {
	var prog program
	written := ""
	args := argv[1:]
loop:
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-e" || a == "--eval" || a == "-p" || a == "--print":
			if i+1 < len(args) {
				prog.code, written = args[i+1], "its -e code"
			}
			break loop
		case a == "--":
			if i+1 < len(args) {
				prog.file, written = resolve(args[i+1], dir), args[i+1]
			}
			break loop
		case nodeValueOptions[a]:
			i++
		case strings.HasPrefix(a, "-"):
		default:
			prog.file, written = resolve(a, dir), a
			break loop
		}
	}
	if written == "" {
		return Verdict{} // the REPL, or code on standard input
	}
	h, source, ok := judgeProgram(node, prog, read)
	v := Verdict{Kind: Interpreter, Program: argv[0] + " " + displayName(written), Source: source}
	if !ok || h.handles(sig) {
		return v
	}
	v.Ignores = true
	v.Why = displayName(written) + " (and the local modules it loads) installs no " + sig + " handler (process.on('" + sig + "', ...)), " +
		"and node has none by default, so the kernel drops " + sig + " sent to node as PID 1"
	v.Fix = "add a handler that ends the program, e.g. process.on('" + sig + "', () => server.close(() => process.exit(0)));"
	return v
}
