package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

func init() {
	registerCommand(command{name: "rules", summary: "list every rule: id, name, default severity, summary", run: rulesMain})
	registerCommand(command{name: "explain", summary: "print a rule's full documentation: gracelint explain GL101", run: explainMain})
}

func rulesMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: gracelint rules")
		return exitUsage
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, r := range allRules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Summary)
	}
	tw.Flush()
	return exitClean
}

func explainMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: gracelint explain RULE... (an id such as GL101 or a name such as shell-form-pid1)")
		return exitUsage
	}
	status := exitClean
	for i, a := range args {
		r := allRules.Lookup(a)
		if r == nil {
			fmt.Fprintf(stderr, "gracelint explain: unknown rule %q (see gracelint rules)\n", a)
			status = exitUsage
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s %s (default severity: %s)\n\n%s.\n\n%s\n\n%s\n",
			r.ID, r.Name, r.Severity, r.Summary, strings.TrimSpace(r.Doc), r.URL())
	}
	return status
}
