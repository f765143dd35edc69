// Package rule defines gracelint's rules as data: every printer, `gracelint rules`,
// `gracelint explain` and SARIF's rules[] read the same values.
package rule

import (
	"fmt"
	"sort"
	"strings"
)

// Severity orders findings; a higher value is more severe.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity reads the names that String returns.
func ParseSeverity(s string) (Severity, error) {
	for _, sev := range []Severity{Info, Warning, Error} {
		if strings.EqualFold(s, sev.String()) {
			return sev, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// A Rule is one reason a container will not stop gracefully.
type Rule struct {
	ID       string   // stable identifier, e.g. "GL101"
	Name     string   // stable kebab-case name, e.g. "shell-form-pid1"
	Severity Severity // default severity of its findings
	Summary  string   // one line, no trailing period
	// Doc is the full explanation in Markdown-like plain text: what happens at
	// runtime, the measured evidence, and how to fix it.
	Doc string
}

// URL is where the rule's documentation lives on the web.
func (r *Rule) URL() string {
	return "https://github.com/gracelint/gracelint/blob/main/docs/RULES.md#" + strings.ToLower(r.ID)
}

// Gracelint's own rules about its input rather than about containers.
var (
	ParseError = &Rule{
		ID:       "GL000",
		Name:     "parse-error",
		Severity: Error,
		Summary:  "the file could not be read or parsed, so nothing in it was checked",
		Doc: `A Dockerfile that docker build itself would reject, a script or Go package that
cannot be read or type-checked. gracelint reports the first error with its line and
goes on with the other files. Fix the file; until then no other rule can judge it.`,
	}
	BadIgnore = &Rule{
		ID:       "GL001",
		Name:     "bad-ignore",
		Severity: Warning,
		Summary:  "an ignore comment names a rule that does not exist",
		Doc: "A `# gracelint ignore=...` or `# gracelint global ignore=...` comment names a rule id\n" +
			"that gracelint does not have, so it silences nothing. Run `gracelint rules` for the list.",
	}
)

// A Set is a registry of rules, sorted by ID.
type Set []*Rule

// NewSet returns the rules sorted by ID; it panics on a duplicate ID or name,
// which is a programming error.
func NewSet(rules ...*Rule) Set {
	s := append(Set(nil), rules...)
	sort.Slice(s, func(i, j int) bool { return s[i].ID < s[j].ID })
	seen := map[string]bool{}
	for _, r := range s {
		if seen[r.ID] || seen[r.Name] {
			panic("rule: duplicate rule " + r.ID + " " + r.Name)
		}
		seen[r.ID], seen[r.Name] = true, true
	}
	return s
}

// Lookup finds a rule by ID or by name, in any case.
func (s Set) Lookup(idOrName string) *Rule {
	for _, r := range s {
		if strings.EqualFold(r.ID, idOrName) || strings.EqualFold(r.Name, idOrName) {
			return r
		}
	}
	return nil
}
