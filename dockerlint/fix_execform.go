package dockerlint

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/shell"
)

// execFormFix is the fix for GL101 and GL102: node is the CMD or ENTRYPOINT that
// holds cmd, the string a shell runs with -c and stays PID 1 for; src is the file.
// A plain word list becomes exec form; a string that needs the shell gets exec in
// front of its last command, which makes that command PID 1 in dash, bash and
// BusyBox ash alike (docs/SIGNALS.md). Only the command's own bytes change:
// keyword, comments, continuations and the rest of the file stay as they are.
// Without a safe rewrite it returns nil and the reason, for the message.
func execFormFix(file string, src []byte, node *parser.Node, escape rune, cmd string) (*finding.Fix, string) {
	var fix *finding.Fix
	var words []string // the exec form the fix writes; nil when it adds exec
	var why string
	lines := newLineIndex(src)
	if node.Attributes["json"] {
		fix, words, why = jsonFormFix(file, lines, node, cmd)
	} else {
		fix, words, why = shellFormFix(file, lines, node, escape, cmd)
	}
	if fix != nil && !fixHolds(src, fix, node.StartLine, words) {
		// The rewrite did not read back as intended: better no fix than a wrong one.
		return nil, "gracelint could not rewrite this instruction safely"
	}
	return fix, why
}

// shellFormFix rewrites CMD cmd (cmd possibly spread over continuation lines).
func shellFormFix(file string, lines *lineIndex, node *parser.Node, escape rune, cmd string) (*finding.Fix, []string, string) {
	text, ok := shellFormText(lines, node, escape)
	if !ok || strings.TrimSpace(text.joined) != cmd {
		return nil, nil, "gracelint could not map the command back to its lines"
	}
	if looksLikeExecForm(cmd) {
		words, ok := intendedExecForm(cmd)
		if !ok {
			return nil, nil, "gracelint cannot tell which JSON array was meant"
		}
		fix, why := text.replace(file, "write it as the JSON array it meant: "+instructionName(node)+" "+quoted(jsonArray(words)), jsonArray(words))
		return fix, words, why
	}
	if words, ok := shell.ExecFormWords(cmd); ok {
		fix, why := text.execForm(file, node, words)
		return fix, words, why
	}
	at, why := lastCommandStart(cmd)
	if at < 0 {
		return nil, nil, why
	}
	message := "start the string's last command with exec: " + instructionName(node) + " " + quoted(cmd[:at]+"exec "+cmd[at:])
	// cmd is text.joined without its leading blanks.
	at += len(text.joined) - len(strings.TrimLeft(text.joined, " \t"))
	pos := text.srcOffset(at)
	return &finding.Fix{
		Message: message,
		Edits:   []finding.Edit{{File: file, Start: pos, End: pos, New: "exec "}},
	}, nil, ""
}

// jsonFormFix rewrites an exec-form instruction whose last element is the -c
// string: [sh, -c, "app args"] becomes ["app", "args"], and a string that needs
// the shell gets exec in front of its last command.
func jsonFormFix(file string, lines *lineIndex, node *parser.Node, cmd string) (*finding.Fix, []string, string) {
	args := nodeArgs(node)
	if len(args) == 0 || args[len(args)-1] != cmd {
		return nil, nil, "the -c string is not in this instruction"
	}
	if node.StartLine != node.EndLine {
		return nil, nil, "the instruction spans several lines"
	}
	line, lineAt := lines.line(node.StartLine)
	elems, open, end, ok := jsonElements(line)
	if !ok || len(elems) != len(args) {
		return nil, nil, "gracelint could not map the command back to its line"
	}
	words, plain := shell.ExecFormWords(cmd)
	if plain && len(args) == 3 && args[1] == "-c" && isShellProgram(args[0]) {
		return &finding.Fix{
			Message: "run the app without a shell, in exec form: " + instructionName(node) + " " + quoted(jsonArray(words)),
			Edits:   []finding.Edit{{File: file, Start: lineAt + open, End: lineAt + end, New: jsonArray(words)}},
		}, words, ""
	}
	at, why := lastCommandStart(cmd)
	if at < 0 {
		return nil, nil, why
	}
	last := elems[len(elems)-1]
	return &finding.Fix{
		Message: "start the -c string's last command with exec: " + quoted(jsonString(cmd[:at]+"exec "+cmd[at:])),
		Edits:   []finding.Edit{{File: file, Start: lineAt + last[0], End: lineAt + last[1], New: jsonString(cmd[:at] + "exec " + cmd[at:])}},
	}, nil, ""
}

// lastCommandStart returns the offset in cmd where exec must go so that cmd's
// last command replaces the shell in every shell, or -1 and the reason there is
// no such place. Only a last command that runs last for certain qualifies: the
// end of the string or of an && list, not a pipeline, a fallback after ||, a
// subshell, a compound command or a command behind a TERM trap.
func lastCommandStart(cmd string) (int, string) {
	v, err := shell.AnalyzeCommand(shell.Dash, cmd)
	if err != nil {
		return -1, "the string does not parse as a POSIX shell command"
	}
	if !v.Known {
		return -1, "gracelint cannot tell what the string runs"
	}
	if v.TrapsTerm {
		return -1, "the string traps TERM itself; exec would drop the trap"
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(cmd), "")
	if err != nil || len(file.Stmts) == 0 {
		return -1, "the string does not parse as a POSIX shell command"
	}
	stmt := file.Stmts[len(file.Stmts)-1]
	for {
		bin, ok := stmt.Cmd.(*syntax.BinaryCmd)
		if !ok || stmt.Background || stmt.Negated {
			break
		}
		switch bin.Op {
		case syntax.AndStmt:
			stmt = bin.Y
			continue
		case syntax.OrStmt:
			return -1, "the string ends in an || fallback, which runs only when the command before it fails"
		}
		return -1, v.Reason // a pipeline
	}
	call, ok := stmt.Cmd.(*syntax.CallExpr)
	if !ok {
		return -1, "the last command is inside a subshell, group, if or loop; move it out and start it with exec"
	}
	if stmt.Background || stmt.Negated || stmt.Coprocess || len(call.Args) == 0 {
		return -1, v.Reason
	}
	if len(call.Assigns) > 0 {
		return -1, "the last command sets variables for itself; write it in exec form with ENV instead"
	}
	if lit := call.Args[0].Lit(); lit == "exec" {
		return -1, v.Reason
	}
	if name, ok := shell.ShellOnly(file, call.Args[0]); ok {
		return -1, "the last command, " + name + ", is run by the shell itself, so exec cannot run it"
	}
	return int(call.Args[0].Pos().Offset()), ""
}

// fixHolds applies fix to src and reads the instruction at line back with
// BuildKit: it must be exec form with words when words is set, and otherwise its
// -c string must exec its last command in dash, bash and BusyBox ash.
func fixHolds(src []byte, fix *finding.Fix, line int, words []string) bool {
	edits := make([]udiff.Edit, len(fix.Edits))
	for i, e := range fix.Edits {
		edits[i] = udiff.Edit{Start: e.Start, End: e.End, New: e.New}
	}
	fixed, err := udiff.ApplyBytes(src, edits)
	if err != nil {
		return false
	}
	res, err := parser.Parse(bytes.NewReader(fixed))
	if err != nil {
		return false
	}
	for _, n := range res.AST.Children {
		if n.StartLine != line {
			continue
		}
		args := nodeArgs(n)
		if words != nil || len(args) == 0 {
			return n.Attributes["json"] && slices.Equal(args, words)
		}
		for _, f := range anyShell {
			if v, err := shell.AnalyzeCommand(f, args[len(args)-1]); err != nil || !v.Execs || !v.Known {
				return false
			}
		}
		return true
	}
	return false
}

// A commandText is the command string of a shell-form instruction as BuildKit
// joins it from its lines, with where each piece came from in the source.
type commandText struct {
	joined string
	pieces []piece // in order; their texts concatenated are joined
}

type piece struct {
	at, n int // source offset and length
	off   int // offset in joined
}

// continuation matches the end of a line that continues on the next one.
func continuation(escape rune) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(string(escape)) + `[ \t]*$`)
}

// shellFormText finds the command of node in the file: after the keyword on the
// first line, then every following line of the instruction except comments and
// blank lines, each without its line continuation, as BuildKit's parser joins them.
func shellFormText(lines *lineIndex, node *parser.Node, escape rune) (*commandText, bool) {
	cont := continuation(escape)
	t := &commandText{}
	var joined strings.Builder
	for n := node.StartLine; n <= node.EndLine; n++ {
		line, at := lines.line(n)
		start := 0
		if n == node.StartLine {
			trimmed := strings.TrimLeft(string(line), " \t")
			keyword := node.Value
			if len(trimmed) < len(keyword) || !strings.EqualFold(trimmed[:len(keyword)], keyword) {
				return nil, false
			}
			start = len(line) - len(trimmed) + len(keyword)
		} else if rest := bytes.TrimLeft(line, " \t"); len(rest) == 0 || rest[0] == '#' {
			continue // BuildKit drops comments and blank lines inside an instruction
		}
		end := len(line)
		if n < node.EndLine {
			loc := cont.FindIndex(line)
			if loc == nil {
				return nil, false
			}
			end = loc[0]
		}
		if start > end {
			return nil, false
		}
		t.pieces = append(t.pieces, piece{at: at + start, n: end - start, off: joined.Len()})
		joined.Write(line[start:end])
	}
	t.joined = joined.String()
	return t, true
}

// srcOffset maps an offset in t.joined to the source.
func (t *commandText) srcOffset(i int) int {
	p := t.pieces[t.piece(i)]
	return p.at + i - p.off
}

// piece returns the index of the piece that holds offset i of t.joined (the
// last piece for the offset just past the end).
func (t *commandText) piece(i int) int {
	k := sort.Search(len(t.pieces), func(k int) bool { return t.pieces[k].off+t.pieces[k].n > i })
	return min(k, len(t.pieces)-1)
}

// replace rewrites the whole command, when it is on one line, to text.
func (t *commandText) replace(file, message, text string) (*finding.Fix, string) {
	if len(t.pieces) != 1 {
		return nil, "the instruction spans several lines"
	}
	p := t.pieces[0]
	lead := len(t.joined) - len(strings.TrimLeft(t.joined, " \t"))
	end := len(strings.TrimRight(t.joined, " \t"))
	return &finding.Fix{Message: message, Edits: []finding.Edit{{File: file, Start: p.at + lead, End: p.at + end, New: text}}}, ""
}

// intendedExecForm reads cmd, a shell-form command, as the exec form its
// author meant when it is a bracketed list that BuildKit rejected as JSON: single
// quotes (['app', '-x']), a missing comma, or both. Every element must be quoted,
// so that the words are certain.
func intendedExecForm(cmd string) ([]string, bool) {
	if !looksLikeExecForm(cmd) {
		return nil, false
	}
	s := strings.TrimSpace(cmd)
	s = s[1 : len(s)-1]
	var words []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return words, len(words) > 0
		}
		if len(words) > 0 && s[0] == ',' {
			s = strings.TrimLeft(s[1:], " \t")
		}
		if s == "" || s[0] != '\'' && s[0] != '"' {
			return nil, false
		}
		end := closingQuote(s)
		if end < 0 {
			return nil, false
		}
		w := s[1:end]
		if s[0] == '"' && json.Unmarshal([]byte(s[:end+1]), &w) != nil {
			return nil, false
		}
		words = append(words, w)
		s = s[end+1:]
	}
}

// looksLikeExecForm reports whether cmd, a shell-form command, is bracketed
// like exec form: BuildKit found no JSON array in it.
func looksLikeExecForm(cmd string) bool {
	s := strings.TrimSpace(cmd)
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']'
}

// closingQuote is the index in s of the quote that closes the one s starts
// with, skipping backslash escapes inside double quotes; -1 if there is none.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && s[0] == '"':
			i++
		case s[i] == s[0]:
			return i
		}
	}
	return -1
}

// execForm rewrites the command to a JSON array of words, line by line: the
// words stay on the lines they were on, between the continuations and comments.
func (t *commandText) execForm(file string, node *parser.Node, words []string) (*finding.Fix, string) {
	lead := len(t.joined) - len(strings.TrimLeft(t.joined, " \t"))
	parsed, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(t.joined[lead:]), "")
	if err != nil || len(parsed.Stmts) != 1 {
		return nil, "the string does not parse as a POSIX shell command"
	}
	args := parsed.Stmts[0].Cmd.(*syntax.CallExpr).Args // ExecFormWords accepted it
	dropped := len(args) - len(words)                   // a leading exec (and --)
	type argSpan struct{ piece, start, end, first, last int }
	var spans []argSpan // per piece: the source bytes of its arguments, and which words they hold
	for i, a := range args {
		start, end := lead+int(a.Pos().Offset()), lead+int(a.End().Offset())
		k := t.piece(start)
		if t.piece(end-1) != k {
			return nil, "a word continues across lines"
		}
		w := i - dropped // index in words; negative for the dropped exec
		if n := len(spans); n > 0 && spans[n-1].piece == k {
			spans[n-1].end, spans[n-1].last = end, w
			continue
		}
		spans = append(spans, argSpan{piece: k, start: start, end: end, first: w, last: w})
	}
	fix := &finding.Fix{Message: "write it in exec form: " + instructionName(node) + " " + quoted(jsonArray(words))}
	for i, s := range spans {
		var quoted []string
		for w := max(s.first, 0); w <= s.last; w++ {
			quoted = append(quoted, jsonString(words[w]))
		}
		text := strings.Join(quoted, ", ")
		if i == 0 {
			text = "[" + text
		}
		if i == len(spans)-1 {
			text += "]"
		} else if len(quoted) > 0 {
			text += ","
		}
		fix.Edits = append(fix.Edits, finding.Edit{File: file, Start: t.srcOffset(s.start), End: t.srcOffset(s.end-1) + 1, New: text})
	}
	return fix, ""
}

// A lineIndex finds the lines of a file without rescanning it: a long
// instruction is read line by line, and a scan from the start for each line
// made 100k continuation lines take minutes.
type lineIndex struct {
	src    []byte
	starts []int // offset of each line's first byte
}

func newLineIndex(src []byte) *lineIndex {
	ix := &lineIndex{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			ix.starts = append(ix.starts, i+1)
		}
	}
	return ix
}

// line returns line n (1-based) without its line ending, and the offset where
// it starts; past the end, nothing and the file's length.
func (ix *lineIndex) line(n int) ([]byte, int) {
	if n < 1 || n > len(ix.starts) {
		return nil, len(ix.src)
	}
	at := ix.starts[n-1]
	line := ix.src[at:]
	if n < len(ix.starts) {
		line = ix.src[at : ix.starts[n]-1]
	}
	return bytes.TrimSuffix(line, []byte("\r")), at
}

// quoted is text from the file as a fix message shows it: cut short, since
// an instruction may run over thousands of lines.
func quoted(text string) string {
	return finding.Shorten(text, finding.MaxQuote)
}

// jsonElements finds the JSON array on an exec-form line: the byte span of each
// string element, and where the array opens and ends.
func jsonElements(line []byte) (elems [][2]int, open, end int, ok bool) {
	open = bytes.IndexByte(line, '[')
	if open < 0 {
		return nil, 0, 0, false
	}
	dec := json.NewDecoder(bytes.NewReader(line[open:]))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, 0, 0, false
	}
	for dec.More() {
		before := int(dec.InputOffset())
		if _, err := dec.Token(); err != nil {
			return nil, 0, 0, false
		}
		after := open + int(dec.InputOffset())
		start := open + before + bytes.IndexByte(line[open+before:after], '"')
		elems = append(elems, [2]int{start, after})
	}
	if _, err := dec.Token(); err != nil {
		return nil, 0, 0, false
	}
	return elems, open, open + int(dec.InputOffset()), true
}

func nodeArgs(node *parser.Node) []string {
	var args []string
	for n := node.Next; n != nil; n = n.Next {
		args = append(args, n.Value)
	}
	return args
}

func instructionName(node *parser.Node) string { return strings.ToUpper(node.Value) }

func jsonArray(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = jsonString(w)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// jsonString quotes s as Docker's exec form needs, without HTML escapes.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// fixShellStays gives f, a finding that the shell running cmd with -c stays PID 1,
// the fix from the instruction that holds cmd and ends its message with that fix,
// or with howToFix and why gracelint has no rewrite. The string is in the
// instruction that starts the launch, or in the CMD that an ENTRYPOINT ["sh", "-c"] runs.
func (p *pass) fixShellStays(f *finding.Finding, cmd, howToFix string) {
	why := "the -c string is not the last argument of an instruction"
	for _, c := range []*command{p.run.from, p.img.cmd} {
		node := p.df.instructionAt(c)
		if node == nil {
			continue
		}
		if args := nodeArgs(node); len(args) == 0 || args[len(args)-1] != cmd {
			continue
		}
		var fix *finding.Fix
		if fix, why = execFormFix(p.df.path, p.df.src, node, p.df.escape, cmd); fix != nil {
			f.Fixes = []finding.Fix{*fix}
			f.Message += "; fix: " + fix.Message
			return
		}
		break
	}
	if strings.Contains(f.Message, why) {
		f.Message += "; " + howToFix + " (no automatic fix)" // the message already says why
		return
	}
	f.Message += "; " + howToFix + " (no automatic fix: " + why + ")"
}

// instructionAt returns the parser node of c, or nil.
func (df *dockerfile) instructionAt(c *command) *parser.Node {
	if c == nil || c.inherited { // the base image's: not in this file
		return nil
	}
	for _, n := range df.ast.Children {
		if n.StartLine == c.at.line {
			return n
		}
	}
	return nil
}
