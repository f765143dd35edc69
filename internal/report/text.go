package report

import (
	"fmt"
	"io"

	"github.com/fatih/color"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

func init() {
	register(Format{
		Name:  "text",
		Doc:   "one line per finding, file:line:col: severity: message (ID name), as compilers print",
		Print: printText,
	})
}

var severityColor = map[rule.Severity]*color.Color{
	rule.Error:   color.New(color.FgRed, color.Bold),
	rule.Warning: color.New(color.FgYellow, color.Bold),
	rule.Info:    color.New(color.FgCyan),
}

func printText(w io.Writer, rep *Report) error {
	for _, f := range rep.Findings {
		sev := f.Severity.String()
		if rep.Color {
			c := *severityColor[f.Severity]
			c.EnableColor()
			sev = c.Sprint(sev)
		}
		pos := f.File
		if f.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", f.File, f.Line, max(f.Column, 1))
		}
		if _, err := fmt.Fprintf(w, "%s: %s: %s\n", finding.Printable(pos), sev, f.Detail()); err != nil {
			return err
		}
	}
	return nil
}
