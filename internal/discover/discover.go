// Package discover turns command-line patterns into the Dockerfiles to lint and the
// Go package patterns to load.
package discover

import (
	"errors"
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
	// Unreadable are files named on the command line that exist but are no
	// regular file (a FIFO, a device, a socket): reading one could block forever,
	// so it is reported rather than read, and the run goes on. So are files in
	// a folder the user may not search.
	Unreadable []Unreadable
	// Skipped are directories under a "..." walk that could not be read (a
	// container volume owned by another user): what they hold was not looked at.
	Skipped []Unreadable
	// Trees are the directories "..." patterns walk; Dirs those other patterns
	// look in, without their subdirectories: where -fix may rewrite files.
	Trees, Dirs []string
}

// An Unreadable file is one that was not read, and why.
type Unreadable struct {
	Path string
	Err  error
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
	if root, ok := walkRoot(pattern); ok {
		if _, err := os.Stat(root); err != nil {
			return missing(pattern, err)
		}
		t.addGo(strings.TrimSuffix(goDirPattern(root), "/") + "/...")
		t.Trees = append(t.Trees, root)
		return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root || d == nil || !d.IsDir() {
					return err
				}
				t.Skipped = append(t.Skipped, Unreadable{path, err})
				return filepath.SkipDir
			}
			if d.IsDir() {
				if path != root && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if IsDockerfile(d.Name()) && lintable(path, d) {
				t.Dockerfiles = append(t.Dockerfiles, path)
			}
			return nil
		})
	}
	info, err := os.Stat(pattern)
	if err != nil {
		if _, lerr := os.Lstat(pattern); lerr == nil {
			// A dangling symbolic link: there is a file, and reading it fails,
			// which is a finding about that file, not a reason to stop.
			t.Dockerfiles = append(t.Dockerfiles, filepath.Clean(pattern))
			return nil
		}
		if errors.Is(err, fs.ErrPermission) {
			// A file in a folder this user cannot search: it may well exist,
			// and not reading it is a finding about it.
			t.Unreadable = append(t.Unreadable, Unreadable{filepath.Clean(pattern), err})
			return nil
		}
		return missing(pattern, err)
	}
	clean := filepath.Clean(pattern)
	switch {
	case info.IsDir():
		t.addGo(goDirPattern(clean))
		t.Dirs = append(t.Dirs, clean)
		entries, err := os.ReadDir(clean)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if path := filepath.Join(clean, e.Name()); IsDockerfile(e.Name()) && lintable(path, e) {
				t.Dockerfiles = append(t.Dockerfiles, path)
			}
		}
	case !info.Mode().IsRegular():
		// Reading a FIFO or device would block or never end.
		t.Unreadable = append(t.Unreadable, Unreadable{clean, fmt.Errorf("%s is not a regular file (%s)", clean, info.Mode().Type())})
	case strings.HasSuffix(clean, ".go"):
		t.addGo(goDirPattern(filepath.Dir(clean)))
		t.Dirs = append(t.Dirs, filepath.Dir(clean))
	default:
		t.Dockerfiles = append(t.Dockerfiles, clean)
	}
	return nil
}

// lintable reports whether a directory entry found by a walk is a file to read:
// a regular file, or a symbolic link to one (Dockerfile -> docker/Dockerfile.prod,
// which docker build follows). A dangling link is kept so that it is reported as
// unreadable; links to directories, FIFOs and devices are not files to lint.
func lintable(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	info, err := os.Stat(path)
	return err != nil || info.Mode().IsRegular()
}

// A MissingError is the error for a pattern that names nothing on disk. The
// caller knows whether a pattern starting with "-" was a flag given too late.
type MissingError struct {
	Pattern string
	Err     error
}

func (e *MissingError) Error() string {
	if errors.Is(e.Err, fs.ErrNotExist) {
		return e.Pattern + ": no such file or directory"
	}
	return e.Err.Error()
}

func (e *MissingError) Unwrap() error { return e.Err }

func missing(pattern string, err error) error {
	return &MissingError{Pattern: pattern, Err: err}
}

func (t *Targets) addGo(p string) {
	if !slices.Contains(t.GoPatterns, p) {
		t.GoPatterns = append(t.GoPatterns, p)
	}
}

// goDirPattern makes a directory a relative package pattern: go/packages reads a
// bare "dir" as an import path, "./dir" as a directory.
// walkRoot is the directory a "dir/..." pattern walks: "..." and "./..." walk
// ".", "/..." walks "/". ok is false for a pattern without "...".
func walkRoot(pattern string) (root string, ok bool) {
	root, ok = strings.CutSuffix(filepath.ToSlash(pattern), "...")
	if !ok {
		return "", false
	}
	if root != "/" {
		root = strings.TrimSuffix(root, "/")
	}
	if root == "" {
		root = "."
	}
	return filepath.FromSlash(root), true
}

func goDirPattern(dir string) string {
	sep := string(filepath.Separator)
	if filepath.IsAbs(dir) || dir == "." || dir == ".." || strings.HasPrefix(dir, "."+sep) || strings.HasPrefix(dir, ".."+sep) {
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
