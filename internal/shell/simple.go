package shell

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// A SimpleCommand is one command a RUN string runs for sure, in order: the
// words after assignments (and after `env NAME=value ...`), and the directory
// it runs in.
type SimpleCommand struct {
	Words []Word
	Dir   string // dir joined with the `cd` commands run before it
}

// A Word is one word of a SimpleCommand: its text after quote removal, or
// Literal false when the shell would expand it ($VERSION, globs).
type Word struct {
	Text    string
	Literal bool
}

// SimpleCommands returns the commands of a RUN string that run one after the
// other at its top level (lists joined by ;, && or newlines), as POSIX sh reads
// them, starting in dir. It stops at the first compound command, pipeline,
// background job, `||` or `cd` to a directory it cannot read, after which it
// could not say what runs where.
func SimpleCommands(cmd, dir string) ([]SimpleCommand, error) {
	file, err := parse(cmd, "", syntax.LangPOSIX)
	if err != nil {
		return nil, err
	}
	var out []SimpleCommand
	var walk func(s *syntax.Stmt) bool
	walk = func(s *syntax.Stmt) bool {
		if s.Background || s.Negated {
			return false
		}
		switch c := s.Cmd.(type) {
		case *syntax.BinaryCmd:
			return c.Op == syntax.AndStmt && walk(c.X) && walk(c.Y)
		case *syntax.CallExpr:
			words := commandWords(c)
			if len(words) > 0 && words[0] == (Word{"cd", true}) {
				if len(words) != 2 || !words[1].Literal || strings.HasPrefix(words[1].Text, "-") {
					return false // cd with options, cd - or cd $DIR
				}
				next := words[1].Text
				if !path.IsAbs(next) {
					next = path.Join(dir, next)
				}
				dir = path.Clean(next)
				return true
			}
			out = append(out, SimpleCommand{Words: words, Dir: dir})
			return true
		}
		return false
	}
	for _, s := range file.Stmts {
		if !walk(s) {
			break
		}
	}
	return out, nil
}

// commandWords are the words of c with `env` and its assignments dropped.
func commandWords(c *syntax.CallExpr) []Word {
	words := make([]Word, len(c.Args))
	for i, a := range c.Args {
		words[i].Text, words[i].Literal = literal(a)
	}
	if len(words) > 0 && words[0] == (Word{"env", true}) {
		words = words[1:]
		for len(words) > 0 && words[0].Literal && strings.Contains(words[0].Text, "=") && !strings.HasPrefix(words[0].Text, "-") {
			words = words[1:]
		}
	}
	return words
}
