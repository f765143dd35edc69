// Package discover turns command-line patterns into the Dockerfiles to lint and the
// Go package patterns to load.
package discover

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Targets is what one run looks at.
type Targets struct {
	Dockerfiles []string // cleaned paths as the user would write them, sorted, no duplicates
	GoPatterns  []string // patterns for go/packages, in the user's order, no duplicates
}

// skipDirs are never entered by a "..." walk; an explicit path still names them.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "testdata": true}

// Resolve expands patterns: "dir/..." walks dir, "dir" looks in dir only, a file is
// linted as a Dockerfile whatever its name (a .go file names its package instead).
// A pattern that names nothing on disk is an error.
func Resolve(patterns []string) (*Targets, error) {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	t := &Targets{}
	for _, p := range patterns {
		if err := t.add(p); err != nil {
			return nil, err
		}
	}
	slices.Sort(t.Dockerfiles)
	t.Dockerfiles = slices.Compact(t.Dockerfiles)
	return t, nil
}

func (t *Targets) add(pattern string) error {
	if root, ok := strings.CutSuffix(filepath.ToSlash(pattern), "..."); ok {
		root = strings.TrimSuffix(root, "/")
		if root == "" || root == "." {
			root = "."
		}
		if _, err := os.Stat(root); err != nil {
			return fmt.Errorf("pattern %s: %w", pattern, err)
		}
		t.addGo(goDirPattern(root) + "/...")
		return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != root && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && IsDockerfile(d.Name()) {
				t.Dockerfiles = append(t.Dockerfiles, path)
			}
			return nil
		})
	}
	info, err := os.Stat(pattern)
	if err != nil {
		return fmt.Errorf("pattern %s: %w", pattern, err)
	}
	clean := filepath.Clean(pattern)
	switch {
	case info.IsDir():
		t.addGo(goDirPattern(clean))
		entries, err := os.ReadDir(clean)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.Type().IsRegular() && IsDockerfile(e.Name()) {
				t.Dockerfiles = append(t.Dockerfiles, filepath.Join(clean, e.Name()))
			}
		}
	case !info.Mode().IsRegular():
		// Reading a FIFO or device would block or never end.
		return fmt.Errorf("pattern %s: not a regular file or directory", pattern)
	case strings.HasSuffix(clean, ".go"):
		t.addGo(goDirPattern(filepath.Dir(clean)))
	default:
		t.Dockerfiles = append(t.Dockerfiles, clean)
	}
	return nil
}

func (t *Targets) addGo(p string) {
	if !slices.Contains(t.GoPatterns, p) {
		t.GoPatterns = append(t.GoPatterns, p)
	}
}

// goDirPattern makes a directory a relative package pattern: go/packages reads a
// bare "dir" as an import path, "./dir" as a directory.
func goDirPattern(dir string) string {
	if filepath.IsAbs(dir) || dir == "." || strings.HasPrefix(dir, "."+string(filepath.Separator)) || strings.HasPrefix(dir, "..") {
		return dir
	}
	return "." + string(filepath.Separator) + dir
}

// IsDockerfile reports whether a file name is one docker build or podman would
// pick up as a Dockerfile, or one named after that convention.
func IsDockerfile(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case lower == "dockerfile" || lower == "containerfile":
		return true
	case strings.HasSuffix(lower, ".dockerfile"):
		return true
	case strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile."):
		for _, ext := range []string{".dockerignore", ".md", ".template", ".tmpl"} {
			if strings.HasSuffix(lower, ext) {
				return false
			}
		}
		return true
	}
	return false
}
