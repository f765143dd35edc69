// Package diag ties gracelint's analyzers to their rules: the analyzer's doc and
// every diagnostic's category come from the rule, so there is one source.
package diag

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/internal/rule"
)

// NewAnalyzer returns the analyzer of rule r: named name, documented by r.
func NewAnalyzer(name string, r *rule.Rule, run func(*analysis.Pass) (any, error), requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{Name: name, Doc: Doc(r), URL: r.URL(), Requires: requires, Run: run}
}

// Doc is an analyzer's documentation: the rule's summary line, a blank line,
// then its full text, as go/analysis expects.
func Doc(r *rule.Rule) string {
	return r.Summary + "\n\n" + r.Doc
}

// Report reports a diagnostic of rule r on node, with Category set to r.ID.
func Report(pass *analysis.Pass, r *rule.Rule, node analysis.Range, message string, fixes ...analysis.SuggestedFix) {
	pass.Report(analysis.Diagnostic{
		Pos:            node.Pos(),
		End:            node.End(),
		Category:       r.ID,
		Message:        message,
		SuggestedFixes: fixes,
	})
}

// File returns the syntax of the file of pass that holds pos.
func File(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
