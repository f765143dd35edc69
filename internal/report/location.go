package report

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gracelint/gracelint/internal/findup"
	"github.com/gracelint/gracelint/internal/regularfile"
)

// RepoRoot returns the root of the git work tree that contains dir: the nearest
// ancestor holding a .git entry (a directory, or a file in worktrees and
// submodules). Outside a repository it returns dir. It only looks at the file
// system, so a pre-commit run pays for no git process.
func RepoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	git, err := findup.Nearest(abs, ".git")
	if err != nil || git == "" {
		return abs
	}
	return filepath.Dir(git)
}

// repoPath writes a finding's file relative to rep.Root with forward slashes, as
// CI systems match annotations against repository paths. A file outside the root
// keeps its absolute path.
func (rep *Report) repoPath(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	root := rep.Root
	if root == "" {
		root = "."
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// fingerprints returns one identifier per finding of rep that stays the same when
// unrelated lines move: a hash of the rule, the repository path, the offending
// line's trimmed text and how many identical triples came before it. CI systems
// use it to tell a new problem from an old one that shifted.
func fingerprints(rep *Report) []string {
	lines := map[string][]string{} // file -> its lines, read once
	seen := map[string]int{}
	out := make([]string, len(rep.Findings))
	for i, f := range rep.Findings {
		text, ok := lines[f.File]
		if !ok {
			src, _ := regularfile.Read(f.File, regularfile.MaxSource) // an unreadable file hashes as empty lines
			text = strings.Split(string(src), "\n")
			lines[f.File] = text
		}
		line := ""
		if f.Line >= 1 && f.Line <= len(text) {
			line = strings.TrimSpace(text[f.Line-1])
		}
		key := f.Rule.ID + "\x00" + rep.repoPath(f.File) + "\x00" + line
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(seen[key])))
		seen[key]++
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}
