package shell

import "mvdan.cc/sh/v3/syntax"

// CommandVerdict says what becomes PID 1 when a shell of family f runs `-c cmd`.
type CommandVerdict struct {
	Execs        bool   // the last command replaces the shell (the app becomes PID 1)
	Known        bool   // false when f is Unknown or None, or the string runs eval/./source: nothing can be said
	Program      string // first word of the command that ends up running (the app), "" if not a plain word or paths differ
	Reason       string // plain words for messages, e.g. `"app | tee log" is a pipeline, so the shell stays PID 1 to wait for it`
	ExplicitExec bool   // the string already uses an explicit `exec` on its final command
	TrapsTerm    bool   // the string sets a trap on TERM (the shell handles SIGTERM itself)
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
	r := w.list(file.Stmts, place{last: true})
	v := CommandVerdict{
		Execs:        r.outcome == execs,
		Known:        f != Unknown && f != None && r.outcome != unknown,
		Program:      r.program,
		Reason:       r.reason,
		ExplicitExec: r.explicit,
		TrapsTerm:    w.traps.term,
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

// commandVariant is the language a shell of family f speaks.
func commandVariant(f Family) syntax.LangVariant {
	if f.IsBash() {
		return syntax.LangBash
	}
	return syntax.LangPOSIX
}
