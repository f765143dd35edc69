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
	return p.Parse(strings.NewReader(src), name)
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
