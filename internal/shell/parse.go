package shell

import (
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
	if nesting(src) > maxNesting {
		return nil, fmt.Errorf("brackets nest more than %d levels deep, past what gracelint parses", maxNesting)
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

// nesting is how deep (, { and [ nest in src, counting every one, even in
// quotes and comments: an upper bound is all parse needs.
func nesting(src string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '(', '{', '[':
			depth++
			deepest = max(deepest, depth)
		case ')', '}', ']':
			depth = max(depth-1, 0)
		}
	}
	return deepest
}
