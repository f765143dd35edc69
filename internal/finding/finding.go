// Package finding is the one model of a problem that every analyzer produces and
// every printer reads.
package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/gracelint/gracelint/internal/rule"
)

// A Finding is one problem at one place.
type Finding struct {
	Rule     *rule.Rule
	Severity rule.Severity // starts as Rule.Severity; rules and config may change it
	File     string        // as the analyzer saw it; the driver makes it relative
	Line     int           // 1-based
	Column   int           // 1-based, in bytes
	EndLine  int
	EndCol   int
	Message  string
	Fixes    []Fix
}

// A Fix is one self-contained way to resolve a finding.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes [Start, End) of File with New. Sum is the
// ContentSum of the content Start and End index, the bytes that were linted:
// the fixer applies the edit to those bytes only.
type Edit struct {
	File       string
	Start, End int
	New        string
	Sum        string `json:",omitempty"`
}

// ContentSum is what an Edit's Sum holds for a file's content: its SHA-256, in hex.
func ContentSum(content []byte) string {
	s := sha256.Sum256(content)
	return hex.EncodeToString(s[:])
}

// StampEdits gives the edits in fs's fixes that change file the sum of the
// content they were computed on.
func StampEdits(fs []Finding, file, sum string) {
	for i := range fs {
		for j := range fs[i].Fixes {
			for k := range fs[i].Fixes[j].Edits {
				if e := &fs[i].Fixes[j].Edits[k]; e.File == file {
					e.Sum = sum
				}
			}
		}
	}
}

// New returns a finding of r with r's default severity.
func New(r *rule.Rule, file string, line, col, endLine, endCol int, msg string) Finding {
	return Finding{Rule: r, Severity: r.Severity, File: file, Line: line, Column: col,
		EndLine: endLine, EndCol: endCol, Message: msg}
}

// AtFile returns a finding of r about the file as a whole (it cannot be read,
// or holds nothing), placed on its first line so that every printer and CI
// annotation can point at it.
func AtFile(r *rule.Rule, file, msg string) Finding {
	return New(r, file, 1, 1, 1, 1, msg)
}

// Text is a finding as gracelint's text output words it after the position:
// "severity: message (ID name)", on one line.
func (f Finding) Text() string {
	return f.Severity.String() + ": " + f.Detail()
}

// Detail is Text without the severity: the message, then the rule's ID and name.
func (f Finding) Detail() string {
	return Printable(f.Message) + " (" + f.Rule.ID + " " + f.Rule.Name + ")"
}

// Compare orders findings by file, position, then rule, as compilers print them.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule.ID, b.Rule.ID),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts findings in place with Compare and drops exact duplicates, which
// arise when two patterns name the same file.
func Sort(fs []Finding) []Finding {
	slices.SortFunc(fs, Compare)
	return slices.CompactFunc(fs, func(a, b Finding) bool { return Compare(a, b) == 0 })
}
