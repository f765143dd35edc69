// Package dockerlint finds the reasons a container built from a Dockerfile will not
// stop gracefully: it reads the file exactly as docker build does, models the image
// that the default target produces, and judges who ends up as PID 1.
package dockerlint

import (
	"bytes"
	"errors"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/gracelint/gracelint/internal/config"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// Rules lists the Dockerfile rules, in ID order.
var Rules = []*rule.Rule{}

// Options tune an analysis.
type Options struct {
	Images []config.Image // base-image shell overrides from .gracelint.yaml
	Rules  rule.Set       // every rule id a "# gracelint ignore=" comment may name
}

// Lint analyses one Dockerfile. path names it in findings; src is its content.
// It never fails: a file that does not parse yields a GL000 finding.
func Lint(path string, src []byte, opts *Options) []finding.Finding {
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return []finding.Finding{parseErrorFinding(path, err)}
	}
	_ = res
	return nil
}

// parseErrorFinding places a parser error at the line BuildKit reports, if any.
func parseErrorFinding(path string, err error) finding.Finding {
	line := 0
	var loc *parser.LocationError
	if errors.As(err, &loc) && len(loc.Locations) > 0 && len(loc.Locations[0]) > 0 {
		line = loc.Locations[0][0].Start.Line
	}
	return finding.New(rule.ParseError, path, line, 1, line, 1, "Dockerfile does not parse: "+err.Error())
}
