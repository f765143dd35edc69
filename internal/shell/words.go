package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// builtins are the commands every shell of interest runs itself, in its own
// process: ending on one of them starts no program that could become PID 1.
var builtins = map[string]bool{
	".": true, ":": true, "[": true, "alias": true, "bg": true, "break": true,
	"builtin": true, "caller": true, "cd": true, "command": true, "continue": true, "declare": true,
	"echo": true, "eval": true, "exec": true, "exit": true, "export": true,
	"false": true, "fg": true, "getopts": true, "hash": true, "jobs": true,
	"kill": true, "let": true, "local": true, "printf": true, "pwd": true,
	"read": true, "readonly": true, "return": true, "set": true, "shift": true,
	"source": true, "test": true, "times": true, "trap": true, "true": true,
	"type": true, "typeset": true, "ulimit": true, "umask": true, "unalias": true,
	"unset": true, "wait": true,
	// dash only
	"chdir": true,
	// bash only
	"bind": true, "compgen": true, "complete": true, "compopt": true, "dirs": true,
	"disown": true, "enable": true, "fc": true, "help": true, "history": true,
	"logout": true, "mapfile": true, "popd": true, "pushd": true, "readarray": true,
	"shopt": true, "suspend": true,
}

// keywords are the reserved words of dash and bash. A command word spelled like
// one is syntax to some shell (bash's time, [[, coproc), never a program that exec
// can be sure to find.
var keywords = map[string]bool{
	"!": true, "{": true, "}": true, "case": true, "do": true, "done": true, "elif": true,
	"else": true, "esac": true, "fi": true, "for": true, "if": true, "in": true, "then": true,
	"until": true, "while": true,
	// bash only
	"[[": true, "]]": true, "coproc": true, "function": true, "select": true, "time": true,
}

// ShellOnly reports whether w, the first word of a command in file, names
// something only the shell itself runs: a builtin, a reserved word or a
// function file defines. exec cannot run it: `exec command app` fails in dash
// with "exec: command: not found", exit 127. A word the shell expands ($APP)
// is not known to be shell-only.
func ShellOnly(file *syntax.File, w *syntax.Word) (name string, ok bool) {
	name, lit := literal(w)
	if !lit {
		return "", false
	}
	if builtins[name] || keywords[name] {
		return name, true
	}
	syntax.Walk(file, func(n syntax.Node) bool {
		if fn, isFunc := n.(*syntax.FuncDecl); isFunc && fn.Name.Value == name {
			ok = true
		}
		return !ok
	})
	return name, ok
}

// literal returns the value of w after quote removal, when w holds nothing the
// shell would expand: no parameters, command substitutions, globs or tildes.
func literal(w *syntax.Word) (string, bool) {
	var sb strings.Builder
	for i, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			if !unquotedLiteral(&sb, p.Value, i == 0) {
				return "", false
			}
		case *syntax.SglQuoted:
			if p.Dollar { // $'...' decodes escapes; rare enough to leave alone
				return "", false
			}
			sb.WriteString(p.Value)
		case *syntax.DblQuoted:
			if p.Dollar {
				return "", false
			}
			for _, inner := range p.Parts {
				lit, ok := inner.(*syntax.Lit)
				if !ok {
					return "", false
				}
				doubleQuotedLiteral(&sb, lit.Value)
			}
		default:
			return "", false
		}
	}
	return sb.String(), true
}

// unquotedLiteral appends s with backslash escapes removed; it refuses globs,
// brace expansions and a leading tilde, whose meaning depends on the file system,
// the user or the shell.
func unquotedLiteral(sb *strings.Builder, s string, wordStart bool) bool {
	if wordStart && strings.HasPrefix(s, "~") {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			i++
			if i < len(s) && s[i] != '\n' {
				sb.WriteByte(s[i])
			}
		case '*', '?', '$': // a lone $ is literal in dash, but bash reads $'..' and $".."
			return false
		case '[': // a bracket pattern only when closed: `[` alone is test
			if strings.IndexByte(s[i:], ']') > 0 {
				return false
			}
			sb.WriteByte(c)
		case '{': // bash's brace expansion
			if strings.IndexByte(s[i:], '}') > 0 {
				return false
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	return true
}

// doubleQuotedLiteral appends s, the text of a literal inside double quotes,
// where a backslash only escapes $ ` " \ and newline.
func doubleQuotedLiteral(sb *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '$', '`', '"', '\\':
				sb.WriteByte(s[i+1])
				i++
				continue
			case '\n':
				i++
				continue
			}
		}
		sb.WriteByte(c)
	}
}
