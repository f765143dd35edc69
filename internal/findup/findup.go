// Package findup finds a file by walking up from a directory, the way git finds
// .git, the go command finds go.mod and gracelint finds .gracelint.yaml.
package findup

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Nearest returns the path of the first of names that dir, or its nearest
// ancestor holding any of them, contains; names are tried in order in each
// directory. It returns "" when no ancestor holds one. An entry counts whatever
// it is (git's .git is a file in worktrees; a symbolic link is not followed),
// and an error other than "does not exist" ends the search.
func Nearest(dir string, names ...string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, name := range names {
			p := filepath.Join(dir, name)
			if _, err := os.Lstat(p); err == nil {
				return p, nil
			} else if !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}
