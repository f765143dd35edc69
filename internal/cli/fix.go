package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gracelint/gracelint/internal/finding"
	"github.com/gracelint/gracelint/internal/fixer"
)

// fixRounds bounds how often -fix writes fixes and lints again.
const fixRounds = 3

// printFixes is -diff: the fixes of findings as a unified diff, nothing written.
func printFixes(findings []finding.Finding, inputs fixer.Sources, stdout, stderr io.Writer) {
	plan := fixer.NewPlan(findings, inputs)
	for _, err := range plan.Refused {
		fmt.Fprintf(stderr, "gracelint: %v\n", err)
	}
	for _, c := range plan.Changes {
		io.WriteString(stdout, c.Diff())
	}
}

// writeFixes is -fix: it writes the fixes of findings and reports whether any
// file changed. Fixes held back by an overlap are reported only when nothing
// could be written; otherwise the next round retries them on the new text.
// Every other refusal (a file changed since it was linted) is reported.
// A folder where no file can be written (each fix writes a new file beside
// the one it replaces) is named once, with how many files it kept from being
// fixed, and added to unwritable so that later rounds leave it alone.
func writeFixes(findings []finding.Finding, inputs fixer.Sources, stderr io.Writer, unwritable map[string]bool) bool {
	plan := fixer.NewPlan(findings, inputs)
	wrote := false
	var folders []string
	kept := map[string]int{} // files not fixed, by unwritable folder
	for _, c := range plan.Changes {
		dir := filepath.Dir(c.File)
		if unwritable[dir] {
			continue
		}
		if err := c.Write(); err != nil {
			if errors.Is(err, fs.ErrPermission) && !canWriteIn(dir) {
				if kept[dir] == 0 {
					folders = append(folders, dir)
				}
				kept[dir]++
				continue
			}
			fmt.Fprintf(stderr, "gracelint: %v\n", err)
			continue
		}
		fmt.Fprintf(stderr, "gracelint: fixed %s\n", finding.DisplayPath(c.File))
		wrote = true
	}
	for _, dir := range folders {
		unwritable[dir] = true
		files := "files"
		if kept[dir] == 1 {
			files = "file"
		}
		fmt.Fprintf(stderr, "gracelint: cannot fix %d %s in %s: the folder is not writable, and -fix writes each fixed file anew beside the old one; "+
			"make the folder writable, or apply the fixes shown by -diff\n", kept[dir], files, finding.DisplayPath(dir))
	}
	for _, err := range plan.Refused {
		if !wrote || !errors.Is(err, fixer.ErrOverlap) {
			fmt.Fprintf(stderr, "gracelint: %v\n", err)
		}
	}
	return wrote
}

// canWriteIn reports whether a file can be created in dir, by creating one
// and removing it: only the attempt itself answers for every file system and
// access control. It is asked only after a fix there failed for permission.
func canWriteIn(dir string) bool {
	f, err := os.CreateTemp(dir, ".gracelint-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}
