package finding

import (
	"os"
	"path/filepath"
	"strings"
)

// DisplayPath writes p the way the report writes a finding's file, and so the
// way a message that names another file should: relative to the working
// directory with a leading "./" inside it, "../x" outside it unless the
// absolute path is shorter.
func DisplayPath(p string) string {
	p = filepath.ToSlash(RelativePath(p))
	if filepath.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return p
	}
	return "./" + p
}

// RelativePath is p relative to the working directory, or absolute when that
// is shorter, as the go command shows paths; p unchanged if either is unknown.
// Go findings and fixes come with absolute paths, which reports and diffs
// should not show.
func RelativePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || (rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))) && len(abs) <= len(rel) {
		return abs
	}
	return rel
}
