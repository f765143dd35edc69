package cli

import (
	"fmt"
	"io"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/fixer"
)

// fixRounds bounds how often -fix writes fixes and lints again.
const fixRounds = 3

// printFixes is -diff: the fixes of findings as a unified diff, nothing written.
func printFixes(findings []finding.Finding, stdout, stderr io.Writer) {
	plan := fixer.NewPlan(findings)
	for _, err := range plan.Refused {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
	}
	for _, c := range plan.Changes {
		io.WriteString(stdout, c.Diff())
	}
}

// writeFixes is -fix: it writes the fixes of findings and reports whether any
// file changed. Fixes held back by an overlap are reported only when nothing
// could be written; otherwise the next round retries them on the new text.
func writeFixes(findings []finding.Finding, stderr io.Writer) bool {
	plan := fixer.NewPlan(findings)
	wrote := false
	for _, c := range plan.Changes {
		if err := c.Write(); err != nil {
			fmt.Fprintf(stderr, "gracelint: %v\n", err)
			continue
		}
		fmt.Fprintf(stderr, "gracelint: fixed %s\n", finding.DisplayPath(c.File))
		wrote = true
	}
	if !wrote {
		for _, err := range plan.Refused {
			fmt.Fprintf(stderr, "gracelint: %v\n", err)
		}
	}
	return wrote
}
