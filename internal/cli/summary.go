package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// checked is what a lint run looked at, for the summary line that tells a
// person at a terminal (or -v) that a clean run did check something.
type checked struct {
	Dockerfiles int
	GoPackages  int
	Manifests   int      // Kubernetes manifests and compose files; shown when not 0
	Skipped     []string // what was not checked, each with why
}

// isTerminal decides whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// summary is the one line: what was checked, the findings by severity, and
// what was skipped and why.
func (c *checked) summary(findings []finding.Finding) string {
	var what []string
	what = append(what, count(c.Dockerfiles, "Dockerfile"), count(c.GoPackages, "Go package"))
	if c.Manifests > 0 {
		what = append(what, count(c.Manifests, "manifest"))
	}
	bySeverity := map[rule.Severity]int{}
	for _, f := range findings {
		bySeverity[f.Severity]++
	}
	found := "no findings"
	if len(findings) > 0 {
		var parts []string
		for _, sev := range []rule.Severity{rule.Error, rule.Warning, rule.Info} {
			if n := bySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, sev))
			}
		}
		found = count(len(findings), "finding") + " (" + strings.Join(parts, ", ") + ")"
	}
	line := "gracelint: checked " + strings.Join(what, ", ") + ": " + found
	if len(c.Skipped) > 0 {
		line += "; skipped " + strings.Join(c.Skipped, "; ")
	}
	return line
}

// count is "1 Dockerfile", "2 Dockerfiles".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
