// Package config reads .gracelint.yaml, the per-repository settings.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/findup"
	"github.com/gracelint/gracelint/internal/imagefacts"
	"github.com/gracelint/gracelint/internal/regularfile"
	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// FileName is looked for in the working directory and its parents.
const FileName = ".gracelint.yaml"

// maxSize bounds the file: a few dozen settings take a few kilobytes.
const maxSize = 1 << 20

// Config is the parsed file. The zero value means "no settings".
type Config struct {
	Disable  map[*rule.Rule]bool          // rules that do not run
	Severity map[*rule.Rule]rule.Severity // overrides of default severities
	FailOn   rule.Severity                // 0 if not set
	Images   []Image                      // base-image shell overrides, in file order
	Resolve  imagefacts.Mode              // where base images are read; "" if not set
}

// An Image maps base image references matching Pattern (path.Match syntax, matched
// against the reference with and without its tag) to the shell they ship.
type Image struct {
	Pattern string
	Shell   shell.Family
}

// Find returns the path of the nearest FileName at or above dir, or "" if none.
func Find(dir string) (string, error) {
	return findup.Nearest(dir, FileName)
}

// keys are the settings a file may have, in the order error messages list them.
var keys = []string{"disable", "severity", "fail-on", "images", "resolve"}

// file is the YAML shape: each setting's node, which keeps its position for error
// messages. A setting that is absent or null has Kind 0.
type file struct{ Disable, Severity, FailOn, Images, Resolve yaml.Node }

// settings parses data as one YAML mapping of the known keys. Syntax errors name
// the line, every other problem line and column; no Go type names leak out.
func settings(path string, data []byte, errorf func(*yaml.Node, string, ...any) error) (*file, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	f := &file{}
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return f, nil
	} else if err != nil {
		return nil, syntaxError(path, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, errorf(&extra, "a second YAML document: %s holds one mapping", FileName)
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(path, err)
	}
	if len(doc.Content) == 0 || null(doc.Content[0]) {
		return f, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, errorf(top, "want a mapping with the keys %s", strings.Join(keys, ", "))
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if first := seen[k.Value]; first != nil {
			return nil, errorf(k, "%s is set twice (first on line %d)", k.Value, first.Line)
		}
		seen[k.Value] = k
		var dst *yaml.Node
		switch k.Value {
		case "disable":
			dst = &f.Disable
		case "severity":
			dst = &f.Severity
		case "fail-on":
			dst = &f.FailOn
		case "images":
			dst = &f.Images
		case "resolve":
			dst = &f.Resolve
		default:
			return nil, errorf(k, "unknown key %s (want %s)", quote(k.Value), strings.Join(keys, ", "))
		}
		if v = deref(v); !null(v) {
			*dst = *v
		}
	}
	return f, nil
}

// syntaxError is a YAML syntax error as path:line: msg; yaml writes them as
// "yaml: line N: msg", and leaves the line out when it is the first.
func syntaxError(path string, err error) error {
	msg := finding.Shorten(strings.TrimPrefix(err.Error(), "yaml: "), finding.MaxQuote)
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if line, m, ok := strings.Cut(rest, ": "); ok {
			return fmt.Errorf("%s:%s: %s", path, line, m)
		}
	}
	return fmt.Errorf("%s:1: %s", path, msg)
}

// deref is the node an alias (*name) stands for, placed where the alias is,
// so that messages point at the line that uses it; any other node is itself.
// An alias always names an anchor defined before it, so this ends.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.AliasNode || n.Alias == nil {
		return n
	}
	v := *deref(n.Alias)
	v.Line, v.Column = n.Line, n.Column
	return &v
}

// quote writes a value of the file in a message, cut short: it may be
// megabytes long.
func quote(s string) string {
	return strconv.Quote(finding.Shorten(s, finding.MaxQuote))
}

// null reports whether n is YAML's null: "key:" with nothing after it, or ~.
func null(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// Load reads and validates the file name against the known rules. Every problem
// is reported as path:line:col, never ignored.
func Load(name string, rules rule.Set) (*Config, error) {
	data, err := regularfile.Read(name, maxSize)
	if err != nil {
		return nil, err
	}
	return parse(name, data, rules)
}

// parse validates data, the content of the file name.
func parse(name string, data []byte, rules rule.Set) (*Config, error) {
	errorf := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d:%d: %s", name, n.Line, n.Column, fmt.Sprintf(format, args...))
	}
	f, err := settings(name, data, errorf)
	if err != nil {
		return nil, err
	}
	c := &Config{Disable: map[*rule.Rule]bool{}, Severity: map[*rule.Rule]rule.Severity{}}
	lookup := func(n *yaml.Node) (*rule.Rule, error) {
		r, err := lookupRule(rules, n.Value)
		if err != nil {
			return nil, errorf(n, "%v", err)
		}
		return r, nil
	}
	scalar := func(n *yaml.Node, key string) error {
		if n.Kind != yaml.ScalarNode {
			return errorf(n, "%s: want a single value", key)
		}
		return nil
	}
	switch f.Disable.Kind {
	case 0:
	case yaml.SequenceNode:
		for _, n := range f.Disable.Content {
			n = deref(n)
			if err := scalar(n, "disable"); err != nil {
				return nil, err
			}
			r, err := lookup(n)
			if err != nil {
				return nil, err
			}
			c.Disable[r] = true
		}
	default:
		return nil, errorf(&f.Disable, "disable: want a list of rule ids or names, e.g. [GL105]")
	}
	pairs := func(n *yaml.Node, key string) ([][2]*yaml.Node, error) {
		if n.Kind == 0 {
			return nil, nil
		}
		if n.Kind != yaml.MappingNode {
			return nil, errorf(n, "%s: want a mapping", key)
		}
		var kv [][2]*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			kv = append(kv, [2]*yaml.Node{deref(n.Content[i]), deref(n.Content[i+1])})
		}
		return kv, nil
	}
	sevs, err := pairs(&f.Severity, "severity")
	if err != nil {
		return nil, err
	}
	for _, kv := range sevs {
		if err := scalar(kv[1], "severity"); err != nil {
			return nil, err
		}
		r, err := lookup(kv[0])
		if err != nil {
			return nil, err
		}
		sev, err := rule.ParseSeverity(kv[1].Value)
		if err != nil {
			return nil, errorf(kv[1], "severity: %s", finding.Shorten(err.Error(), finding.MaxQuote))
		}
		c.Severity[r] = sev
	}
	if f.FailOn.Kind != 0 {
		if err := scalar(&f.FailOn, "fail-on"); err != nil {
			return nil, err
		}
		if c.FailOn, err = rule.ParseSeverity(f.FailOn.Value); err != nil {
			return nil, errorf(&f.FailOn, "fail-on: %s", finding.Shorten(err.Error(), finding.MaxQuote))
		}
	}
	if f.Resolve.Kind != 0 {
		if err := scalar(&f.Resolve, "resolve"); err != nil {
			return nil, err
		}
		if c.Resolve, err = imagefacts.ParseMode(f.Resolve.Value); err != nil {
			return nil, errorf(&f.Resolve, "%v", err)
		}
	}
	images, err := pairs(&f.Images, "images")
	if err != nil {
		return nil, err
	}
	for _, kv := range images {
		if err := scalar(kv[1], "images"); err != nil {
			return nil, err
		}
		if err := scalar(kv[0], "images"); err != nil {
			return nil, err
		}
		if _, err := path.Match(kv[0].Value, ""); err != nil {
			return nil, errorf(kv[0], "images: bad pattern %s (path.Match syntax: * ? [a-z], \\ to quote)", quote(kv[0].Value))
		}
		fam, err := shell.ParseFamily(kv[1].Value)
		if err != nil {
			return nil, errorf(kv[1], "images: %s", finding.Shorten(err.Error(), finding.MaxQuote))
		}
		c.Images = append(c.Images, Image{Pattern: kv[0].Value, Shell: fam})
	}
	return c, nil
}

// lookupRule finds the rule a setting names by ID or name.
func lookupRule(rules rule.Set, idOrName string) (*rule.Rule, error) {
	r := rules.Lookup(idOrName)
	if r == nil {
		return nil, fmt.Errorf("unknown rule %s (see gracelint rules)", quote(idOrName))
	}
	return r, nil
}

// FromSettings returns the Config of .gracelint.yaml's disable and severity
// settings when another tool's configuration file carries them, as golangci-lint's
// linters.settings.custom.gracelint.settings does, already decoded. Rules are
// named by ID or name, as in the file; errors name the setting.
func FromSettings(disable []string, severity map[string]string, rules rule.Set) (*Config, error) {
	c := &Config{Disable: map[*rule.Rule]bool{}, Severity: map[*rule.Rule]rule.Severity{}}
	for _, name := range disable {
		r, err := lookupRule(rules, name)
		if err != nil {
			return nil, fmt.Errorf("disable: %w", err)
		}
		c.Disable[r] = true
	}
	for _, name := range slices.Sorted(maps.Keys(severity)) {
		r, err := lookupRule(rules, name)
		if err != nil {
			return nil, fmt.Errorf("severity: %w", err)
		}
		if c.Severity[r], err = rule.ParseSeverity(severity[name]); err != nil {
			return nil, fmt.Errorf("severity: %s: %s", name, finding.Shorten(err.Error(), finding.MaxQuote))
		}
	}
	return c, nil
}
