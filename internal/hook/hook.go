// Package hook is gracelint's plain git pre-commit hook, for teams that do not use
// the pre-commit framework: the script `gracelint hook install` writes, and the
// staged files that `gracelint hook run` lints.
package hook

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gracelint/gracelint/internal/discover"
)

// Script is the hook. It only hands over to gracelint, so upgrading gracelint
// upgrades the hook.
const Script = `#!/bin/sh
# gracelint pre-commit hook, written by "gracelint hook install".
# Lints the staged Dockerfiles and the Go packages of the staged .go files.
if ! command -v gracelint >/dev/null 2>&1; then
	echo "gracelint pre-commit hook: gracelint is not on PATH" >&2
	bin=$(go env GOBIN 2>/dev/null)
	[ -n "$bin" ] || bin=$(go env GOPATH 2>/dev/null | cut -d: -f1)/bin
	if [ -x "$bin/gracelint" ]; then
		echo "  it is installed in $bin: add that directory to PATH" >&2
	else
		echo "  install it from a clone of gracelint: go -C /path/to/gracelint install ./cmd/gracelint" >&2
		echo "  (once gracelint is released: go install github.com/gracelint/gracelint/cmd/gracelint@latest)" >&2
		echo "  and put the directory go install writes to on PATH: \$(go env GOPATH)/bin, or GOBIN" >&2
	fi
	exit 1
fi
exec gracelint hook run
`

// ErrExists is returned by Install when a pre-commit hook is already there.
var ErrExists = errors.New("a pre-commit hook already exists")

// Install writes Script as the pre-commit hook of the repository that contains
// dir and returns its path. It refuses to replace an existing hook unless force.
func Install(dir string, force bool) (string, error) {
	// git knows where hooks live: core.hooksPath, worktrees, GIT_DIR.
	out, err := git(dir, "rev-parse", "--path-format=absolute", "--git-path", "hooks")
	if err != nil {
		return "", err
	}
	hooks := strings.TrimSpace(string(out))
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(hooks, "pre-commit")
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o755)
	if errors.Is(err, fs.ErrExist) {
		return path, fmt.Errorf("%w: %s (gracelint hook install -force replaces it)", ErrExists, path)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(Script); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Chmod(0o755); err != nil { // O_TRUNC keeps an old hook's mode
		f.Close()
		return "", err
	}
	return path, f.Close()
}

// Staged returns the absolute paths of the files staged for commit in the
// repository that contains dir that gracelint lints: Dockerfiles (by name, or by
// content for a lookalike such as Dockerfile.bak, as a walk takes them) and .go
// files. Deleted files are left out.
func Staged(dir string) ([]string, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	out, err := git(dir, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, name := range strings.Split(string(out), "\x00") {
		path := filepath.Join(root, filepath.FromSlash(name))
		if name != "" && (strings.HasSuffix(name, ".go") || discover.MaybeDockerfile(path)) {
			files = append(files, path)
		}
	}
	return files, nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
