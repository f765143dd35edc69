package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"

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
		if _, err := fmt.Fprintf(w, "%s: %s: %s (%s %s)\n", printable(pos), sev, printable(f.Message), f.Rule.ID, f.Rule.Name); err != nil {
			return err
		}
	}
	return nil
}

// printable keeps a finding on one line of plain text: line breaks and tabs
// become spaces, and control characters and bytes that are not UTF-8 (a binary
// file's first line quoted in a parse error) are escaped as \x1b, so they can
// neither split the line for editors and problem matchers nor drive the
// terminal.
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			if !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
		case r == utf8.RuneError && size == 1 || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unicode.IsPrint(r) && !unicode.IsSpace(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return strings.TrimRight(b.String(), " ")
}
