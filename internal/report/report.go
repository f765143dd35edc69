// Package report prints findings. Every output format is produced from the same
// finding model and rule registry; none knows about individual rules.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/rule"
)

// A Report is everything a printer may show.
type Report struct {
	Findings []finding.Finding // sorted, paths relative to the working directory ("./x")
	Rules    rule.Set          // the rules that were enabled in this run
	Color    bool              // the text format may use ANSI colour
	// Root is the directory the CI formats (github, sarif, checkstyle, codeclimate,
	// rdjson) write paths relative to, because annotations attach to repository
	// paths: the git work tree root (see RepoRoot). "" means the working directory.
	Root string
}

// A Format is one way to print a report.
type Format struct {
	Name  string
	Doc   string
	Print func(w io.Writer, rep *Report) error
}

var formats = map[string]Format{}

func register(f Format) { formats[f.Name] = f }

// Lookup returns the named format.
func Lookup(name string) (Format, error) {
	f, ok := formats[name]
	if !ok {
		return Format{}, fmt.Errorf("unknown format %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}

// Names lists the formats, sorted.
func Names() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
