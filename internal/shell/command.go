package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// CommandVerdict says what becomes PID 1 when a shell of family f runs `-c cmd`.
type CommandVerdict struct {
	Execs        bool   // the last command replaces the shell (the app becomes PID 1)
	Known        bool   // false when f is Unknown or None, or the string runs eval/./source: nothing can be said
	Program      string // first word of the command that ends up running (the app), "" if not a plain word or paths differ
	Reason       string // plain words for messages, e.g. `"app | tee log" is a pipeline, so the shell stays PID 1 to wait for it`
	ExplicitExec bool   // the string already uses an explicit `exec` on its final command
	TrapsTerm    bool   // the string sets a trap on TERM (the shell handles SIGTERM itself)
	Final
}

// Final is the simple command that decides what PID 1 does: the one the shell
// execs, or the one it stays PID 1 for.
type Final struct {
	Words      []Word // its words after exec and env; nil when a compound command, pipeline or background job decides
	Forever    bool   // it repeats in an endless loop, while :; do sleep 1; done
	Background string // the first program started in the background (&), if a literal word
	Line       int    // the line the command is on (1-based); 0 if none
}

// AnalyzeCommand judges the string a Docker shell-form instruction hands to
// `/bin/sh -c` (or to the stage's SHELL), following the table "Which shells exec
// the command of sh -c STRING" in docs/SIGNALS.md. The string is parsed as bash
// for the bash families and as POSIX sh otherwise; the error says where it does not
// parse.
func AnalyzeCommand(f Family, cmd string) (CommandVerdict, error) {
	file, err := parse(cmd, "", commandVariant(f))
	if err != nil {
		return CommandVerdict{}, err
	}
	w := newWalker(file, cmd, f, false)
	top := place{last: true}
	if n := len(file.Stmts); n > 0 && trailerTakesExec(f, cmd[end(file.Stmts[n-1]):]) {
		top = place{trailed: true}
	}
	r := w.list(file.Stmts, top)
	v := CommandVerdict{
		Execs:        r.outcome == execs,
		Known:        f != Unknown && f != None && r.outcome != unknown,
		Program:      r.program,
		Reason:       r.reason,
		ExplicitExec: r.explicit,
		TrapsTerm:    w.traps.term,
		Final:        r.final(w),
	}
	switch {
	case f == None:
		v.Execs = false
		v.Reason = "the image has no /bin/sh to run the string"
	case r.outcome == ends || r.outcome == neutral || r.outcome == passes:
		v.Reason = "the string starts no program"
	}
	return v, nil
}

// trailerTakesExec reports whether tail, the text after the last command of
// a -c string, keeps a shell of family f from exec'ing that command (the
// multi-line table of docs/SIGNALS.md). busybox ash execs the last command
// only when the parser meets the end of the string right after it (evalstring
// checks parser_eof), so any newline there keeps ash as PID 1. bash reads the
// string line by line and gives the exec shortcut only when nothing is left
// after the command's line: one newline may end it, a blank or comment line
// after that takes the shortcut away. YAML block scalars end in a newline, so
// this decides most manifest commands. A carriage return is no line break to
// either shell but part of the command's last word, which mvdan.cc/sh leaves
// out of the word: it is no trailer. Nor is a NUL, which no -c string can
// hold (execve's arguments end at it) and which mvdan.cc/sh passes over.
func trailerTakesExec(f Family, tail string) bool {
	switch {
	case f == Ash:
		return strings.ContainsRune(tail, '\n')
	case f.IsBash():
		line, rest, _ := strings.Cut(tail, "\n")
		line = strings.TrimLeft(line, " \t\r\x00")
		return (line != "" && line[0] != '#') || rest != ""
	}
	return false
}

// end is the offset just after s and everything in it, here-document bodies
// included, which come after the end of s's own line.
func end(s *syntax.Stmt) uint {
	last := s.End().Offset()
	syntax.Walk(s, func(n syntax.Node) bool {
		if n != nil && n.End().IsValid() {
			last = max(last, n.End().Offset())
		}
		return true
	})
	return last
}

// commandVariant is the language a shell of family f speaks.
func commandVariant(f Family) syntax.LangVariant {
	if f.IsBash() {
		return syntax.LangBash
	}
	return syntax.LangPOSIX
}
