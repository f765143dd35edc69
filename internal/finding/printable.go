package finding

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable keeps text from a finding on one line of plain text: line breaks and tabs
// become spaces, and control characters and bytes that are not UTF-8 (a binary
// file's first line quoted in a parse error) are escaped as \x1b, so they can
// neither split the line for editors and problem matchers nor drive the
// terminal.
func Printable(s string) string {
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

// MaxQuote bounds how much of an input a message repeats: a parse error may
// quote a whole line, and a config value may be megabytes long.
const MaxQuote = 200

// Shorten cuts s to at most max bytes, on a character boundary, marked with " ...".
func Shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + " ..."
}
