package shell

import (
	"io"
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

// parse reads shell code in the given language (LangBash or LangPOSIX).
func parse(r io.Reader, name string, lang syntax.LangVariant) (*syntax.File, error) {
	pool := parsers[lang]
	p := pool.Get().(*syntax.Parser)
	defer pool.Put(p)
	return p.Parse(r, name)
}
