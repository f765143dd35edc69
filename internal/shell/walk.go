package shell

import (
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// An outcome says how a path through shell code ends, as far as PID 1 is concerned.
type outcome int

const (
	neutral outcome = iota // decides nothing (assignment, function definition, exec with only redirections)
	passes                 // starts no program (a builtin, exit $?): what ran before decides
	ends                   // ends the path without starting a program: exit N, an empty branch
	execs                  // a program replaces the shell as PID 1, or the shell forwards TERM to it
	stays                  // a program runs as the shell's child while the shell stays PID 1
	unknown                // cannot be told statically (eval, ., source)
)

// A result is the outcome of the statement that decides a path.
type result struct {
	outcome  outcome
	node     syntax.Node // the deciding command, for its position
	program  string      // the program started, when it is a literal word
	explicit bool        // execs because the code says exec
	reason   string
	words    []Word // the deciding simple command's words, after exec and env; nil for anything else
	forever  bool   // the deciding command repeats in an endless loop (while :; do ...; done)
}

// A place says how control reaches a statement.
type place struct {
	last    bool // nothing runs after it: the end of a -c string (busybox ash's EV_EXIT)
	nested  bool // inside a group, if, case, loop or function: bash no longer execs there
	forked  bool // inside a subshell the shell forked: exec replaces only that child
	listed  bool // joined to the commands before it by ; on its line: bash before 5.1 forks it
	behind  bool // joined to the commands before it by & on its line: bash forks it
	chained bool // the right side of && or ||: bash before 4.4 forks it, and bash 5 after a ; list
	// trailed: the last command of the -c string, but what follows it (a
	// newline for ash; a blank or comment line for bash) takes the exec away.
	trailed bool
}

// notLast is p for a statement that something else may follow.
func (p place) notLast() place {
	p.last, p.trailed = false, false
	return p
}

func (p place) inside() place {
	p.nested = true
	return p
}

func (p place) chain() place {
	p.chained = true
	return p
}

// A funcCall is a function followed from a place.
type funcCall struct {
	name string
	at   place
}

// A walker follows shell code to the statement that decides what is PID 1.
type walker struct {
	src      string
	family   Family                      // whose -c rules apply; Dash for scripts (no implicit exec)
	funcs    map[string]*syntax.FuncDecl // functions the code defines, followed into when called
	visiting map[string]bool             // functions being followed, against recursion
	followed map[funcCall]result         // functions already followed: each is walked once per place
	traps    trapSet
	script   bool   // a script file: trap + wait counts as forwarding TERM
	backgrd  string // the first program the code starts in the background (&), if a literal word
}

func newWalker(f *syntax.File, src string, family Family, script bool) *walker {
	w := &walker{src: src, family: family, script: script}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.FuncDecl:
			if n.Name == nil {
				break // bash mode takes `()0` as a function without a name: nothing can call it
			}
			if w.funcs == nil {
				w.funcs = map[string]*syntax.FuncDecl{}
				w.visiting = map[string]bool{}
				w.followed = map[funcCall]result{}
			}
			w.funcs[n.Name.Value] = n
		case *syntax.Stmt:
			if c, ok := n.Cmd.(*syntax.CallExpr); ok && n.Background && w.backgrd == "" && len(c.Args) > 0 {
				if words := commandWords(c); len(words) > 0 && words[0].Literal {
					w.backgrd = words[0].Text
				}
			}
		case *syntax.CallExpr:
			w.traps.add(n)
			return false
		case *syntax.Word, *syntax.Redirect, *syntax.TestClause, *syntax.ArithmCmd:
			return false // only words below: code in $( ) runs in a subshell
		}
		return true
	})
	return w
}

// list follows a statement list to its deciding statement: the last one, or
// earlier ones when the last decides nothing (`app; exit $?`).
func (w *walker) list(stmts []*syntax.Stmt, p place) result {
	// Code after an unconditional exec or exit never runs.
	for i, s := range stmts {
		if endsShell(s) {
			stmts = stmts[:i+1]
			break
		}
	}
	for i := len(stmts) - 1; i >= 0; i-- {
		q := p
		if i < len(stmts)-1 {
			q = p.notLast()
		} else if i > 0 && stmts[i-1].Semicolon.IsValid() && stmts[i-1].Semicolon.Line() == stmts[i].Pos().Line() {
			// A ; or & connection; bash parses and runs each line on its own.
			if stmts[i-1].Background {
				q.behind = true
			} else {
				q.listed = true
			}
		}
		r := w.stmt(stmts[i], q)
		if r.outcome != neutral && r.outcome != passes {
			return r
		}
	}
	return result{outcome: ends}
}

// endsShell reports whether s is a plain `exec program` or `exit`.
func endsShell(s *syntax.Stmt) bool {
	c, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || s.Background || s.Negated || len(c.Args) == 0 {
		return false
	}
	switch name, _ := literal(c.Args[0]); name {
	case "exit":
		return true
	case "exec":
		return execProgram(c.Args) > 0
	}
	return false
}

func (w *walker) stmt(s *syntax.Stmt, p place) result {
	if s.Background {
		return w.stay(s, "%s runs in the background (&), so the shell stays PID 1")
	}
	if s.Negated {
		return w.stay(s, "%s is negated with !, so the shell stays PID 1 to invert its status")
	}
	switch c := s.Cmd.(type) {
	case *syntax.CallExpr:
		return w.call(s, c, p)
	case *syntax.BinaryCmd:
		return w.binary(s, c, p)
	case *syntax.Block:
		q := p.inside()
		if len(s.Redirs) > 0 { // ash runs a redirected group without EV_EXIT
			q.last = false
		}
		return w.list(c.Stmts, q)
	case *syntax.Subshell:
		return w.subshell(c, p)
	case *syntax.IfClause:
		return w.ifClause(c, w.branchPlace(s, p))
	case *syntax.CaseClause:
		return w.caseClause(c, w.branchPlace(s, p))
	case *syntax.WhileClause:
		r := w.loop(s, c.Do, p)
		r.forever = r.outcome == stays && endless(c)
		if !r.forever {
			r.words = nil // the loop ends: its last command is not what PID 1 keeps doing
		}
		return r
	case *syntax.ForClause:
		r := w.loop(s, c.Do, p)
		r.words = nil
		return r
	case *syntax.FuncDecl, *syntax.DeclClause:
		return result{outcome: neutral}
	case *syntax.TimeClause, *syntax.CoprocClause:
		return w.stay(s, "%s runs as a child of the shell, which stays PID 1")
	}
	// [[ ]], (( )), let: evaluated by the shell itself.
	return result{outcome: passes, node: s}
}

// branchPlace is where the branches of an if or case run: busybox ash keeps
// EV_EXIT there unless the whole clause is redirected; bash does not exec there.
func (w *walker) branchPlace(s *syntax.Stmt, p place) place {
	q := p.inside()
	if len(s.Redirs) > 0 {
		q.last = false
	}
	return q
}

func (w *walker) call(s *syntax.Stmt, c *syntax.CallExpr, p place) result {
	if len(c.Args) == 0 {
		return result{outcome: neutral}
	}
	name, ok := literal(c.Args[0])
	if !ok { // "$@", $CMD: some program
		return w.program(s, c, p)
	}
	switch name {
	case "exec":
		return w.exec(s, c, p)
	case "exit", "return":
		if len(c.Args) == 1 || isLastStatus(c.Args[1]) {
			return result{outcome: passes, node: s}
		}
		return result{outcome: ends, node: s}
	case "wait":
		return w.wait(s)
	case "eval", ".", "source":
		return result{outcome: unknown, node: s,
			reason: fmt.Sprintf("%s runs code that cannot be read statically", w.quoteCall(c))}
	}
	if fn := w.funcs[name]; fn != nil {
		if w.visiting[name] { // a recursive call repeats what is already being followed
			return result{outcome: passes, node: s}
		}
		// A function body runs in the calling shell, without -c's exec optimisation.
		key := funcCall{name, p.notLast().inside()}
		if r, ok := w.followed[key]; ok {
			return r
		}
		w.visiting[name] = true
		r := w.stmt(fn.Body, key.at)
		delete(w.visiting, name)
		w.followed[key] = r
		return r
	}
	if builtins[name] {
		return result{outcome: passes, node: s}
	}
	return w.program(s, c, p)
}

// isLastStatus reports whether w is "$?", the status of the previous command.
func isLastStatus(w *syntax.Word) bool {
	if len(w.Parts) == 1 {
		if dq, ok := w.Parts[0].(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
			return isLastStatus(&syntax.Word{Parts: dq.Parts})
		}
		if pe, ok := w.Parts[0].(*syntax.ParamExp); ok && pe.Short && pe.Param.Value == "?" {
			return true
		}
	}
	return false
}

// execProgram is the index in args (args[0] is "exec") of the program exec
// starts, skipping bash's options -a NAME, -c, -l; 0 when exec has no program.
func execProgram(args []*syntax.Word) int {
	for i := 1; i < len(args); i++ {
		opt, ok := literal(args[i])
		switch {
		case !ok || !strings.HasPrefix(opt, "-") || opt == "-":
			return i
		case opt == "--":
			if i+1 < len(args) {
				return i + 1
			}
			return 0
		case opt == "-a":
			i++
		}
	}
	return 0
}

func (w *walker) exec(s *syntax.Stmt, c *syntax.CallExpr, p place) result {
	i := execProgram(c.Args)
	if i == 0 { // `exec >log 2>&1` only redirects the shell's own output
		return result{outcome: neutral}
	}
	prog, _ := literal(c.Args[i])
	cmd := w.quote(c.Args[i], c.Args[len(c.Args)-1])
	words := commandWords(&syntax.CallExpr{Args: c.Args[i:]})
	if p.forked {
		return result{outcome: stays, node: s, program: prog, explicit: true, words: words, reason: fmt.Sprintf(
			"exec %s runs in a subshell: it replaces only the forked child, so the shell stays PID 1", cmd)}
	}
	return result{outcome: execs, node: s, program: prog, explicit: true, words: words, reason: fmt.Sprintf(
		"exec makes %s replace the shell as PID 1", cmd)}
}

// program judges the simple command s, which starts a program.
func (w *walker) program(s *syntax.Stmt, c *syntax.CallExpr, p place) result {
	prog, _ := literal(c.Args[0])
	words := commandWords(c)
	if ok, how := w.implicitExec(s, p); ok {
		return result{outcome: execs, node: s, program: prog, words: words, reason: fmt.Sprintf(how, w.quoteCall(c))}
	}
	return result{outcome: stays, node: s, program: prog, words: words, reason: fmt.Sprintf(w.whyNoExec(s, p), w.quoteCall(c))}
}

// implicitExec reports whether the shell execs the simple command s without
// being told, and in what words, per the table in docs/SIGNALS.md.
func (w *walker) implicitExec(s *syntax.Stmt, p place) (bool, string) {
	if !p.last || w.traps.any {
		return false, ""
	}
	switch w.family {
	case Bash, Bash44, Bash4:
		// builtins/evalstring.c: should_suppress_fork and can_optimize_connection;
		// bash 4.4 added the right side of && and ||, bash 5.1 a simple command
		// that ends a ; list, but not one behind & or inside a && list after a ;
		// (measured with bash 5.2, TestAnalyzeCommandAgreesWithRealShells).
		listedOK := !p.listed || (w.family == Bash && !p.chained)
		if !p.nested && !p.behind && len(s.Redirs) == 0 && listedOK && (w.family != Bash4 || !p.chained) {
			return true, "bash execs %s, the last simple command of the -c string, so it becomes PID 1"
		}
	case Ash:
		// busybox 1.28+: the last command of -c is evaluated with EV_EXIT.
		return true, "busybox ash execs %s, the last command of the -c string, so it becomes PID 1"
	}
	return false, ""
}

// whyNoExec explains in a format for the command's text why s does not exec.
func (w *walker) whyNoExec(s *syntax.Stmt, p place) string {
	switch {
	case w.script:
		return "the last command %s runs without exec, so the script's shell stays PID 1"
	case p.trailed && w.family == Ash:
		return "busybox ash runs %s as a child and stays PID 1, because a newline follows it at the end of the string (ash execs only a last command that ends the string)"
	case p.trailed && w.family.IsBash():
		return "bash runs %s as a child and stays PID 1, because a blank or comment line follows it (bash execs only a command on the string's last line)"
	case !p.last:
		return "%s is not the last command, so the shell stays PID 1 to run what follows"
	case w.traps.any && w.family.IsBash():
		return "the string sets a trap, so bash runs %s as a child and stays PID 1"
	case w.traps.any && w.family == Ash:
		return "the string sets a trap, so ash runs %s as a child and stays PID 1"
	case w.family == Dash:
		return "dash runs %s as a child and stays PID 1: it execs only an explicit exec"
	case w.family.IsBash() && len(s.Redirs) > 0:
		return "bash forks %s because of its redirection and stays PID 1"
	case w.family.IsBash() && p.nested:
		return "bash forks %s inside a compound command (if, case, group, loop, function) and stays PID 1"
	case w.family.IsBash() && p.behind:
		return "bash runs %s, which follows a background job (&), as a child and stays PID 1"
	case w.family == Bash && p.listed:
		return "bash runs %s, the right side of && or || after a ; list, as a child and stays PID 1"
	case w.family.IsBash() && p.listed:
		return "bash before 5.1 runs %s, the last command of a ; list, as a child and stays PID 1"
	case w.family == Bash4 && p.chained:
		return "bash before 4.4 runs %s, the right side of && or ||, as a child and stays PID 1"
	}
	return "%s runs as a child of the shell, which stays PID 1"
}

// stay is the result for s, which keeps the shell at PID 1 for the reason in format.
func (w *walker) stay(s *syntax.Stmt, format string) result {
	return result{outcome: stays, node: s, reason: fmt.Sprintf(format, w.quote(s, s))}
}

func (w *walker) wait(s *syntax.Stmt) result {
	switch {
	case w.script && w.traps.term:
		return result{outcome: execs, node: s,
			reason: "the script traps TERM and waits for its child, so it can forward the signal"}
	case w.script && w.traps.otherStop:
		return result{outcome: unknown, node: s,
			reason: "the script forwards INT or QUIT but not TERM: graceful only if STOPSIGNAL names one of them"}
	}
	return result{outcome: stays, node: s, words: []Word{{"wait", true}},
		reason: "the shell stays PID 1 waiting for background jobs (wait) and no trap handles TERM"}
}

func (w *walker) binary(s *syntax.Stmt, c *syntax.BinaryCmd, p place) result {
	switch c.Op {
	case syntax.AndStmt:
		return w.list([]*syntax.Stmt{c.X, c.Y}, p.chain())
	case syntax.OrStmt:
		// `app || exit 1`: the right side is the error path, the left the action.
		x, y := w.stmt(c.X, p.notLast()), w.stmt(c.Y, p.chain())
		switch {
		case x.outcome == execs || x.outcome == unknown:
			return x
		case y.outcome == stays || y.outcome == execs || y.outcome == unknown:
			return y
		case x.outcome == stays:
			return x
		}
		return result{outcome: ends, node: s}
	}
	return w.stay(s, "%s is a pipeline, so the shell stays PID 1 to wait for it")
}

func (w *walker) subshell(c *syntax.Subshell, p place) result {
	q := p.inside()
	// busybox ash does not fork for a final ( ) under EV_EXIT; bash and dash do.
	if w.family != Ash || !p.last || w.traps.any {
		q.last, q.forked = false, true
	}
	return w.list(c.Stmts, q)
}

func (w *walker) ifClause(c *syntax.IfClause, p place) result {
	var rs []result
	for cl := c; ; cl = cl.Else {
		rs = append(rs, w.list(cl.Then, p))
		if cl.Else == nil {
			if len(cl.Cond) > 0 { // no else: that path runs nothing here
				rs = append(rs, result{outcome: ends})
			}
			break
		}
	}
	return combine(rs)
}

func (w *walker) caseClause(c *syntax.CaseClause, p place) result {
	var rs []result
	catchAll := false
	for _, item := range c.Items {
		rs = append(rs, w.list(item.Stmts, p))
		for _, pat := range item.Patterns {
			catchAll = catchAll || pat.Lit() == "*"
		}
	}
	if !catchAll {
		rs = append(rs, result{outcome: ends})
	}
	return combine(rs)
}

// loop judges the loop s by its body: the shell stays PID 1 while it repeats.
func (w *walker) loop(s *syntax.Stmt, body []*syntax.Stmt, p place) result {
	r := w.list(body, p.notLast().inside())
	switch r.outcome {
	case neutral, passes:
		return result{outcome: ends}
	case stays:
		loop := w.stay(s, "%s runs its commands as children, so the shell stays PID 1")
		loop.program, loop.words = r.program, r.words
		return loop
	}
	return r
}

// combine judges alternative paths: one that keeps the shell at PID 1 is
// enough to fail, one that cannot be read makes the whole unknown.
func combine(rs []result) result {
	for _, want := range []outcome{stays, unknown, execs} {
		for i, r := range rs {
			if r.outcome != want {
				continue
			}
			for _, other := range rs[i+1:] {
				if other.outcome == want && other.program != r.program {
					r.program = "" // the paths start different programs: none is the one
				}
			}
			return r
		}
	}
	return result{outcome: ends}
}

// quoteCall quotes the words of c, leaving out assignments and redirections.
func (w *walker) quoteCall(c *syntax.CallExpr) string {
	return w.quote(c.Args[0], c.Args[len(c.Args)-1])
}

// quote is the source text from first to last, on one line and shortened,
// quoted for a message.
func (w *walker) quote(first, last syntax.Node) string {
	start, end := first.Pos().Offset(), min(last.End().Offset(), uint(len(w.src)))
	text := w.src[start:end]
	const maxLen = 60
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i] + " ..."
	} else if len(text) > maxLen {
		text = text[:maxLen] + " ..."
	}
	return strconv.Quote(text)
}

// endless reports whether the loop c never ends by its condition: while :,
// while true, until false.
func endless(c *syntax.WhileClause) bool {
	if len(c.Cond) != 1 {
		return false
	}
	call, ok := c.Cond[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) != 1 || c.Cond[0].Negated {
		return false
	}
	name, _ := literal(call.Args[0])
	if c.Until {
		return name == "false"
	}
	return name == ":" || name == "true"
}

// final is what r says of the deciding command.
func (r result) final(w *walker) Final {
	f := Final{Words: r.words, Forever: r.forever, Background: w.backgrd}
	if r.words != nil && r.node != nil {
		f.Line = int(r.node.Pos().Line())
	}
	return f
}
