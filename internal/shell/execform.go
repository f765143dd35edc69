package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// ExecFormWords returns the words of cmd when it is a plain word list the shell
// would hand to the program unchanged: quotes are resolved, and there is no
// expansion, glob, redirection, assignment, operator or second command, so that
// `CMD cmd` can become `CMD ["word", ...]` without changing what runs. A leading
// exec is dropped, as the exec form already makes the program PID 1. ok is false
// otherwise, and when the program is a shell builtin, which exists only inside a
// shell.
func ExecFormWords(cmd string) ([]string, bool) {
	file, err := parse(cmd, "", syntax.LangPOSIX)
	if err != nil || len(file.Stmts) != 1 {
		return nil, false
	}
	s := file.Stmts[0]
	call, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || s.Background || s.Negated || len(s.Redirs) > 0 || len(call.Assigns) > 0 {
		return nil, false
	}
	words := make([]string, len(call.Args))
	for i, w := range call.Args {
		if words[i], ok = literal(w); !ok {
			return nil, false
		}
	}
	if len(words) > 0 && words[0] == "exec" {
		words = words[1:]
		if len(words) > 0 && words[0] == "--" {
			words = words[1:]
		}
	}
	if len(words) == 0 || strings.HasPrefix(words[0], "-") || builtins[words[0]] || len(words) == len(call.Args) && bashAssignment(call.Args[0]) {
		return nil, false // nothing to run, bash's exec options, a builtin, or not a command in bash
	}
	return words, true
}

// bashAssignment reports whether w, a command word to POSIX sh, is an
// assignment to bash: NAME+=value or NAME[index]=value.
func bashAssignment(w *syntax.Word) bool {
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return false
	}
	i := strings.IndexAny(lit.Value, "+[")
	if i <= 0 || !syntax.ValidName(lit.Value[:i]) {
		return false
	}
	rest := lit.Value[i:]
	return strings.HasPrefix(rest, "+=") || rest[0] == '[' && strings.Contains(rest, "]=")
}
