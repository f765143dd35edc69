package dockerlint

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// ignores are the rules silenced by "# gracelint" comments in one file.
type ignores struct {
	global map[*rule.Rule]bool
	at     map[int]map[*rule.Rule]bool // instruction start line -> rules silenced there
}

// silenced reports whether f is switched off by an ignore comment. Findings about
// the comments themselves never are; with no comments read (nil), none is.
func (ig *ignores) silenced(f finding.Finding) bool {
	if ig == nil || f.Rule == rule.BadIgnore || f.Rule == rule.ParseError {
		return false
	}
	return ig.global[f.Rule] || ig.at[f.Line][f.Rule]
}

// scanIgnores reads the ignore comments of df:
//
//	# gracelint ignore=GL101,GL105   (the next instruction; comment lines may sit between)
//	# gracelint global ignore=GL101  (the whole file)
//
// Rules are named by id or name. A comment naming an unknown rule, malformed, or
// not followed by an instruction is reported, never silently dropped.
func scanIgnores(df *dockerfile, rules rule.Set) (*ignores, []finding.Finding) {
	ig := &ignores{global: map[*rule.Rule]bool{}, at: map[int]map[*rule.Rule]bool{}}
	starts := map[int]bool{}
	inside := make([]bool, len(df.lines)+2) // lines of an instruction: its comments belong to it
	for _, n := range df.ast.Children {
		starts[n.StartLine] = true
		for l := n.StartLine; l <= n.EndLine && l < len(inside); l++ {
			inside[l] = true
		}
	}
	var bad []finding.Finding
	for i := range df.lines {
		lineNo := i + 1
		if inside[lineNo] {
			continue
		}
		text, col, ok := gracelintComment(df.line(lineNo))
		if !ok {
			continue
		}
		report := func(format string, args ...any) {
			bad = append(bad, finding.New(rule.BadIgnore, df.path, lineNo, col, lineNo, len(bytes.TrimRight(df.line(lineNo), " \t\r"))+1,
				fmt.Sprintf(format, args...)))
		}
		global := false
		if rest, ok := strings.CutPrefix(text, "global "); ok {
			global, text = true, strings.TrimSpace(rest)
		}
		list, ok := strings.CutPrefix(text, "ignore=")
		if !ok {
			report("%q is not a gracelint comment: write \"# gracelint ignore=GL101\" before an instruction or \"# gracelint global ignore=GL101\"", "# gracelint "+text)
			continue
		}
		set := ig.global
		if !global {
			target := nextInstruction(df, lineNo, starts)
			if target == 0 {
				report("this ignore comment is not directly before an instruction, so it silences nothing")
				continue
			}
			if ig.at[target] == nil {
				ig.at[target] = map[*rule.Rule]bool{}
			}
			set = ig.at[target]
		}
		for _, id := range strings.Split(list, ",") {
			id = strings.TrimSpace(id)
			if r := rules.Lookup(id); r != nil {
				set[r] = true
			} else {
				report("ignore comment names unknown rule %q, so it silences nothing (see gracelint rules)", id)
			}
		}
	}
	return ig, bad
}

// gracelintComment returns the text after "# gracelint " on a comment line and the
// column of its "#".
func gracelintComment(line []byte) (text string, col int, ok bool) {
	trimmed := bytes.TrimLeft(line, " \t")
	rest, ok := bytes.CutPrefix(trimmed, []byte("#"))
	if !ok {
		return "", 0, false
	}
	fields := strings.Fields(string(rest))
	if len(fields) == 0 || fields[0] != "gracelint" {
		return "", 0, false
	}
	return strings.Join(fields[1:], " "), len(line) - len(trimmed) + 1, true
}

// nextInstruction is the start line of the instruction after line when only
// comment lines lie between them, or 0.
func nextInstruction(df *dockerfile, line int, starts map[int]bool) int {
	for l := line + 1; l <= len(df.lines); l++ {
		if starts[l] {
			return l
		}
		if !bytes.HasPrefix(bytes.TrimLeft(df.line(l), " \t"), []byte("#")) {
			return 0
		}
	}
	return 0
}
