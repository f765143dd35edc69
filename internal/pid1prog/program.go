package pid1prog

import (
	"path"
	"strings"
)

// maxFiles bounds how many files of a program are read: its entry file and the
// local modules it loads, transitively.
const maxFiles = 64

// A language knows how to read one interpreter's programs.
type language struct {
	scan    func(src string) []token
	handles func(toks []token, h *handlers) // records the handlers the code installs
	imports func(toks []token) []string     // the modules the code loads, as written
	local   func(from, module string) []string
	servers map[string]string // library -> where it installs its SIGTERM handler
}

// program is an interpreter's program: its entry file or inline code.
type program struct {
	file string // absolute path in the image; "" for inline code
	code string // inline code (node -e, python -c)
}

// judgeProgram reads the program and the local modules it loads and says
// whether any installs a handler for sig. ok is false when the entry file is not
// in the build context: then nothing can be said.
func judgeProgram(lang *language, prog program, read Reader) (h handlers, source string, ok bool) {
	queue := []string{prog.file}
	seen := map[string]bool{prog.file: true}
	for n := 0; len(queue) > 0 && n < maxFiles; n++ {
		file := queue[0]
		queue = queue[1:]
		var code string
		if file == "" {
			code = prog.code
		} else {
			name, src, found := read(file)
			if !found {
				if n == 0 {
					return handlers{}, "", false
				}
				continue // a library module, not in the context; the table knows some
			}
			if n == 0 {
				source = name
			}
			code = string(src)
		}
		toks := lang.scan(code)
		lang.handles(toks, &h)
		for _, m := range lang.imports(toks) {
			if where, known := lang.servers[m]; known && h.server == "" {
				h.server = m + " (" + where + ")"
			}
			dir := "/"
			if file != "" {
				dir = path.Dir(file)
			} else if prog.file != "" {
				dir = path.Dir(prog.file)
			}
			for _, cand := range lang.local(dir, m) {
				if !seen[cand] {
					seen[cand] = true
					queue = append(queue, cand)
				}
			}
		}
	}
	return h, source, true
}

// firstArg returns the tokens of the first argument of the call whose "(" is at
// toks[i], up to the first comma at its own depth.
func firstArg(toks []token, i int) []token {
	depth := 0
	for j := i + 1; j < len(toks); j++ {
		t := toks[j]
		if t.string {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			if depth == 0 {
				return toks[i+1 : j]
			}
			depth--
		case ",":
			if depth == 0 {
				return toks[i+1 : j]
			}
		}
	}
	return toks[i+1:]
}

// recordCall records a handler installed by a call whose first argument is arg:
// for the signal it names, or for one held in a variable.
func recordCall(arg []token, h *handlers, signalIn func(token) bool) {
	for _, t := range arg {
		if signalIn(t) {
			h.add(t.text)
			return
		}
	}
	for _, t := range arg {
		if t.string {
			return // another event: process.on('exit', ...)
		}
	}
	if len(arg) > 0 {
		h.indirect = true
	}
}

// displayName is how a message names the program file: its path as the
// command line wrote it.
func displayName(written string) string {
	return strings.TrimPrefix(written, "./")
}
