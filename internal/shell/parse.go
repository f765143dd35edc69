package shell

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// parsers keeps a pool of parsers per language: a parser's buffers cost more to
// allocate than a Dockerfile's -c string costs to parse.
var parsers = map[syntax.LangVariant]*sync.Pool{
	syntax.LangBash:  newParserPool(syntax.LangBash),
	syntax.LangPOSIX: newParserPool(syntax.LangPOSIX),
}

func newParserPool(lang syntax.LangVariant) *sync.Pool {
	return &sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(lang)) }}
}

// maxNesting bounds how deep brackets may nest in code handed to the parser.
// mvdan.cc/sh recurses once per level, about 9 KB of stack for each ( of an
// arithmetic expression, and Go cannot recover from a stack overflow: a
// 300 KB line of ((((( would end the whole run. Real scripts nest a few levels.
const maxNesting = 1000

// parse reads shell code in the given language (LangBash or LangPOSIX).
func parse(src, name string, lang syntax.LangVariant) (*syntax.File, error) {
	if at := tooDeep(src); at >= 0 {
		return nil, syntax.ParseError{Filename: name, Pos: position(src, at),
			Text: fmt.Sprintf("brackets nest more than %d levels deep here, past what gracelint parses", maxNesting)}
	}
	pool := parsers[lang]
	p := pool.Get().(*syntax.Parser)
	defer pool.Put(p)
	f, err := p.Parse(strings.NewReader(src), name)
	if err != nil {
		return nil, err
	}
	assignmentsAsShellsReadThem(f, src)
	return f, nil
}

// assignmentsAsShellsReadThem turns back into command words the assignments
// whose name is not a valid name: mvdan.cc/sh's bash parser reads 0=0[ as an
// assignment to "0", but bash and dash run it as a command (exit 127, not
// found), and so every word after it, NAME=value or not.
func assignmentsAsShellsReadThem(f *syntax.File, src string) {
	syntax.Walk(f, func(n syntax.Node) bool {
		c, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		for i, a := range c.Assigns {
			if a.Name == nil || syntax.ValidName(a.Name.Value) {
				continue
			}
			var words []*syntax.Word
			for _, b := range c.Assigns[i:] {
				words = append(words, assignmentWord(b, src))
			}
			c.Args = append(words, c.Args...)
			c.Assigns = c.Assigns[:i]
			break
		}
		return true
	})
}

// assignmentWord is the command word an assignment was written as: NAME=
// then the value's own parts, so that an expansion in it stays one; the source
// text as a literal when it has an index or +=.
func assignmentWord(a *syntax.Assign, src string) *syntax.Word {
	if a.Index == nil && !a.Append && !a.Naked && a.Array == nil {
		w := &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: a.Pos(), ValueEnd: a.Name.End(), Value: a.Name.Value + "="}}}
		if a.Value != nil {
			w.Parts = append(w.Parts, a.Value.Parts...)
		}
		return w
	}
	start, end := a.Pos().Offset(), min(a.End().Offset(), uint(len(src)))
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: a.Pos(), ValueEnd: a.End(), Value: src[start:end]}}}
}

// tooDeep is the offset of the bracket where (, { and [ nest more than
// maxNesting deep in src, counting every one, even in quotes and comments (an
// upper bound is all parse needs); -1 if they never do.
func tooDeep(src string) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '{', '[':
			if depth++; depth > maxNesting {
				return i
			}
		case ')', '}', ']':
			depth = max(depth-1, 0)
		}
	}
	return -1
}

// position is the line and column (1-based, in bytes) of offset at in src.
func position(src string, at int) syntax.Pos {
	line := strings.Count(src[:at], "\n") + 1
	col := at - strings.LastIndexByte(src[:at], '\n')
	return syntax.NewPos(uint(at), uint(line), uint(col))
}

// ErrorPosition is the line and column (1-based; 0, 0 if none) that a parse
// error of this package names, and its text without them.
func ErrorPosition(err error) (line, col int, text string) {
	var perr syntax.ParseError
	if errors.As(err, &perr) {
		return int(perr.Pos.Line()), int(perr.Pos.Col()), perr.Text
	}
	var lerr syntax.LangError
	if errors.As(err, &lerr) {
		return int(lerr.Pos.Line()), int(lerr.Pos.Col()), strings.TrimPrefix(lerr.Error(), lerr.Pos.String()+": ")
	}
	return 0, 0, err.Error()
}
