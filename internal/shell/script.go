package shell

import "mvdan.cc/sh/v3/syntax"

// ScriptVerdict says whether an entrypoint script hands PID 1 to the program it starts.
type ScriptVerdict struct {
	// Execs: every path that starts the app ends in exec, or the script forwards
	// TERM (trap ... TERM + wait), or its final action starts no program at all.
	Execs     bool
	Unknown   bool   // cannot tell statically (e.g. `. other.sh` or `eval` as the last step): rules stay quiet
	Line, Col int    // position in the script of the final action that does NOT exec (when !Execs); 0 if none
	Reason    string // plain words, e.g. `the last command "\"$@\"" runs without exec, so the script's shell stays PID 1`
	Program   string // when Execs: the program every path execs, if a literal word ("" for "$@")
	Final
}

// AnalyzeScript follows an entrypoint script to its final action: the last
// top-level command, into the functions the script defines and into every branch
// of a final if or case. bash, dash and busybox ash all run a script in a process
// that stays PID 1 unless that action is `exec ...` (docs/SIGNALS.md). name is used
// in the error, which gives line:col when src does not parse.
func AnalyzeScript(name string, src []byte) (ScriptVerdict, error) {
	file, err := parse(string(src), name, syntax.LangBash)
	if err != nil {
		return ScriptVerdict{}, err
	}
	// Every shell runs a script the way dash runs -c: only an explicit exec replaces it.
	w := newWalker(file, string(src), Dash, true)
	r := w.list(file.Stmts, place{})
	v := ScriptVerdict{Reason: r.reason, Final: r.final(w)}
	switch r.outcome {
	case execs:
		v.Execs = true
		if r.explicit {
			v.Program = r.program
		}
	case stays:
		v.Line, v.Col = int(r.node.Pos().Line()), int(r.node.Pos().Col())
	case unknown:
		v.Unknown = true
	default:
		v.Execs = true
		v.Reason = "the script's final action starts no program"
	}
	return v, nil
}
