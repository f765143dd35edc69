package pid1prog

import "strings"

// A token is a word of source code as the scanners see it: an identifier or
// number, one punctuation character, or a string literal with its value.
type token struct {
	text   string
	string bool // a string literal; text is its content
}

// scanJS splits JavaScript into tokens, dropping // and /* */ comments and
// reading '...', "..." and `...` strings (a template's ${...} parts stay inside
// the string). Regular-expression literals are not told apart from division.
func scanJS(src string) []token {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case strings.HasPrefix(src[i:], "//"):
			i = skipLine(src, i)
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return toks
			}
			i += end + 4
		case c == '\'' || c == '"' || c == '`':
			var s string
			s, i = quoted(src, i+1, c)
			toks = append(toks, token{text: s, string: true})
		default:
			i = word(src, i, &toks)
		}
	}
	return toks
}

// scanPython splits Python into tokens, dropping # comments and reading
// strings with any prefix (r, b, f, u) and triple quotes.
func scanPython(src string) []token {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '#':
			i = skipLine(src, i)
		case c == '\'' || c == '"':
			var s string
			if strings.HasPrefix(src[i:], strings.Repeat(string(c), 3)) {
				delim := strings.Repeat(string(c), 3)
				end := strings.Index(src[i+3:], delim)
				if end < 0 {
					return toks
				}
				s, i = src[i+3:i+3+end], i+3+end+3
			} else {
				s, i = quoted(src, i+1, c)
			}
			// A prefix such as f or rb was read as an identifier just before.
			if n := len(toks); n > 0 && isStringPrefix(toks[n-1].text) && !toks[n-1].string {
				toks = toks[:n-1]
			}
			toks = append(toks, token{text: s, string: true})
		default:
			i = word(src, i, &toks)
		}
	}
	return toks
}

func isStringPrefix(s string) bool {
	switch strings.ToLower(s) {
	case "r", "b", "u", "f", "rb", "br", "fr", "rf":
		return true
	}
	return false
}

func skipLine(src string, i int) int {
	if end := strings.IndexByte(src[i:], '\n'); end >= 0 {
		return i + end + 1
	}
	return len(src)
}

// quoted reads a string closed by q from src[i:], where a backslash escapes the
// next character; an unclosed one (but for a template) ends at the line's end.
func quoted(src string, i int, q byte) (string, int) {
	var sb strings.Builder
	for ; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			i++
			sb.WriteByte(src[i])
		case c == q:
			return sb.String(), i + 1
		case c == '\n' && q != '`':
			return sb.String(), i + 1
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), i
}

// word reads an identifier or number, or one punctuation character, at src[i],
// and skips white space.
func word(src string, i int, toks *[]token) int {
	c := src[i]
	if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
		return i + 1
	}
	j := i
	for j < len(src) && isWordByte(src[j]) {
		j++
	}
	if j == i {
		j = i + 1
	}
	*toks = append(*toks, token{text: src[i:j]})
	return j
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// handlers is what a program's code does with signals.
type handlers struct {
	named    map[string]bool // signals a handler is installed for by name
	indirect bool            // a handler is installed for a signal held in a variable
	mentions map[string]bool // every signal name the code mentions: what indirect may be
	server   string          // a server or library known to install handlers, that the code uses
	unsure   bool            // the code starts something that may install handlers of its own
}

func (h *handlers) handles(sig string) bool {
	return h.named[sig] || h.indirect && h.mentions[sig] || h.server != "" || h.unsure
}

func (h *handlers) add(sig string) {
	if h.named == nil {
		h.named = map[string]bool{}
	}
	h.named[sig] = true
}

func (h *handlers) mention(sig string) {
	if h.mentions == nil {
		h.mentions = map[string]bool{}
	}
	h.mentions[sig] = true
}

func isSignalName(s string) bool {
	return len(s) > 3 && strings.HasPrefix(s, "SIG") && strings.ToUpper(s) == s && !strings.ContainsAny(s, " _.")
}
