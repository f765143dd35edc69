// Package diag ties gracelint's analyzers to their rules: the analyzer's doc and
// every diagnostic's category come from the rule, so there is one source.
package diag

import (
	"fmt"
	"go/ast"
	"go/token"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/gracelint/gracelint/internal/rule"
)

// NewAnalyzer returns the analyzer of rule r: named name, documented by r.
func NewAnalyzer(name string, r *rule.Rule, run func(*analysis.Pass) (any, error), requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{Name: name, Doc: Doc(r), URL: r.URL(), Requires: requires, Run: Guard(run)}
}

// Guard returns run, made to turn a panic into an error. The analysis checker
// runs passes in goroutines and does not recover: one pass that panics on odd
// code would end the whole run, where an error costs one package's findings.
func Guard(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				res, err = nil, fmt.Errorf("internal error: %v (at %s; please report it)", r, panicSite())
			}
		}()
		return run(pass)
	}
}

// panicSite returns the file:line of the gracelint code that panicked.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "gracelint/goanalysis") && !strings.Contains(f.Function, "internal/diag.") {
			return fmt.Sprintf("%s:%d", f.File[strings.LastIndex(f.File, "/goanalysis/")+1:], f.Line)
		}
		if !more {
			return "unknown"
		}
	}
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
