package manifestlint

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/dockerlint"
	"github.com/gracelint/gracelint/internal/container"
	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/manifest"
)

// fixShellStays gives f the edit that starts the last command of the -c
// string with exec, where gracelint can make it in the manifest's own bytes,
// and ends f's message with the fix or the advice.
func (p *pass) fixShellStays(f *finding.Finding, s stayingShell) {
	advice := "drop the shell and write the command as a list of words, or start the string's last command with exec"
	fix, why := p.execFix(s)
	if fix == nil {
		f.Message += "; " + advice + " (no automatic fix: " + why + ")"
		return
	}
	f.Fixes = []finding.Fix{*fix}
	f.Message += "; fix: " + fix.Message
}

// execFix is the edit that puts exec before the last command of the string,
// changing only those bytes, or nil and why not.
func (p *pass) execFix(s stayingShell) (*finding.Fix, string) {
	if !p.fromManifest(s.from) {
		return nil, "the string is in the image, not in the manifest"
	}
	if s.from.From.File == manifest.StdinName {
		return nil, "the manifest came from standard input"
	}
	words := p.m.Words[s.from]
	i := s.wordIndex
	if words == nil || i < 0 || i >= len(words) {
		return nil, "the string is not a YAML list item of its own"
	}
	node := words[i]
	raw := node.Value // as written: $(VAR) unexpanded, as the fix keeps it
	at, why := dockerlint.ExecInsertion(raw)
	if at < 0 {
		return nil, why
	}
	src := p.m.Src[s.from.From.File]
	off, ok := scalarOffset(src, node, at)
	if !ok {
		return nil, "the string's YAML style (folded, escaped or spread over lines) keeps gracelint from editing it in place"
	}
	fixed := raw[:at] + "exec " + raw[at:]
	last, _, _ := strings.Cut(raw[at:], "\n")
	fix := &finding.Fix{
		Message: "start the -c string's last command with exec: exec " + last,
		// The sum ties the edit to the bytes linted: -fix applies it to no others.
		Edits: []finding.Edit{{File: s.from.From.File, Start: off, End: off, New: "exec ", Sum: finding.ContentSum(src)}},
	}
	if !holds(src, off, node, fixed) {
		return nil, "the edited file would not read back as the fixed string"
	}
	return fix, ""
}

// scalarOffset is the byte offset in src of offset at of the value of node,
// a string written plain, quoted without escapes, or as a literal block (|).
func scalarOffset(src []byte, node *yaml.Node, at int) (int, bool) {
	start, ok := lineStart(src, node.Line)
	if !ok {
		return 0, false
	}
	pos := start + node.Column - 1
	if pos >= len(src) {
		return 0, false
	}
	switch node.Style {
	case 0, yaml.FlowStyle:
		if strings.Contains(node.Value, "\n") {
			return 0, false
		}
		return pos + at, bytes.HasPrefix(src[pos:], []byte(node.Value))
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		if strings.ContainsAny(node.Value, "\n'\\\"") {
			return 0, false
		}
		return pos + 1 + at, bytes.HasPrefix(src[pos+1:], []byte(node.Value))
	case yaml.LiteralStyle:
		// The content starts on the line after the | header, each line
		// indented alike; the offset's line and column map straight on.
		line := strings.Count(node.Value[:at], "\n")
		col := at - (strings.LastIndex(node.Value[:at], "\n") + 1)
		first := strings.SplitN(node.Value, "\n", 2)[0]
		ls, ok := lineStart(src, node.Line+1)
		if !ok {
			return 0, false
		}
		text := src[ls:]
		indent := len(text) - len(bytes.TrimLeft(text, " "))
		if !bytes.HasPrefix(text[indent:], []byte(first)) {
			return 0, false
		}
		target, ok := lineStart(src, node.Line+1+line)
		if !ok || target+indent+col > len(src) {
			return 0, false
		}
		return target + indent + col, true
	}
	return 0, false
}

// lineStart is the offset of the 1-based line n of src.
func lineStart(src []byte, n int) (int, bool) {
	off := 0
	for l := 1; l < n; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	return off, true
}

// holds inserts exec at off and reads the file back: it must still parse,
// and the scalar at node's place must be fixed, which must exec its last
// command in every shell.
func holds(src []byte, off int, node *yaml.Node, fixed string) bool {
	edited := append(append(append([]byte(nil), src[:off]...), "exec "...), src[off:]...)
	dec := yaml.NewDecoder(bytes.NewReader(edited))
	found := false
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return false
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.ScalarNode && n.Line == node.Line && n.Column == node.Column && n.Value == fixed {
				found = true
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&doc)
	}
	if !found {
		return false
	}
	stays, ok := container.Stays(container.AnyShell, fixed)
	return ok && len(stays) == 0
}
