// Package config reads .gracelint.yaml, the per-repository settings.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/gracelint/gracelint/internal/rule"
	"github.com/gracelint/gracelint/internal/shell"
)

// FileName is looked for in the working directory and its parents.
const FileName = ".gracelint.yaml"

// Config is the parsed file. The zero value means "no settings".
type Config struct {
	Path     string                       // where it was read from; "" if none
	Disable  map[*rule.Rule]bool          // rules that do not run
	Severity map[*rule.Rule]rule.Severity // overrides of default severities
	FailOn   rule.Severity                // 0 if not set
	Images   []Image                      // base-image shell overrides, in file order
}

// An Image maps base image references matching Pattern (path.Match syntax, matched
// against the reference with and without its tag) to the shell they ship.
type Image struct {
	Pattern string
	Shell   shell.Family
}

// Find returns the path of the nearest FileName at or above dir, or "" if none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// file is the YAML shape. Nodes keep positions for error messages.
type file struct {
	Disable  []yaml.Node `yaml:"disable"`
	Severity yaml.Node   `yaml:"severity"`
	FailOn   yaml.Node   `yaml:"fail-on"`
	Images   yaml.Node   `yaml:"images"`
}

// Load reads and validates the file at path against the known rules. Every problem
// is reported as path:line:col, never ignored.
func Load(path string, rules rule.Set) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c := &Config{Path: path, Disable: map[*rule.Rule]bool{}, Severity: map[*rule.Rule]rule.Severity{}}
	errorf := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d:%d: %s", path, n.Line, n.Column, fmt.Sprintf(format, args...))
	}
	lookup := func(n *yaml.Node) (*rule.Rule, error) {
		r := rules.Lookup(n.Value)
		if r == nil {
			return nil, errorf(n, "unknown rule %q (see gracelint rules)", n.Value)
		}
		return r, nil
	}
	for i := range f.Disable {
		r, err := lookup(&f.Disable[i])
		if err != nil {
			return nil, err
		}
		c.Disable[r] = true
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
			kv = append(kv, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
		}
		return kv, nil
	}
	sevs, err := pairs(&f.Severity, "severity")
	if err != nil {
		return nil, err
	}
	for _, kv := range sevs {
		r, err := lookup(kv[0])
		if err != nil {
			return nil, err
		}
		sev, err := rule.ParseSeverity(kv[1].Value)
		if err != nil {
			return nil, errorf(kv[1], "severity: %v", err)
		}
		c.Severity[r] = sev
	}
	if f.FailOn.Value != "" {
		if c.FailOn, err = rule.ParseSeverity(f.FailOn.Value); err != nil {
			return nil, errorf(&f.FailOn, "fail-on: %v", err)
		}
	}
	images, err := pairs(&f.Images, "images")
	if err != nil {
		return nil, err
	}
	for _, kv := range images {
		fam, err := shell.ParseFamily(kv[1].Value)
		if err != nil {
			return nil, errorf(kv[1], "images: %v", err)
		}
		c.Images = append(c.Images, Image{Pattern: kv[0].Value, Shell: fam})
	}
	return c, nil
}
