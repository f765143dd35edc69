package golint

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// fromDiagnostic turns a diagnostic into a finding of the rule its Category names.
// Positions are those of the file on disk, not of //line directives, so that the
// line shown and the byte offsets of the fixes agree.
func fromDiagnostic(fset *token.FileSet, rules rule.Set, a *analysis.Analyzer, d analysis.Diagnostic) (finding.Finding, error) {
	r := rules.Lookup(d.Category)
	if r == nil {
		return finding.Finding{}, fmt.Errorf("analyzer %s reported category %q, which is no gracelint rule", a.Name, d.Category)
	}
	start, end := span(fset, d.Pos, d.End)
	f := finding.New(r, start.Filename, start.Line, start.Column, end.Line, end.Column, d.Message)
	for _, sf := range d.SuggestedFixes {
		fix := finding.Fix{Message: sf.Message}
		for _, te := range sf.TextEdits {
			from, to := span(fset, te.Pos, te.End)
			fix.Edits = append(fix.Edits, finding.Edit{File: from.Filename, Start: from.Offset, End: to.Offset, New: string(te.NewText)})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f, nil
}

// span returns the on-disk positions of pos and end; an invalid end, which
// go/analysis allows for a diagnostic or an edit, is pos.
func span(fset *token.FileSet, pos, end token.Pos) (from, to token.Position) {
	from = fset.PositionFor(pos, false)
	to = from
	if end.IsValid() {
		to = fset.PositionFor(end, false)
	}
	return from, to
}
