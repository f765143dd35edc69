package dockerlint

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// A dockerfile is one file read the way docker build reads it.
type dockerfile struct {
	path     string
	src      []byte   // the file as read: fixes are byte offsets into it
	lines    [][]byte // source lines without their line ending, for columns
	ast      *parser.Node
	escape   rune
	stages   []instructions.Stage
	metaArgs []instructions.ArgCommand // ARGs before the first FROM
	meta     argEnv                    // their values, once expanded
	expander *expander
}

// A parseError is what BuildKit rejected, with the 1-based line it names (1 when
// it is about the whole file).
type parseError struct {
	line int
	err  error
}

func (e *parseError) Error() string { return e.err.Error() }

// parse reads src with BuildKit's own parser and instruction decoder, so escape
// directives, continuations, heredocs and the invalid-JSON fallback to shell form
// behave exactly as in docker build.
func parse(path string, src []byte) (*dockerfile, *parseError) {
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		line := errorLine(err)
		if n := directiveLine(src, "escape"); n > 0 && strings.Contains(err.Error(), "escape token") {
			line = n // BuildKit places a directive's error on the line before it
		}
		return nil, &parseError{line: max(line, 1), err: err} // an empty file: its first line
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err == nil && len(stages) == 0 {
		err = errors.New("no FROM instruction: the file defines no build stage")
	}
	if err != nil {
		line := errorLine(err)
		if line == 0 {
			line = failingInstruction(res.AST)
		}
		return nil, &parseError{line: max(line, 1), err: err}
	}
	df := &dockerfile{
		path:     path,
		src:      src,
		lines:    bytes.Split(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")),
		ast:      res.AST,
		escape:   res.EscapeToken,
		stages:   stages,
		metaArgs: metaArgs,
	}
	df.expander = newExpander(df)
	return df, nil
}

// errorLine is the first line BuildKit attached to err, or 0.
func errorLine(err error) int {
	var loc *parser.LocationError
	if errors.As(err, &loc) && len(loc.Locations) > 0 && len(loc.Locations[0]) > 0 {
		return loc.Locations[0][0].Start.Line
	}
	return 0
}

// directive matches a parser directive line, # name=value, with its name.
var directive = regexp.MustCompile(`^#[ \t]*([A-Za-z]+)[ \t]*=`)

// directiveLine is the line of the directive name among the comments that
// open the file, where BuildKit reads directives; 0 if it is not there.
func directiveLine(src []byte, name string) int {
	for n, line := range bytes.Split(src, []byte("\n")) {
		m := directive.FindSubmatch(bytes.TrimLeft(line, " \t\ufeff"))
		if m == nil {
			return 0 // directives end at the first line that is not one
		}
		if strings.EqualFold(string(m[1]), name) {
			return n + 1
		}
	}
	return 0
}

// failingInstruction finds the line of the first instruction BuildKit cannot
// decode. instructions.Parse knows it but wraps it in an unexported error type.
// When every instruction decodes (no FROM at all), it is the first one.
func failingInstruction(ast *parser.Node) int {
	for _, n := range ast.Children {
		if _, err := instructions.ParseInstruction(n); err != nil {
			return n.StartLine
		}
	}
	if len(ast.Children) > 0 {
		return ast.Children[0].StartLine
	}
	return 0
}

// A span is where a finding points: 1-based lines, byte columns, end exclusive.
type span struct {
	line, col, endLine, endCol int
}

// spanOf covers the instruction at loc from its first non-blank byte to the end
// of its last line (continuations and heredoc bodies included).
func (df *dockerfile) spanOf(loc []parser.Range) span {
	if len(loc) == 0 {
		return span{}
	}
	start, end := loc[0].Start.Line, loc[len(loc)-1].End.Line
	return span{
		line:    start,
		col:     len(df.line(start)) - len(bytes.TrimLeft(df.line(start), " \t\ufeff")) + 1,
		endLine: end,
		endCol:  len(bytes.TrimRight(df.line(end), " \t\r")) + 1,
	}
}

// line returns source line n (1-based), or nil past the end.
func (df *dockerfile) line(n int) []byte {
	if n < 1 || n > len(df.lines) {
		return nil
	}
	return df.lines[n-1]
}
