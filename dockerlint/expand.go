package dockerlint

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// maxExpansion bounds the bytes that build-argument expansion may produce in
// one Dockerfile. Real files expand a few hundred bytes; 42 lines of
// ARG A1=${A0}${A0} ask for terabytes.
const maxExpansion = 1 << 20

// An expander expands build arguments and ENV values as docker build does
// (BuildKit's shell lexer), within maxExpansion for the whole file, and keeps
// the GL000 findings for the words it refused to expand.
type expander struct {
	df       *dockerfile
	lex      *bkshell.Lex
	spent    int                  // bytes produced so far
	done     map[string]expansion // by instruction line and word: stages are resolved more than once
	refused  bool                 // the bound was crossed: nothing more is expanded
	problems []finding.Finding
}

// An expansion is a word with its variables replaced, and the names it used
// that had no value.
type expansion struct {
	word  string
	unset []string
	ok    bool
}

func newExpander(df *dockerfile) *expander {
	return &expander{df: df, lex: bkshell.NewLex(df.escape), done: map[string]expansion{}}
}

// expand expands word, from the instruction at, with env. When it cannot (a
// syntax error, a NUL byte, the bound) it returns word as written and false.
func (x *expander) expand(word string, env bkshell.EnvGetter, instr string, at span) (string, []string, bool) {
	key := fmt.Sprint(at.line, "\x00", word)
	if e, ok := x.done[key]; ok {
		return e.word, e.unset, e.ok
	}
	e := x.expandOnce(word, env, instr, at)
	x.done[key] = e
	return e.word, e.unset, e.ok
}

func (x *expander) expandOnce(word string, env bkshell.EnvGetter, instr string, at span) expansion {
	if bad, ok := unscannable(word); ok {
		// BuildKit's lexer reads words with text/scanner, which writes a line
		// to standard error for each such character instead of failing.
		line, col := x.df.find(at, bad)
		x.problems = append(x.problems, finding.New(rule.ParseError, x.df.path, line, col, line, col+len(bad),
			fmt.Sprintf("%s in %s, which docker build expands as a shell word and cannot read; remove it", describeBad(bad), instr)))
		return expansion{word: word}
	}
	if !strings.Contains(word, "$") {
		return expansion{word: word, ok: true}
	}
	if x.refused {
		return expansion{word: word}
	}
	if bound := expansionBound(word, env); x.spent+bound > maxExpansion {
		x.refused = true
		x.problems = append(x.problems, finding.New(rule.ParseError, x.df.path, at.line, at.col, at.endLine, at.endCol,
			fmt.Sprintf("expanding the build arguments of this line could produce more than %d bytes in this file, "+
				"the most gracelint expands (does a value repeat another ARG several times?); "+
				"build arguments are not expanded from here on", maxExpansion)))
		return expansion{word: word}
	}
	res, err := x.lex.ProcessWordWithMatches(word, env)
	if err != nil {
		return expansion{word: word}
	}
	x.spent += len(res.Result)
	var unset []string
	for name := range res.Unmatched {
		unset = append(unset, name)
	}
	return expansion{word: res.Result, unset: unset, ok: true}
}

// find is the line and column of the first s in the instruction at, or the
// instruction's start if it is not there.
func (df *dockerfile) find(at span, s string) (line, col int) {
	for n := at.line; n <= at.endLine; n++ {
		if i := strings.Index(string(df.line(n)), s); i >= 0 {
			return n, i + 1
		}
	}
	return at.line, at.col
}

// replacement matches ${name/pattern/replacement}, which can repeat the
// replacement once per character of the value.
var replacement = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*/`)

// expansionBound is at most how long word can be once expanded with env:
// every reference replaced by its value (an unknown name counts nothing), and
// for a pattern replacement, every byte of the longest value repeated.
func expansionBound(word string, env bkshell.EnvGetter) int {
	bound, longest := len(word), 0
	for rest := word; ; {
		i := strings.IndexByte(rest, '$')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		name := strings.TrimPrefix(rest, "{")
		if n := strings.IndexFunc(name, func(r rune) bool { return r != '_' && !isAlnum(r) }); n >= 0 {
			name = name[:n]
		}
		if v, ok := env.Get(name); ok && name != "" {
			bound += len(v)
			longest = max(longest, len(v))
		}
	}
	if replacement.MatchString(word) {
		bound *= longest + 1
	}
	return bound
}

func isAlnum(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

// unscannable returns the first part of word that text/scanner reports as an
// error: a NUL byte, a byte that is not UTF-8, a byte order mark past the start.
func unscannable(word string) (string, bool) {
	for i, r := range word {
		switch {
		case r == 0:
			return "\x00", true
		case r == utf8.RuneError && !strings.HasPrefix(word[i:], "\uFFFD"):
			return word[i : i+1], true
		case r == '\uFEFF' && i > 0:
			return "\uFEFF", true
		}
	}
	return "", false
}

func describeBad(s string) string {
	switch s {
	case "\x00":
		return "a NUL byte"
	case "\uFEFF":
		return "a byte order mark"
	}
	return fmt.Sprintf("the byte 0x%02x, which is not UTF-8,", s[0])
}
