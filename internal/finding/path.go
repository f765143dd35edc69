package finding

import (
	"os"
	"path/filepath"
	"strings"
)

// DisplayPath writes p the way the report writes a finding's file, for a
// message that names another file: relative to the working directory with a
// leading "./" when p lies inside it, otherwise unchanged.
func DisplayPath(p string) string {
	abs, err := filepath.Abs(p)
	wd, wdErr := os.Getwd()
	if err != nil || wdErr != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(p)
	}
	return "./" + filepath.ToSlash(rel)
}
