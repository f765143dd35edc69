package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/fixer"
)

// fixFindings carries out -fix and -diff for the findings that carry fixes. With
// showDiff it prints the changes as a unified diff and writes nothing; otherwise
// it writes them. It returns the findings that remain: a finding whose fix was
// written is resolved and no longer reported.
func fixFindings(findings []finding.Finding, showDiff bool, stdout, stderr io.Writer) []finding.Finding {
	plan := fixer.NewPlan(findings)
	for _, err := range plan.Refused {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
	}
	if showDiff {
		for _, c := range plan.Changes {
			io.WriteString(stdout, c.Diff())
		}
		return findings
	}
	failed := map[string]bool{}
	for _, c := range plan.Changes {
		if err := c.Write(); err != nil {
			fmt.Fprintf(stderr, "gracelint: %v\n", err)
			failed[c.File] = true
			continue
		}
		fmt.Fprintf(stderr, "gracelint: fixed %s\n", c.File)
	}
	var remain []finding.Finding
	for i, f := range findings {
		if !plan.Applied[i] || writeFailed(f.Fixes[0], failed) {
			remain = append(remain, f)
		}
	}
	return remain
}

func writeFailed(fix finding.Fix, failed map[string]bool) bool {
	for _, e := range fix.Edits {
		if failed[filepath.Clean(e.File)] {
			return true
		}
	}
	return false
}
