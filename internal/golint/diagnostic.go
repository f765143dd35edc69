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
	start := fset.PositionFor(d.Pos, false)
	end := start
	if d.End.IsValid() {
		end = fset.PositionFor(d.End, false)
	}
	f := finding.New(r, start.Filename, start.Line, start.Column, end.Line, end.Column, d.Message)
	for _, sf := range d.SuggestedFixes {
		fix := finding.Fix{Message: sf.Message}
		for _, te := range sf.TextEdits {
			from := fset.PositionFor(te.Pos, false)
			to := from
			if te.End.IsValid() {
				to = fset.PositionFor(te.End, false)
			}
			fix.Edits = append(fix.Edits, finding.Edit{File: from.Filename, Start: from.Offset, End: to.Offset, New: string(te.NewText)})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f, nil
}
